#pragma once
// Compile commands and runs of a task's test, in the sandbox, on one backend:
// cpu-sim (g++ with the runtime headers) or a GPU backend (nvcc, hipcc).
// eval_build.hpp builds a test with a candidate; the mutation check and
// `kquarry eval` use both.
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/sandbox.hpp"
#include "core/types.hpp"

namespace kq::curation {

struct TestRunOptions {
  std::filesystem::path runtime_dir;          // default: kq::runtime_dir()
  std::chrono::seconds compile_timeout{300};
  std::chrono::seconds run_timeout{60};
  std::uint64_t memory_mb = 8192;
  BubblewrapMode bubblewrap = BubblewrapMode::Auto;
  std::string cuda_arch = "sm_90";
  std::string hip_arch = "gfx90a";
  // cpu-sim builds share a precompiled header of the runtime and GoogleTest
  // kept here (built on first use); empty: no precompiled header.
  std::filesystem::path pch_dir;
  // The --cache folder: candidate compiles (object and outcome) are kept in
  // its result cache, so the same candidate is compiled once; empty: none.
  std::filesystem::path result_cache_dir;
  // Environment of the test program (the evaluator's seed, nonce, record path).
  std::map<std::string, std::string> env;
};

struct TestRunResult {
  bool compiled = false;
  bool ran = false;          // the test program ran to the end (any verdict)
  bool passed = false;       // every case passed
  std::string stage;         // compile or run
  std::string log;           // compiler output or the failing test lines
  double candidate_us = 0;   // sum over timed cases (GPU backends only)
  double reference_us = 0;
  bool timed = false;
  std::int64_t wall_ms = 0;
  std::string output;        // the test program's standard output (run stage)
};

// Runs the program built in `work_dir` (eval_build.hpp builds it), with
// extra GoogleTest arguments (a --gtest_filter), as often as needed.
TestRunResult run_built_test(const std::filesystem::path& work_dir, const std::string& backend,
                             const TestRunOptions& options, const std::vector<std::string>& gtest_args = {});

// Names declared `extern __shared__ T name[]` in `source`.
std::vector<std::string> extern_shared_names(const std::string& source);

// The compile command line for a backend (exposed for the dataset card and tests).
std::vector<std::string> test_compile_command(const std::string& backend, Dialect dialect,
                                              const std::filesystem::path& runtime,
                                              const std::vector<std::string>& shared_names,
                                              const TestRunOptions& options);

// The sandbox for a test build (gpu false) or run.
SandboxOptions test_sandbox_options(const std::filesystem::path& work, std::chrono::seconds timeout,
                                    const TestRunOptions& options, bool gpu);

// Hard-links a precompiled header (ensure_*_pch) into `work_dir`, under its
// own name; false when it cannot.
bool link_test_pch(const std::filesystem::path& header, const std::filesystem::path& work_dir);

// Builds (once) the precompiled header for cpu-sim test builds in
// options.pch_dir; returns the header to pass with -include, or "" when none.
std::filesystem::path ensure_test_pch(const std::filesystem::path& runtime, const TestRunOptions& options);

// The same for a candidate's cpu-sim compile (the runtime alone, compiled with
// the candidate's `extra_flags`): returns kq_candidate_pch.hpp, or "" when none.
std::filesystem::path ensure_candidate_pch(const std::filesystem::path& runtime, const TestRunOptions& options,
                                           const std::vector<std::string>& extra_flags);

}  // namespace kq::curation
