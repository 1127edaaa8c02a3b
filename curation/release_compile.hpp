#pragma once
// Before a release is written, every task's canonical solution is checked and
// compiled alone, as `kquarry eval` compiles a candidate, by each real compiler of the task's dialect found on this machine
// (nvcc for CUDA tasks; hipcc, and nvcc through the HIP-on-CUDA headers, for
// HIP tasks), whether or not a GPU is present: a task a real compiler rejects
// is not released, and `verification.compiled_for` lists the compilers that
// built it.
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
  std::string failure;                    // "" or "nvcc (cuda): <log>"
};

// The canonical candidate of a task record: complete_prompt + canonical_solution.
std::string canonical_candidate(const nlohmann::json& record);

// Keyed by (task_id, dialect). Records need "reference_source".
std::map<std::pair<std::string, std::string>, TaskCompile> compile_release_tasks(
    const std::vector<nlohmann::json>& records, const ReleaseCompileOptions& options);

}  // namespace kq::curation
