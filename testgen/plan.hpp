#pragma once
// The plan of a kernel's tests: what each parameter is (buffer role, element
// type, size formula candidates, value domain), how it is launched, which
// template arguments instantiate it and with which tolerances outputs compare.
// infer_plan reads only the static analysis and the unit's text; the search
// that runs candidates on cpu-sim lives with the builtin synthesizer.
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/launch_spec.hpp"
#include "testgen/struct_fields.hpp"

namespace kq::testgen {

struct PlanInput {
  std::string name;                 // entry point
  KernelAnalysis analysis;
  std::string unit_source;
  std::string kernel_source;
  nlohmann::json launches = nlohmann::json::array();
  nlohmann::json instantiations = nlohmann::json::array();
  // Template arguments to plan with, as they are (an alternative being
  // proven); empty: chosen from the repository and template_choice.hpp.
  std::vector<std::string> template_args;
};

struct ParamPlan {
  std::string name;
  bool buffer = false;
  std::string role;                 // in, out, inout (buffers); scalar, size (scalars)
  std::string type;                 // spec type, template arguments substituted
  std::size_t bytes = 0;            // element size for struct types, 0 for known scalars
  std::string element_type;         // struct types made of one scalar (LaunchSpec's element_type)
  // Buffers: size formulas, the preferred one first (expr.hpp's language).
  std::vector<std::string> count_candidates;
  std::string count_from;           // where the first candidate came from: "cudaMalloc at a launch site", ...
  std::string index_target;         // its values index this buffer ("" when not an index buffer)
  std::string domain = "any";       // any, positive, index
  bool atomic = false;              // target of atomics: starts zeroed
  // A device variable of the unit (globals.hpp), not a parameter: passed
  // through cudaMemcpyToSymbol, after the parameters in `params`.
  bool symbol = false;
  std::string space;                // symbols: __constant__, __device__ or __managed__
  std::string initial_value;        // symbols written from an initializer: its value ("0")
  // Size scalars: which extent they are: x, y (2-D), primary (1-D), aux.
  std::string dim;
  // Size scalars the host code derives from others ("rows*cols": every case
  // computes it so), or passes only as powers of two (cases round up).
  std::string relation;
  bool pow2 = false;
  // Size scalars a launch site's grid divides without rounding up
  // (`grid = cols / 16`): the host only runs multiples of it.
  long long multiple_of = 0;
  // Buffers: the element count the host code allocates, as a formula over
  // size parameters (site_facts.hpp); "" when unknown.
  std::string host_count;
  nlohmann::json scalar_value;      // non-size scalars: the value every case uses
  // Scalars of struct or vector type passed by value: their leaves; the value
  // is then [{"field", "type", "value"}, ...] (see struct_value_for).
  std::vector<ScalarField> fields;

  const std::string& count() const { return count_candidates.front(); }
};

struct LaunchPlan {
  std::string pattern = "other";    // 1d, grid_stride, 2d, block_per_row, other
  std::array<unsigned, 3> block{256, 1, 1};
  std::array<unsigned, 2> tile{0, 0};  // elements a block covers along x, y (0: block dims)
  std::string extent_x;             // size parameter the grid covers along x ("" none)
  std::string extent_y;             // along y (2-D) or one block per row (block_per_row)
  bool capped = false;              // grid-stride: a capped grid
  // The grid as a launch site computes it, per axis, as size formulas over
  // the size parameters ("(cols+31)/32"); empty when no site gives one.
  std::array<std::string, 3> grid_formula;
  std::string shared_expr;          // dynamic shared bytes over `block`; "" for none
  std::string description;          // "1-D grid, one thread per element, 256 threads per block"
};

struct KernelPlan {
  bool ok = true;
  std::string reason;               // "unsupported: ..." when not ok
  std::string kernel;
  std::vector<std::string> template_args;
  // Other argument lists to prove when the chosen ones fail; only where the
  // repository instantiates the kernel with none.
  std::vector<std::vector<std::string>> template_alternatives;
  std::vector<ParamPlan> params;    // in the kernel's parameter order, then its symbols
  LaunchPlan launch;
  CompareSpec compare;
  bool floating = false;            // some buffer holds floating-point values
  bool restricted_domain = false;   // sqrt/log and friends: inputs kept positive
  std::string op_class;             // elementwise, reduction, atomic, integer
  bool printed = false;             // the kernel calls printf: its lines are an output
  // What the plan took from the repository's host code rather than from the
  // kernel, one sentence each, for the task's record.
  std::vector<std::string> assumptions;

  ParamPlan* find(const std::string& name);
  const ParamPlan* find(const std::string& name) const;
};

KernelPlan infer_plan(const PlanInput& input);

// The plan as JSON, for the synthesis record and for tests.
nlohmann::json plan_to_json(const KernelPlan& plan);

}  // namespace kq::testgen
