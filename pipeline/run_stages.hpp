#pragma once
// The stage plan of `kquarry run`: every stage once, in pipeline order, each a
// call into its module's library, with where an executor should place it.
// The local executor runs them one after the other on one database; the Slurm
// executor runs the sharded ones as job arrays and the final ones as one job.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"

namespace kq::pipeline {

struct StageRun;
struct PipelineOptions;
struct PipelineSummary;

// Shard K of N: the repos whose URL hashes to K, and everything mined from them.
struct Shard {
  unsigned index = 0;
  unsigned count = 1;
  std::string label() const;  // "K/N"
};
Shard parse_shard(std::string_view text);  // "K/N"; throws UsageError naming the text

// Where a stage belongs on a cluster.
enum class StagePlace {
  Cpu,    // sharded, CPU partition (mine, extract)
  Gpu,    // sharded, one GPU per task (synth, verify)
  Final,  // once over the joined database (curate, export)
};
std::string_view to_string(StagePlace place);

struct StageContext {
  const Config& config;
  const PipelineOptions& options;
  std::filesystem::path db_path;
  std::filesystem::path cache_dir;
  unsigned jobs = 1;
  std::optional<Shard> shard;  // only mining selects by it: a shard database holds nothing else
  PipelineSummary& summary;    // the stages run so far (export records their timings)
};

using StageFn = std::function<void(const StageContext&, StageRun&)>;

struct PlanStage {
  std::string name;
  StagePlace place;
  StageFn fn;
};

// In pipeline order: mine, extract, synth, verify, curate, export.
const std::vector<PlanStage>& stage_plan();
const PlanStage& find_stage(std::string_view name);  // throws UsageError listing the names

}  // namespace kq::pipeline
