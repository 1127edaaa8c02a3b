#pragma once
// The builtin synthesizer: deterministic and offline. It infers buffer shapes,
// scalars and the launch grid from the static analysis (testgen/), checks the
// inference by running the kernel on cpu-sim under the bounds checker and,
// where a buffer is too small, searches its candidate size formulas for the
// smallest that runs clean. The kernel itself, run on cpu-sim, is the golden.
#include <filesystem>
#include <optional>
#include <string>

#include "synth/synthesizer.hpp"
#include "testgen/plan.hpp"
#include "verifier/verifier.hpp"

namespace kq::synth {

struct BuiltinOptions {
  verify::VerifierOptions verifier;
  std::filesystem::path work_dir;  // scratch folder for probe runs (a fresh subfolder per kernel)
  bool run_probes = true;          // false: inference only, nothing is compiled or run
  int max_probe_runs = 16;         // bound on cpu-sim runs the size search may spend per kernel
  bool example = true;             // run a tiny case for doc.example
};

class BuiltinSynthesizer : public Synthesizer {
 public:
  explicit BuiltinSynthesizer(BuiltinOptions options) : options_(std::move(options)) {}
  std::string name() const override { return "builtin"; }
  Synthesis synthesize(const KernelInput& kernel, const std::optional<Feedback>& previous) override;

 private:
  BuiltinOptions options_;
};

// What the plan inference reads from a KernelInput.
testgen::PlanInput plan_input(const KernelInput& kernel);

}  // namespace kq::synth
