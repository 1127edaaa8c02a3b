#pragma once
// What the synthesis and verification stages share: their options, their
// report, and reading a kernel's inputs from the database.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "db/database.hpp"
#include "db/stage_queue.hpp"
#include "synth/synthesizer.hpp"
#include "verifier/verifier.hpp"

namespace kq::synth {

struct StageOptions {
  std::string synthesizer = "builtin";     // builtin, openai, auto (synth only)
  std::vector<std::string> backends;       // verify only; empty: verifier.backends
  unsigned jobs = 1;
  std::string kernel;                      // only this kernel (name, qualified name or id)
  std::size_t limit = 0;                   // at most this many kernels; 0 is no limit
  bool retry_failed = false;               // also kernels that failed this stage before
  int max_attempts = 3;                    // repair attempts of a synthesizer that can repair
  std::filesystem::path cache_dir;         // compiled objects and scratch folders
  verify::VerifierOptions verifier;
  const Config* config = nullptr;          // for synthesizer factories; may be null
};

// Reads synth.* and verifier.* keys into options (flags are applied after).
StageOptions stage_options_from_config(const Config& config, const std::filesystem::path& cache_dir);

struct KernelOutcome {
  std::int64_t kernel_id = 0;
  std::string name;
  std::string status;      // ok, failed, unsupported, nondeterministic, skipped, kBudgetExhausted
  std::string reason;
  std::string synthesizer;
  int attempts = 0;
};

struct StageReport {
  std::string stage;       // synthesize, verify
  std::size_t selected = 0, ok = 0, failed = 0;
  // Kernels left at their stage because the model budget ran out (status
  // kBudgetExhausted): not failed, taken again by a later run.
  std::size_t deferred = 0;
  std::string budget_reason;                      // "budget exhausted: ..." when the budget ran out
  std::map<std::string, std::size_t> by_status;   // ok, failed, unsupported, nondeterministic ...
  std::map<std::string, std::size_t> top_reasons; // reason prefix -> count
  std::vector<std::string> backends;              // verify: backends that ran
  std::vector<std::string> skipped_backends;      // verify: selected but not runnable here
  std::vector<KernelOutcome> kernels;

  nlohmann::json to_json() const;
  // One line for the summary when the budget ran out, else empty.
  std::string budget_note() const;
  // 0 all ok, 1 some failed or left for a later run.
  int exit_code() const { return failed || deferred ? 1 : 0; }
};

// Everything synthesis may know about kernel `id`. Throws kq::Error when a row is missing.
KernelInput load_kernel_input(db::Database& db, std::int64_t kernel_id);

// Kernels a stage should take, in id order, honouring kernel/limit.
std::vector<std::int64_t> select_kernels(const std::filesystem::path& db_path, db::StageQueue queue,
                                         const StageOptions& o);

// Adds an outcome to the report (thread-safe when the caller holds the lock).
void tally(StageReport& report, const KernelOutcome& outcome);

// Marks a kernel whose stage threw as failed there, in its outcome and in the
// database; a database that cannot take the note leaves the outcome to say it.
void record_stage_exception(const std::filesystem::path& db_path, std::int64_t kernel_id, Stage stage,
                            const std::exception& error, KernelOutcome& out);

}  // namespace kq::synth
