#pragma once
// The synthesis stage: every analyzed kernel without a successful synthesis
// gets one from the chosen synthesizer (builtin, openai, or auto: builtin
// first, then openai for what builtin cannot shape or fails to verify).
// Every attempt is a `syntheses` row; a synthesizer that can repair gets the
// verifier's feedback for up to synth.max_attempts attempts. The kernel moves
// to `synthesized`, or fails there with the reason. When the model budget
// runs out, the model is not asked again in this stage: the kernels it would
// have taken stay `analyzed` (status kBudgetExhausted in the report, exit 1)
// and a later run with more budget takes them up.
#include <filesystem>

#include "synth/stage_common.hpp"

namespace kq::synth {

StageReport synthesize_all(const std::filesystem::path& db_path, const StageOptions& options);

// The synthesizers `auto`/`builtin`/`openai` stand for, in the order tried.
std::vector<std::string> synthesizer_order(const std::string& choice);

}  // namespace kq::synth
