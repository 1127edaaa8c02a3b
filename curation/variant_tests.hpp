#pragma once
// A task's test run against several variants of the candidate at once: the
// canonical solution and its mutants. Each outcome is first looked up in the
// result cache (keyed by the test, the candidate, the backend, the compile
// command, the compiler's version and the runtime headers), so a rerun
// builds and runs nothing. Each variant is built as the evaluator builds a
// candidate (its own translation unit, checked, linked with the harness), so
// the mutation check judges tests exactly as evaluation will. The first body
// is the reference (the canonical solution): when it does not compile, the
// others are reported as its copies, not built.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "curation/task_record.hpp"
#include "curation/task_test.hpp"
#include "curation/test_runner.hpp"

namespace kq::curation {

// run_task_test for every body (a kernel body after its opening brace, as
// the canonical solution is), in order.
// `cache_dir` is the --cache folder; empty: no result cache.
std::vector<TestRunResult> run_test_variants(const BuiltTask& task, const TaskTestSource& test_source,
                                             const std::vector<std::string>& bodies, const std::string& backend,
                                             const std::filesystem::path& work_dir, const TestRunOptions& options,
                                             const std::filesystem::path& cache_dir);

struct VariantVerdicts {
  bool compiled = false;
  std::map<std::string, bool> verdicts;  // per GoogleTest name, as per_test_verdicts gives them
};

// The verdict of every test of `test_source` (which has `expected_tests`
// tests) for every body, in order.
std::vector<VariantVerdicts> test_verdicts_of_variants(const BuiltTask& task, const TaskTestSource& test_source,
                                                       const std::vector<std::string>& bodies,
                                                       std::size_t expected_tests, const std::string& backend,
                                                       const std::filesystem::path& work_dir,
                                                       const TestRunOptions& options,
                                                       const std::filesystem::path& cache_dir);

// A compile or run cut short by the clock or the machine (a timeout, a kill,
// a process that could not start): its outcome may differ another time and
// is not cached.
bool may_differ_another_time(const TestRunResult& result);


}  // namespace kq::curation
