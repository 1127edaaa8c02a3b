#pragma once
// Checks that a task's test can tell right from wrong: it must pass with the
// canonical solution and fail with every mutant of it that compiles. A mutant
// that survives starts a search for cases that kill it (case_search.hpp):
// the cases found join the task's test, and a mutant none of them kills is
// recorded as likely equivalent. A task whose test kills no mutant, or lets
// one survive that a case could have killed, is not released, and the reason
// is recorded.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "curation/eval_build.hpp"
#include "curation/mutants.hpp"
#include "curation/task_record.hpp"
#include "curation/test_runner.hpp"

namespace kq::curation {

struct MutationReport {
  bool ok = false;
  std::string reason;             // why not ok, in words
  // {backend, canonical: {...}, mutants: [{op, what, compiled, killed, ...}],
  //  case_search: {...}, added_cases: [{name, from, change, kills}]}
  nlohmann::json detail;
  std::vector<Mutant> survivors;  // compiled mutants the test did not reject
  std::vector<LaunchSpec> added_cases;  // cases the search added to the task
};

struct MutationOptions {
  bool with_mutants = true;       // false: the canonical solution only
  std::size_t max_mutants = 4;
  std::size_t max_extra_cases = 32;  // per search; 0: no search
  std::set<std::string> size_params;  // integer scalars that are sizes (see extra_cases)
  std::string backend = "cpu-sim";
  std::filesystem::path cache_dir;  // the --cache folder: outcomes are kept in its result cache; empty: none
};

// The candidate source for a body: the task's code prompt, the body, and the
// braces the code prompt leaves open (a namespace around the kernel).
std::string candidate_from_body(const BuiltTask& task, const std::string& body);

// The build of `task`'s test (harness and reference) with a candidate.
IsolatedBuildInput task_build_input(const BuiltTask& task, const TaskTestSource& test, const std::string& candidate,
                                    const std::string& backend);
TaskTestSource task_test_source(const BuiltTask& task);

// Runs the checks in `work_dir` (variant_tests.hpp: the canonical solution
// and the mutants in one program on cpu-sim; outcomes kept in the result
// cache of `cache_dir` when given).
MutationReport check_task(const BuiltTask& task, bool with_mutants, std::size_t max_mutants,
                          const std::string& backend, const std::filesystem::path& work_dir,
                          const TestRunOptions& options, const std::filesystem::path& cache_dir = {});

// check_task, then the search for cases that kill the survivors; the cases
// found are added to `task` (its test re-rendered) and the task is checked
// again. Survivors no extra case kills are marked `likely_equivalent` with
// the number of extra cases tried.
MutationReport check_task_guided(BuiltTask& task, const MutationOptions& mutation,
                                 const std::filesystem::path& work_dir, const TestRunOptions& options);

}  // namespace kq::curation
