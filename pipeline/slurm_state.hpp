#pragma once
// What `kquarry slurm submit` records of a run in DIR/slurm/state.json, so
// that status, cancel, collect and a resubmission know the run's shards,
// options and jobs without being told again.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/run_layout.hpp"
#include "pipeline/run_pipeline.hpp"
#include "pipeline/slurm_executor.hpp"

namespace kq::pipeline {

struct SlurmRound {
  double submitted_at = 0;  // seconds since the epoch
  std::vector<SubmittedJob> jobs;
};

struct SlurmRunState {
  std::filesystem::path repos;
  unsigned shards = 1;
  std::vector<std::string> backends;
  std::string synthesizer, version;
  std::vector<std::string> child_args;  // global flags of every job's kquarry
  std::string kquarry;                  // the executable the jobs run
  std::vector<SlurmRound> rounds;

  static std::optional<SlurmRunState> load(const RunLayout& layout);  // nullopt when there is none
  void save(const RunLayout& layout) const;

  std::vector<std::string> job_ids(bool last_round_only) const;
  PipelineOptions options(const std::filesystem::path& out_dir, unsigned jobs) const;
};

}  // namespace kq::pipeline
