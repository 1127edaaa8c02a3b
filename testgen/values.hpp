#pragma once
// Value distributions of buffers and scalars that respect a kernel's domain:
// indices in range of the buffer they index, positive values where the code
// takes square roots or logarithms, exact small integers for integer types.
#include <cstdint>
#include <string>

#include "core/launch_spec.hpp"
#include "testgen/plan.hpp"

namespace kq::testgen {

// Initial contents of buffer `p` for a case. `values`: random, zeros,
// negatives, nan_inf; `index_hi`: largest valid index when p is an index
// buffer; `large`: the large random case.
InitSpec buffer_init(const ParamPlan& p, const std::string& values, long long index_hi, bool large,
                     std::uint64_t seed);

// Whether a values kind applies to the plan at all.
bool values_apply(const KernelPlan& plan, const std::string& values);

}  // namespace kq::testgen
