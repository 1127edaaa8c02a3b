#pragma once
// The slurm.* configuration keys, read once into typed options.
#include <string>
#include <vector>

#include "core/config.hpp"
#include "pipeline/run_stages.hpp"

namespace kq::pipeline {

// What sbatch is told for the jobs of one stage place (cpu, gpu, final).
struct SlurmPlacement {
  std::string partition;  // empty: the cluster's default
  std::string time_limit;
  std::string gres;       // empty: none
};

struct SlurmOptions {
  unsigned shards = 4;
  unsigned max_parallel = 0;  // 0: no array throttle
  unsigned cpus_per_task = 4;
  unsigned max_attempts = 3;
  unsigned poll_s = 10;
  std::string account;
  SlurmPlacement cpu, gpu, final;
  std::vector<std::string> modules;
  std::vector<std::string> sbatch_args;
  std::string kquarry;  // empty: this executable

  static SlurmOptions from_config(const Config& config);
  const SlurmPlacement& placement(StagePlace place) const;
};

}  // namespace kq::pipeline
