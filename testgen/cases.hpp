#pragma once
// The test cases of a kernel: at least typical, size1, one_block, ragged and
// large (the timing case), plus zeros, negatives and nan_inf where the
// element types and the kernel's domain allow. Same plan, same cases: every
// size, value and seed is a function of the plan alone.
#include <array>
#include <string>
#include <vector>

#include "core/launch_spec.hpp"
#include "testgen/expr.hpp"
#include "testgen/plan.hpp"

namespace kq::testgen {

// The case the timing run uses; its spec JSON also carries "timing": true.
inline constexpr const char* kTimingCase = "large";

// Size parameter values for one case kind (typical, size1, one_block, ragged,
// large, tiny).
Bindings case_sizes(const KernelPlan& plan, const std::string& kind);

// Grid for the given sizes (one block per row, ceil over tiles, capped for
// grid-stride loops).
std::array<unsigned, 3> case_grid(const KernelPlan& plan, const Bindings& sizes, bool large);

// `sizes` plus grid, block and threads, for evaluating size formulas.
Bindings launch_bindings(const KernelPlan& plan, const Bindings& sizes, const std::array<unsigned, 3>& grid);

// One case. `values`: random, zeros, negatives, nan_inf. Throws kq::Error when a
// size formula does not evaluate.
LaunchSpec build_case(const KernelPlan& plan, const std::string& name, const std::string& size_kind,
                      const std::string& values, std::uint64_t seed_base);

// Every case of the plan, in a fixed order.
std::vector<LaunchSpec> design_cases(const KernelPlan& plan);

// A tiny case (about 8 elements) for the documentation's example.
LaunchSpec example_case(const KernelPlan& plan);

// The specs as a JSON array, the timing case marked.
nlohmann::json cases_to_json(const std::vector<LaunchSpec>& cases);

}  // namespace kq::testgen
