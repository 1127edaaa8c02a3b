#pragma once
// `kquarry run`: mine, extract, synthesize, verify, curate and export in one
// go, through each stage's library function. Every stage skips work already
// recorded in the database, so a rerun resumes where the last one stopped.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "curation/funnel.hpp"
#include "pipeline/run_stages.hpp"

namespace kq::pipeline {

struct PipelineOptions {
  std::filesystem::path repos;       // repo list
  std::filesystem::path out_dir;     // release and, by default, kquarry.db and kquarry.log
  std::filesystem::path db_path;     // default out_dir/kquarry.db
  std::filesystem::path cache_dir;
  std::vector<std::string> backends; // empty: verifier.backends
  std::string synthesizer;           // empty: synth.synthesizer
  unsigned jobs = 1;
  std::string version;               // empty: export.version
  std::string executor = "local";    // pipeline/executors.hpp
  std::vector<std::string> child_args;  // global flags for kquarry processes an executor starts (--config, --set, ...)
};

struct StageRun {
  std::string name;
  double seconds = 0;
  std::size_t items = 0, failed = 0;
  std::string note;                  // one line: what the stage did, or why it stopped
  bool crashed = false;              // the stage itself threw
};

struct PipelineSummary {
  std::vector<StageRun> stages;
  std::vector<curation::FunnelStep> funnel;
  std::filesystem::path release_dir, db_path;
  std::size_t tasks = 0;
  int exit_code = 0;

  nlohmann::json to_json() const;
  std::string table() const;          // stages and the funnel, for the terminal
};

// Every stage of the plan, in order, on one database (the local executor).
PipelineSummary run_pipeline(Config config, const PipelineOptions& options);

// One sharded stage on shard `shard`'s database (out_dir/shards/...), as one
// array task of a cluster executor runs it; marks the shard stage done when
// the stage finished. Item failures are recorded and leave exit_code 0: only
// a stage that could not run (3) asks for the task to be run again.
PipelineSummary run_shard_stage(Config config, const PipelineOptions& options, const std::string& stage,
                                const Shard& shard);

// Joins the `shards` shard databases into the run's database (rebuilt each
// time, rows numbered by content so the result does not depend on the shard
// count) and runs the final stages on it: curate and export.
PipelineSummary collect_shards(Config config, const PipelineOptions& options, unsigned shards);

}  // namespace kq::pipeline
