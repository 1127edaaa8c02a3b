#include "pipeline/executors.hpp"

#include "core/error.hpp"
#include "pipeline/slurm_executor.hpp"

namespace kq::pipeline {

namespace {
PipelineSummary run_locally(const Config& config, const PipelineOptions& options) {
  return run_pipeline(config, options);
}
}  // namespace

const std::vector<Executor>& executors() {
  static const std::vector<Executor> table = {
      {"local", "every stage in this process, one after the other", run_locally},
      {"slurm", "job arrays per stage on a Slurm cluster (slurm.* keys), waiting for the release", run_on_slurm},
  };
  return table;
}

const Executor& find_executor(std::string_view name) {
  std::string names;
  for (const auto& e : executors()) {
    if (e.name == name) return e;
    names += (names.empty() ? "" : ", ") + std::string(e.name);
  }
  throw UsageError("--executor '" + std::string(name) + "': expected one of " + names);
}

}  // namespace kq::pipeline
