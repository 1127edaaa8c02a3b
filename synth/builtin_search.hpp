#pragma once
// Checks a plan by running its probe cases on cpu-sim, and repairs buffer
// sizes the bounds checker reports as too small by moving to the smallest
// candidate formula that covers the reported access.
#include <filesystem>
#include <optional>
#include <string>

#include "core/types.hpp"
#include "testgen/plan.hpp"
#include "verifier/verifier.hpp"

namespace kq::synth {

struct SearchOutcome {
  bool ok = false;
  std::string status = "ok";  // ok, unsupported, failed
  std::string reason;
  int runs = 0;
  nlohmann::json steps = nlohmann::json::array();  // [{case, buffer, from, to}]
  // The probe case of the last run that failed: what a failure replays with.
  std::optional<LaunchSpec> failed_case;
};

// Out-of-bounds report of the cpu-sim runtime, read from a run log.
struct BoundsReport {
  std::string buffer;
  long long offset_bytes = 0;
};
std::optional<BoundsReport> parse_bounds_report(const std::string& log);

// Runs the probe cases (typical, size1, ragged, one_block) and repairs sizes.
// `plan` is updated in place (count_candidates reordered).
SearchOutcome search_shapes(testgen::KernelPlan& plan, const std::string& unit_source, Dialect dialect,
                            const std::filesystem::path& work_dir, const verify::VerifierOptions& options,
                            int max_runs);

// The first lines of a log that say what went wrong.
std::string log_excerpt(const std::string& log, std::size_t max_chars = 600);

}  // namespace kq::synth
