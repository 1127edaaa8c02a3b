#include "pipeline/slurm_options.hpp"

#include "core/error.hpp"

namespace kq::pipeline {

namespace {

unsigned positive(const Config& config, std::string_view key, bool zero_ok) {
  long long v = config.get_int(key);
  if (v < 0 || (v == 0 && !zero_ok))
    throw UsageError("configuration key " + std::string(key) + " = " + std::to_string(v) + ": must be " +
                     (zero_ok ? "0 or more" : "at least 1"));
  return static_cast<unsigned>(v);
}

}  // namespace

SlurmOptions SlurmOptions::from_config(const Config& config) {
  SlurmOptions o;
  o.shards = positive(config, "slurm.shards", false);
  o.max_parallel = positive(config, "slurm.max_parallel", true);
  o.cpus_per_task = positive(config, "slurm.cpus_per_task", false);
  o.max_attempts = positive(config, "slurm.max_attempts", false);
  o.poll_s = positive(config, "slurm.poll_s", true);
  o.account = config.get("slurm.account");
  o.cpu = {config.get("slurm.cpu_partition"), config.get("slurm.cpu_time"), ""};
  o.gpu = {config.get("slurm.gpu_partition"), config.get("slurm.gpu_time"), config.get("slurm.gpu_gres")};
  std::string final_partition = config.get("slurm.final_partition");
  o.final = {final_partition.empty() ? o.cpu.partition : final_partition, config.get("slurm.final_time"), ""};
  o.modules = config.get_list("slurm.modules");
  o.sbatch_args = config.get_list("slurm.sbatch_args");
  o.kquarry = config.get("slurm.kquarry");
  return o;
}

const SlurmPlacement& SlurmOptions::placement(StagePlace place) const {
  return place == StagePlace::Cpu ? cpu : place == StagePlace::Gpu ? gpu : final;
}

}  // namespace kq::pipeline
