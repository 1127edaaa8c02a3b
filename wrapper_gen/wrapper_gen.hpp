#pragma once
// Host programs rendered from a launch spec (DESIGN.md, "The launch spec"):
// the wrapper that owns device buffers and launches one kernel in the CUDA or
// HIP dialect, its cpu-sim variant (the same dialect compiled by g++ with
// runtime/kq/cpu_sim.hpp, launching through KQ_LAUNCH), and the host program
// that calls a CPU golden. Every program fills its buffers with the runtime's
// seeded generators, so each backend sees the same bytes, and writes
// `<name>.npy` (out/inout), `<name>.in_after.npy` (in) and result.json into its
// working folder. The text comes from wrapper_gen/templates/.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/launch_spec.hpp"
#include "core/types.hpp"

namespace kq::wrapper_gen {

struct WrapperOptions {
  Dialect dialect = Dialect::Cuda;
  bool sim = false;                  // launch through KQ_LAUNCH and name buffers for the sim
  bool timing = false;               // after the correctness run: one warm-up, then timed launches
  unsigned timed_launches = 10;
  std::string unit_include = "unit.cu";  // the unit, included by file name
};

// The wrapper's full source. Throws kq::Error when the spec cannot be rendered
// (a struct buffer without bytes, a scalar without a literal value).
std::string render_wrapper(const LaunchSpec& spec, const WrapperOptions& options);

// The host program that calls `void kq_golden(...)` from `golden_include` on
// host buffers filled exactly as the wrapper fills them.
std::string render_golden_host(const LaunchSpec& spec, const std::string& golden_include);

// Spec-driven runners: the same host programs with the argument list (names,
// types, kinds, roles, template arguments) fixed at compile time and every
// per-case value (grid, block, shared bytes, scalar values, buffer counts and
// inits) read at run time from kCaseFile in the working folder, as written by
// render_case_file. Two specs of one kernel shape render the same runner text,
// so one executable serves every case. Outputs are those of the baked programs.
inline constexpr const char* kCaseFile = "case.txt";

std::string render_runner(const LaunchSpec& spec, const WrapperOptions& options);
std::string render_golden_runner(const LaunchSpec& spec, const std::string& golden_include);

// The case file of `spec` for either runner. Throws kq::Error for what
// render_wrapper rejects (a scalar without a literal value, a struct buffer
// without bytes).
std::string render_case_file(const LaunchSpec& spec);

// The data the templates are filled from (exposed for tests and prompts).
nlohmann::json wrapper_context(const LaunchSpec& spec, const WrapperOptions& options);

// Rewrites every kernel launch in a unit for the cpu-sim, which cannot parse
// `<<<...>>>`:  k<T><<<g, b, s, st>>>(a, b);  and
// hipLaunchKernelGGL(k, g, b, s, st, a, b);  both become
// KQ_LAUNCH(k<T>, g, b, s, a, b);  (a kernel name holding a comma is
// parenthesised). Comments, string and character literals are left alone.
std::string rewrite_launches_for_sim(std::string_view source);

}  // namespace kq::wrapper_gen
