#pragma once
// Task records (DESIGN.md, "Task record"): one per kernel and dialect, built
// from the curation row of a kernel, its verifications and its stable task id.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/types.hpp"
#include "curation/prompts.hpp"
#include "curation/task_test.hpp"
#include "db/curation.hpp"

namespace kq::curation {

struct RecordOptions {
  std::string task_prefix = "KernelQuarry";
  std::string cuda_arch = "sm_90";
  std::vector<std::string> hip_archs{"gfx90a", "gfx1030"};
};

struct BuiltTask {
  Dialect dialect = Dialect::Cuda;
  nlohmann::json record;
  TaskTexts texts;
  TaskTestInputs test_inputs;
};

// "KernelQuarry/0042"
std::string format_task_id(const std::string& prefix, std::int64_t number);

// repo url + path + qualified name: what keeps a task's number across reruns.
std::string task_content_key(const db::CurationKernel& k);

// The unit text of `dialect`: the unit itself in its own dialect, the
// extractor's HIP translation, or the include/API swap of dialect_text.hpp.
std::string unit_in_dialect(const db::CurationKernel& k, Dialect dialect);

// The names a backend is reported under: "cuda" -> {"cuda-sm90"}.
std::vector<std::string> backend_labels(const std::string& backend, const RecordOptions& options);

nlohmann::json source_block(const db::CurationKernel& k);
nlohmann::json verification_block(const std::vector<db::VerificationRow>& rows, const std::vector<LaunchSpec>& cases,
                                  const RecordOptions& options);
std::vector<std::string> task_tags(const KernelAnalysis& a);
std::vector<std::string> task_libs(const std::string& includes);

// Why `task` cannot be released in its dialect, or "": CUDA has no member
// kernels, so a static member kernel (HIP allows those) has no CUDA task.
std::string dialect_unavailable(const BuiltTask& task);

// Replaces the task's test cases: its test is rendered again and its
// verification block counts the new cases.
void set_task_cases(BuiltTask& task, std::vector<LaunchSpec> cases);

// Builds the tasks of both dialects (HIP first). Throws kq::Error naming the
// kernel when its unit or its test cases cannot be made into a task.
std::vector<BuiltTask> build_tasks(const db::CurationKernel& k, const std::vector<db::VerificationRow>& rows,
                                   const std::string& task_id, const RecordOptions& options);

}  // namespace kq::curation
