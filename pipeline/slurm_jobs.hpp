#pragma once
// Talking to Slurm through its commands (sbatch, squeue, sacct, scancel):
// job scripts rendered from a JobSpec, submission with dependencies, and the
// state of submitted jobs. Nothing here knows the pipeline's stages.
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/slurm_options.hpp"

namespace kq::pipeline {

// In a command argument, replaced by the array task's index.
inline constexpr std::string_view kArrayTask = "{task}";

struct JobSpec {
  std::string name;
  std::vector<unsigned> array;  // array task indices; empty: a single job
  unsigned max_parallel = 0;
  SlurmPlacement placement;
  std::string account;
  unsigned cpus = 1;
  std::vector<std::string> modules;
  std::filesystem::path log_pattern;  // sbatch --output (%A array job, %a task, %j job)
  std::vector<std::string> command;   // argv of the job's one command
};

std::string render_job_script(const JobSpec& spec);

// Submits `script`, after every job in `after` succeeded (afterok; a failed
// one cancels this job: --kill-on-invalid-dep). Returns the job id; throws
// kq::Error with sbatch's message when the submission is refused.
std::string submit_job(const std::filesystem::path& script, const std::vector<std::string>& after,
                       const std::vector<std::string>& sbatch_args);

struct JobState {
  std::string id;     // 12 or 12_3 (array task)
  std::string name;
  std::string state;  // PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...
  std::string reason;
};

// The jobs (and their array tasks) among `ids` that Slurm still knows: from
// squeue, and from sacct where the cluster keeps accounting.
std::vector<JobState> query_jobs(const std::vector<std::string>& ids);
bool is_active(const JobState& job);  // pending, running, or on its way out
void cancel_jobs(const std::vector<std::string>& ids);

// Whether sbatch is on PATH; the reason when not.
std::string slurm_missing_reason();

}  // namespace kq::pipeline
