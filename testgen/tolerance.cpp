#include "testgen/tolerance.hpp"

#include "testgen/plan.hpp"
#include "testgen/plan_detail.hpp"

namespace kq::testgen {
namespace {

// Larger is looser.
int looseness(const std::string& type) {
  if (detail::is_half_type(type)) return 3;
  if (type == "double" || type.rfind("double", 0) == 0) return 1;
  if (detail::is_integer_type(type)) return 0;
  return 2;  // float and structs of floats
}

}  // namespace

CompareSpec tolerance_for(const std::string& op_class, const std::string& out_type) {
  if (op_class == "integer") return {0.0, 0.0};
  bool accumulates = op_class == "reduction" || op_class == "atomic";
  switch (looseness(out_type)) {
    case 0: return {0.0, 0.0};
    case 1: return accumulates ? CompareSpec{1e-8, 1e-10} : CompareSpec{1e-10, 1e-12};
    case 3: return accumulates ? CompareSpec{5e-2, 5e-2} : CompareSpec{1e-2, 1e-2};
    default: return accumulates ? CompareSpec{1e-4, 1e-5} : CompareSpec{1e-5, 1e-6};
  }
}

CompareSpec tolerance_for(const KernelPlan& plan) {
  std::string widest;
  for (const auto& p : plan.params)
    if (p.buffer && p.role != "in" && (widest.empty() || looseness(p.type) > looseness(widest))) widest = p.type;
  return tolerance_for(plan.op_class, widest.empty() ? "float" : widest);
}

}  // namespace kq::testgen
