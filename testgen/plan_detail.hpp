#pragma once
// Steps of infer_plan shared between its source files (not a public header).
#include <map>
#include <string>
#include <vector>

#include "testgen/plan.hpp"

namespace kq::testgen::detail {

// Loop/index variables each size parameter bounds: "i < n" gives i -> n.
using VarBounds = std::map<std::string, std::string>;
VarBounds bounded_vars(const KernelAnalysis& a);

// Assigns ParamPlan::dim for size parameters and fills plan.launch (pattern,
// block, tile, extents, shared memory). Returns "" or an unsupported reason.
std::string infer_launch(const PlanInput& in, const VarBounds& vars, KernelPlan& plan);

// Fills count_candidates, index_target and domain of every buffer. Returns ""
// or an unsupported reason.
std::string infer_sizes(const PlanInput& in, const VarBounds& vars, KernelPlan& plan);

// Values for scalars that are not sizes, chosen by name so that pairs such as
// lo/hi keep their order.
nlohmann::json scalar_value_for(const std::string& name, const std::string& type, int ordinal);

// The value of a struct or vector scalar: one entry per leaf,
// {"field": "dir.x", "type": "float", "value": 1.5}, each chosen as
// scalar_value_for chooses by the leaf's own name; `ordinal` advances per leaf.
nlohmann::json struct_value_for(const std::vector<ScalarField>& fields, int& ordinal);

// The unit's device variables the kernel reads or writes, appended to
// plan.params as symbols (plan_globals.cpp). Returns "" or an unsupported reason.
std::string plan_globals(const PlanInput& in, const std::map<std::string, std::string>& subst, KernelPlan& plan);

// Whether every texture the unit uses is a 1-D reference plan_globals planned
// (texture and surface objects are not planned).
bool textures_supported(const std::string& unit_source, const KernelPlan& plan);

bool is_integer_type(const std::string& type);
bool is_half_type(const std::string& type);

}  // namespace kq::testgen::detail
