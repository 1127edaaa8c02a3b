#pragma once
// The executors of `kquarry run`, one table: each runs the same stage plan
// (pipeline/run_stages.hpp), locally or as Slurm jobs.
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "pipeline/run_pipeline.hpp"

namespace kq::pipeline {

struct Executor {
  std::string_view name;
  std::string_view summary;
  PipelineSummary (*run)(const Config& config, const PipelineOptions& options);
};

const std::vector<Executor>& executors();
const Executor& find_executor(std::string_view name);  // throws UsageError listing the names

}  // namespace kq::pipeline
