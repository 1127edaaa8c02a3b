#pragma once
// The verification stage: every case of a kernel's synthesis is run on every
// selected backend that can run here and compared with the golden. With the
// builtin synthesizer the golden is the kernel itself on cpu-sim, first
// checked for determinism under three thread schedules. A kernel whose output
// depends on the schedule is `nondeterministic` and is not verified, unless it
// uses atomics and only its floating-point values move, as a different order
// of accumulation moves them: then the case's tolerance is widened to the
// spread seen over several schedules and says so (CompareSpec::basis).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "db/syntheses.hpp"
#include "synth/stage_common.hpp"

namespace kq::synth {

struct VerifyOutcome {
  bool passed = false;
  std::string status = "pass";   // pass, or the first failing VerifyStatus name
  std::string reason;            // "<status> in case <case> on <backend>: <log excerpt>"
  std::vector<db::VerificationRow> rows;  // one per (case, backend), synthesis_id left 0
  std::optional<Feedback> feedback;       // for a repairing synthesizer
  std::vector<LaunchSpec> cases;          // the cases as verified, tolerances widened where needed
  bool cases_changed = false;             // a tolerance was widened: the synthesis must store `cases`
};

// Verifies one synthesis. `work_dir` is a scratch folder (created).
VerifyOutcome verify_synthesis(const KernelInput& kernel, const std::vector<LaunchSpec>& cases,
                               const std::string& golden, const std::vector<std::string>& backends,
                               const verify::VerifierOptions& options, const std::filesystem::path& work_dir);

// The selected backends that can run on this machine, and those that cannot.
// Throws kq::UsageError for an unknown backend name.
std::pair<std::vector<std::string>, std::vector<std::string>> runnable_backends(
    const std::vector<std::string>& selected, const verify::VerifierOptions& options);

// Stage: kernels at `synthesized` (and, with retry_failed, those that failed
// verification) get their latest ok synthesis verified; rows go to
// `verifications`, the kernel to `verified` or failed with the reason.
StageReport verify_all(const std::filesystem::path& db_path, const StageOptions& options);

// Cases of a stored synthesis (its tests JSON).
std::vector<LaunchSpec> cases_from_tests_json(const std::string& tests);

}  // namespace kq::synth
