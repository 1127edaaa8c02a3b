#pragma once
// `kquarry eval`: scores a model's samples against a release. Each sample's
// candidate is checked and built alone, linked with its task's test and the
// reference from the release's oracle/ folder (eval_build.hpp), and run in the
// sandbox with a fresh seed, a shuffled case order and a nonce; the verdict is
// the harness's result record (eval_record.hpp), never the exit status.
// Exit codes, as DESIGN.md's "Tests that cannot be fooled" fixes them: 0 every
// sample correct and at least as fast as the reference, 1 every sample
// correct but some slower, 2 some sample incorrect.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "curation/test_runner.hpp"

namespace kq::curation {

struct EvalOptions {
  std::filesystem::path release_dir;
  std::filesystem::path samples;        // JSONL of {task_id, dialect, completion | solution}
  std::string backend = "auto";         // auto: a GPU backend of the dialect when one runs here, else cpu-sim
  std::filesystem::path work_dir;       // scratch folder (default: a temp folder)
  TestRunOptions test;
  unsigned jobs = 1;
  double min_margin = 0.05;             // slower: candidate above reference * (1 + max(this, 3 * noise))
  bool timing = true;                   // time correct samples on GPU backends
};

struct SampleResult {
  std::size_t line = 0;                 // 1-based line in the samples file
  std::string task_id, dialect, backend;
  std::string verdict;                  // correct, slower, incorrect
  std::string reason;                   // why incorrect: a refusal, compile error, failing case, unknown task
  std::string stage;                    // where an incorrect sample stopped
  double candidate_us = 0, reference_us = 0, reference2_us = 0;  // medians per launch
  double speedup = 0, noise = 0, margin = 0;
  bool timed = false, significant = false;
  std::uint64_t seed = 0;               // the fresh inputs' seed, to reproduce a failure
};

struct EvalReport {
  std::vector<SampleResult> samples;
  int exit_code = 0;
  nlohmann::json summary;               // eval_stats.hpp: pass@k, fast_p
  nlohmann::json to_json() const;
};

EvalReport evaluate(const EvalOptions& options);

// The candidate source of a sample for a task record: the solution as given,
// or complete_prompt + completion; braces the text leaves open are closed.
std::string sample_candidate(const nlohmann::json& task, const nlohmann::json& sample);

}  // namespace kq::curation
