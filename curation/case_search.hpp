#pragma once
// Mutation-guided test cases. When a mutant of the canonical solution
// survives a task's test, more cases are made from the task's own ones (other
// seeds, smaller and ragged sizes down to the edge sizes, other scalar
// values), run with the canonical solution and with the mutant, and a case
// that tells them apart is added to the task. A mutant no such case kills is
// likely equivalent to the canonical solution.
#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/launch_spec.hpp"
#include "curation/mutants.hpp"
#include "curation/task_record.hpp"
#include "curation/test_runner.hpp"

namespace kq::curation {

struct ExtraCase {
  LaunchSpec spec;      // named "<base>_<change>"
  std::string from;     // the case it was made from
  std::string change;   // "n = 96 (was 97)", "seeds + 1"
};

// Up to `max_cases` new cases made from `cases`, one change each, in a fixed
// order (seeds first, then sizes, then other scalar values), never equal to a
// given case. Integer scalars named in `size_params` (all integer scalars
// when it is empty) only ever shrink, so a case reads no further into its
// buffers than the case it comes from; cases over `max_base_bytes` of
// buffers are not used as bases.
std::vector<ExtraCase> extra_cases(const std::vector<LaunchSpec>& cases, const std::set<std::string>& size_params,
                                   std::size_t max_cases, std::size_t max_base_bytes = std::size_t(1) << 20);

struct CaseSearch {
  std::size_t generated = 0;  // extra cases made
  std::size_t valid = 0;      // of those, cases the canonical solution passes
  std::vector<std::string> canonical_rejects;  // cases the canonical solution fails (not used)
  // Per mutant (same order as given): the index in `cases` of the first valid
  // case that kills it, or -1.
  std::vector<int> killer;
  std::vector<ExtraCase> cases;
  nlohmann::json detail;      // what a reviewer reads: counts and the cases that kill
};

// Builds a test of the extra cases alone, runs it with the canonical solution
// and with each mutant (variant_tests.hpp: one program for all of them on
// cpu-sim, results cached under `cache_dir` when given) in `work_dir`/search,
// and finds which valid case kills which mutant.
CaseSearch search_killing_cases(const BuiltTask& task, const std::vector<Mutant>& mutants,
                                const std::set<std::string>& size_params, std::size_t max_cases,
                                const std::string& backend, const std::filesystem::path& work_dir,
                                const TestRunOptions& options, const std::filesystem::path& cache_dir = {});

// The verdict of every test of a program built by build_task_test, by
// GoogleTest name ("suite.case"): true when it passed. A test that crashes or
// hangs the program counts as failed, and the program runs again without the
// tests already decided. `settled`, when given, is set false when a run was
// cut short by the clock or the machine (the verdicts may differ another time).
std::map<std::string, bool> per_test_verdicts(const std::filesystem::path& work_dir, const std::string& backend,
                                              const TestRunOptions& options, std::size_t expected_tests,
                                              bool* settled = nullptr);

}  // namespace kq::curation
