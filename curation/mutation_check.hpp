#pragma once
// Checks that a task's test can tell right from wrong: it must pass with the
// canonical solution and fail with every mutant of it that compiles. A task
// that fails this check is not released, and the reason is recorded.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "curation/task_record.hpp"
#include "curation/test_runner.hpp"

namespace kq::curation {

struct MutationReport {
  bool ok = false;
  std::string reason;             // why not ok, in words
  nlohmann::json detail;          // {canonical: {...}, mutants: [{op, what, compiled, killed}]}
};

// The candidate source for a body: the task's code prompt, the body, and the
// braces the code prompt leaves open (a namespace around the kernel).
std::string candidate_from_body(const BuiltTask& task, const std::string& body);

// Runs the checks in `work_dir`/canonical and `work_dir`/mutant-<op>.
MutationReport check_task(const BuiltTask& task, bool with_mutants, std::size_t max_mutants,
                          const std::string& backend, const std::filesystem::path& work_dir,
                          const TestRunOptions& options);

}  // namespace kq::curation
