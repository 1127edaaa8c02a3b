#pragma once
// The structured documentation the builtin synthesizer can state from the
// analysis alone: parameters with roles and shapes, the launch model, an
// example computed by running the kernel on a tiny case, and the store
// expression with its bounds as a hint for the summary.
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/launch_spec.hpp"
#include "testgen/plan.hpp"

namespace kq::synth {

// doc.params, doc.launch and doc.summary_hint.
nlohmann::json builtin_doc(const testgen::KernelPlan& plan, const KernelAnalysis& analysis);

// doc.example from a finished cpu-sim run of `spec` in `out_dir`: scalars,
// inputs (as generated) and outputs as small JSON arrays; nullopt when the
// outputs cannot be read.
std::optional<nlohmann::json> example_from_run(const LaunchSpec& spec, const std::filesystem::path& out_dir);

}  // namespace kq::synth
