#pragma once
// Before a release is written, every task's canonical solution is checked and
// compiled alone, as `kquarry eval` compiles a candidate, by each real compiler of the task's dialect found on this machine
// (nvcc for CUDA tasks; hipcc, and nvcc through the HIP-on-CUDA headers, for
// HIP tasks), whether or not a GPU is present: a task that nvcc (CUDA) or
// hipcc (HIP) rejects is not released; `verification.compiled_for` lists the
// compilers that built it (a HIP task nvcc cannot take through the
// HIP-on-CUDA headers, such as a member kernel, stays without that label).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "curation/test_runner.hpp"

namespace kq::curation {

struct ReleaseCompileOptions {
  TestRunOptions test;
  std::filesystem::path work_dir;       // default: a temp folder
  unsigned jobs = 1;
  std::vector<std::string> backends;    // empty: every GPU backend that can compile here
};

struct TaskCompile {
  std::vector<std::string> compiled_for;  // labels: "cuda-sm90", "hip-gfx90a", "hip-nvidia-sm90"
  std::string failure;                    // "" or "nvcc (cuda): <log>": the task is not released
  std::vector<std::string> not_compiled_for;  // hip-nvidia failures: noted, not a reason to drop
};

// The canonical candidate of a task record: complete_prompt + canonical_solution.
std::string canonical_candidate(const nlohmann::json& record);

// Keyed by (task_id, dialect). Records need "reference_source".
std::map<std::pair<std::string, std::string>, TaskCompile> compile_release_tasks(
    const std::vector<nlohmann::json>& records, const ReleaseCompileOptions& options);

}  // namespace kq::curation
