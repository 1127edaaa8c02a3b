#pragma once
// `kquarry run --executor slurm` and `kquarry slurm submit|status|cancel|collect`.
//
// A run becomes one job array per sharded stage (mine and extract on the CPU
// partition, synth and verify with one GPU per task) and one final job
// (collect: join the shard databases, curate, export), each after the one
// before it succeeded (afterok). Array task K of stage S runs
// `kquarry run --stage S --shard K/N` on DIR/shards/shard-K-of-N.db and marks
// (S, K) done. Submitting again submits only the (stage, shard) pairs not
// marked done, so a failed task is run again, and a run whose jobs were all
// cancelled resumes where it stopped; every stage skips work its database
// already records, so nothing is done or written twice.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "pipeline/run_pipeline.hpp"

namespace kq::pipeline {

struct SubmittedJob {
  std::string stage;  // a sharded stage, or "collect"
  std::string id;
  std::vector<unsigned> shards;  // array tasks; empty for collect
};

// One round of submission: every unfinished (stage, shard) and the final
// job. Refuses while jobs of the run's last round are still queued or running.
std::vector<SubmittedJob> submit_slurm_run(const Config& config, const PipelineOptions& options);

// Submits, waits, and submits the failed tasks again up to slurm.max_attempts
// times; the summary is the final job's, with each sharded stage's wall time.
PipelineSummary run_on_slurm(const Config& config, const PipelineOptions& options);

// The final job: joins the shards of the run in `out_dir`, curates, exports,
// and leaves the summary in DIR/slurm/summary.json.
PipelineSummary collect_slurm_run(const Config& config, const std::filesystem::path& out_dir, unsigned jobs,
                                  const std::filesystem::path& db_path);  // empty: DIR/kquarry.db

struct SlurmStatus {
  nlohmann::json json;  // stages: done shards and job states; funnel
  std::string table;
  bool finished = false;
};
SlurmStatus slurm_status(const std::filesystem::path& out_dir);

// Cancels every queued or running job of the run; returns how many.
std::size_t cancel_slurm_run(const std::filesystem::path& out_dir);

}  // namespace kq::pipeline
