#pragma once
// Builds a task's test with a candidate so that neither can reach into the
// other: the harness (test.cpp with kq_reference.inc) and the candidate are
// separate translation units, compiled in separate folders; the candidate's
// source is checked before it is compiled (eval_source_check.hpp) and its
// object before it is linked (eval_object_check.hpp); the link binds the
// harness's kqt_candidate_N names to the candidate's entry point symbols.
#include <filesystem>
#include <string>

#include "core/types.hpp"
#include "curation/task_test.hpp"
#include "curation/test_runner.hpp"

namespace kq::curation {

struct IsolatedBuildInput {
  TaskTestSource test;
  std::string candidate;
  std::string prompt;        // the task's complete_prompt (what the source check allows)
  std::string entry_point;   // unqualified
  Dialect dialect = Dialect::Cuda;
  std::string backend;
};

// Writes work_dir/{test.cpp, kq_reference.inc, candidate/candidate.cu} and
// builds work_dir/test. The result's stage says where it stopped: "source
// check", "compile" (harness or candidate), "object check" or "link"; a
// refusal's reason is in `log`, starting with "refused: ".
TestRunResult build_isolated(const IsolatedBuildInput& in, const std::filesystem::path& work_dir,
                             const TestRunOptions& options);

// The source check and the candidate's compile alone (no harness, no link):
// what a release checks with every real compiler, quickly.
TestRunResult compile_candidate_alone(const IsolatedBuildInput& in, const std::filesystem::path& work_dir,
                                      const TestRunOptions& options);

// build_isolated, then one run of the program (no extra arguments).
TestRunResult run_task_test(const IsolatedBuildInput& in, const std::filesystem::path& work_dir,
                            const TestRunOptions& options);

}  // namespace kq::curation
