#pragma once
// Comparison tolerances by element type and kind of operation: exact for
// integer outputs; for floating point, tight for elementwise work and looser
// where the order of additions differs between backends (reductions, atomics).
#include "core/launch_spec.hpp"

namespace kq::testgen {

struct KernelPlan;

// op_class: elementwise, reduction, atomic, integer; out_type: the widest-error
// output element type ("__half" beats "float" beats "double").
CompareSpec tolerance_for(const std::string& op_class, const std::string& out_type);
CompareSpec tolerance_for(const KernelPlan& plan);

}  // namespace kq::testgen
