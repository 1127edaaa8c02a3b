#include "testgen/plan.hpp"

#include <map>
#include <regex>

#include "core/text.hpp"
#include "testgen/expr.hpp"
#include "testgen/launch_sites.hpp"
#include "testgen/plan_detail.hpp"
#include "testgen/site_facts.hpp"
#include "testgen/site_locals.hpp"
#include "testgen/source_facts.hpp"
#include "testgen/struct_fields.hpp"
#include "testgen/template_choice.hpp"
#include "testgen/type_names.hpp"
#include "testgen/tolerance.hpp"

namespace kq::testgen {
namespace {

using nlohmann::json;

// Whether `value` instantiates `p` in this unit: a launch inside another
// template passes its own parameters (`reduce<T><<<...>>>`), which are not.
bool concrete_arg(const PlanInput& in, const TemplateParam& p, const std::string& value) {
  if (p.kind == "type") return concrete_type(in.unit_source, value);
  return value == "true" || value == "false" || int_constant(in.unit_source, value).has_value();
}

// The argument lists on offer (explicit instantiations, then launch sites):
// the one with the most concrete arguments, the first among equals.
std::vector<std::string> offered_args(const PlanInput& in, const std::vector<TemplateParam>& params) {
  std::vector<std::vector<std::string>> lists = read_instantiations(in.instantiations);
  for (const auto& site : read_launch_sites(in.launches))
    if (!site.template_args.empty()) lists.push_back(site.template_args);
  std::vector<std::string> best;
  int best_score = -1;
  for (const auto& l : lists) {
    int score = 0;
    for (std::size_t i = 0; i < params.size() && i < l.size(); ++i) score += concrete_arg(in, params[i], l[i]);
    if (score > best_score) best = l, best_score = score;
  }
  return best;
}

// Template arguments: an explicit instantiation, then a launch site, then
// the first of template_choices (template_choice.hpp) for what neither gives,
// whose other lists stay with the plan for the synthesizer to prove. A
// PlanInput with template_args set takes them as they are.
std::string choose_template_args(const PlanInput& in, KernelPlan& plan, std::map<std::string, std::string>& subst) {
  std::vector<TemplateParam> params;
  for (const auto& t : in.analysis.template_params) params.push_back(parse_template_param(t));
  if (params.empty()) return "";
  std::vector<std::string> found(params.size());
  bool chosen = false;
  if (!in.template_args.empty()) {
    found = in.template_args;
    found.resize(params.size());
  } else {
    auto offered = offered_args(in, params);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (i < offered.size() && concrete_arg(in, params[i], offered[i])) found[i] = offered[i];
      chosen |= found[i].empty() && params[i].default_value.empty();
    }
  }
  auto lists = template_choices(params, found, in.kernel_source);
  plan.template_args = lists.front();
  for (std::size_t i = 0; i < params.size(); ++i) subst[params[i].name] = plan.template_args[i];
  if (chosen) {
    plan.template_alternatives.assign(lists.begin() + 1, lists.end());
    plan.assumptions.push_back(chosen_template_assumption(plan.template_args));
  }
  return "";
}

std::string substitute_type(const std::string& type, const std::map<std::string, std::string>& subst) {
  auto it = subst.find(trim(type));
  return it == subst.end() ? trim(type) : it->second;
}

std::string role_of(const ParamAnalysis& p) {
  if (!p.is_pointer) return p.size_like ? "size" : "scalar";
  if (p.atomic) return "inout";
  if (p.writes && p.reads) return "inout";
  if (p.writes && !p.is_const) return "out";
  // A pointer to non-const data may be written through a helper, a vector
  // store or a whole-struct assignment the analysis cannot see: comparing it
  // after the run costs nothing and misses nothing.
  if (!p.is_const && p.type.find("const") == std::string::npos) return "inout";
  return "in";
}

std::string fill_param(const PlanInput& in, const ParamAnalysis& p, const std::map<std::string, std::string>& subst,
                       ParamPlan& out) {
  out.name = p.name;
  out.buffer = p.is_pointer;
  out.role = role_of(p);
  out.atomic = p.atomic;
  out.type = substitute_type(p.elem_type.empty() ? p.type : p.elem_type, subst);
  if (auto scalar = scalar_alias(in.unit_source, out.type); !scalar.empty()) out.type = scalar;  // uint, Real
  if (out.type.find('*') != std::string::npos || p.type.find("**") != std::string::npos)
    return "unsupported: parameter '" + p.name + "' is a pointer to pointers";
  if (out.type.find('&') != std::string::npos) return "unsupported: parameter '" + p.name + "' is a reference";
  if (!p.is_pointer) out.fields = vector_components(out.type);  // float3 v: v.x, v.y, v.z
  if (scalar_type_size(out.type)) return "";
  auto layout = type_layout(in.unit_source, out.type);
  if (!layout) return "unsupported: element type '" + out.type + "' of parameter '" + p.name + "' has no readable layout";
  if (!p.is_pointer) {
    // Passed by value: every scalar leaf gets its own value.
    auto fields = scalar_fields(in.unit_source, out.type);
    if (!fields)
      return "unsupported: scalar parameter '" + p.name + "' of struct type '" + out.type +
             "' has fields other than scalars, vectors, fixed arrays and plain structs";
    out.fields = *fields;
    out.bytes = layout->size;
    return "";
  }
  out.bytes = layout->size;
  out.element_type = layout->uniform;
  return "";
}

// Integer scalars a subscript multiplies by (`y * pitch + x`) are the extents
// of a 2-D kernel that has no bounded size at all: it trusts its launch. A
// kernel with sizes of its own keeps such scalars as values.
void promote_strides(const PlanInput& in, KernelPlan& plan) {
  for (const auto& p : plan.params)
    if (p.role == "size") return;
  bool two_d = in.analysis.index_pattern == "2d" || in.kernel_source.find("blockIdx.y") != std::string::npos;
  if (!two_d) return;
  for (auto& p : plan.params) {
    if (p.buffer || p.role != "scalar" || !p.fields.empty() || !detail::is_integer_type(p.type) || p.type == "bool")
      continue;
    std::regex stride("\\b" + p.name + "\\s*\\*|\\*\\s*" + p.name + "\\b");
    for (const auto& q : in.analysis.params)
      for (const auto& e : q.index_exprs)
        if (q.is_pointer && std::regex_search(e, stride)) p.role = "size";
  }
}

// Integer scalars a launch site computes its grid from are extents: the
// launch covers them (`k<<<N, threads>>>(out, inp, N, C)`).
void promote_grid_params(const PlanInput& in, KernelPlan& plan) {
  std::vector<std::string> names;
  for (const auto& p : in.analysis.params) names.push_back(p.name);
  for (const auto& site : read_launch_sites(in.launches))
    for (const auto& name : site_grid_params(site, names))
      if (ParamPlan* p = plan.find(name);
          p && p->role == "scalar" && p->fields.empty() && detail::is_integer_type(p->type) && p->type != "bool")
        p->role = "size";
}

FactsQuery facts_query(const KernelPlan& plan) {
  FactsQuery q;
  for (const auto& p : plan.params) {
    q.params.push_back(p.name);
    bool scalar = !p.buffer && p.fields.empty();
    q.integer.push_back(scalar && detail::is_integer_type(p.type) && p.type != "bool");
    q.floating.push_back(scalar && is_floating_type(p.type));
    q.elem_bytes.push_back(p.buffer ? (p.bytes ? p.bytes : scalar_type_size(p.type).value_or(0)) : 0);
  }
  return q;
}

// Relations, counts and values the launching host code gives (site_facts.hpp):
// integer scalars they name become sizes; the rest is applied by the cases.
std::string facts_origin(const SiteFacts& facts) {
  return facts.through_caller ? "a caller of the launching function" : "the launch site";
}

SiteFacts apply_site_facts(const PlanInput& in, KernelPlan& plan) {
  auto facts = best_site_facts(read_launch_sites(in.launches), in.unit_source, facts_query(plan));
  const std::string where = facts_origin(facts);
  auto promote = [&](const std::string& formula) {
    for (const auto& id : expr_identifiers(formula))
      if (ParamPlan* p = plan.find(id); p && p->role == "scalar") p->role = "size";
  };
  for (const auto& [name, rel] : facts.relations) {
    ParamPlan* p = plan.find(name);
    if (!p) continue;
    promote(rel);
    p->role = "size";
    p->relation = rel;
    plan.assumptions.push_back(name + " = " + rel + ", as " + where + " passes them");
  }
  for (const auto& name : facts.pow2)
    if (ParamPlan* p = plan.find(name); p && p->role == "size") {
      p->pow2 = true;
      plan.assumptions.push_back(name + " is a power of two, as " + where + " passes it");
    }
  for (const auto& [name, count] : facts.counts)
    if (ParamPlan* p = plan.find(name); p && p->buffer) {
      promote(count);
      p->host_count = count;
      p->count_from = "the allocation at " + where;
    }
  return facts;
}

// Scalars take the constants the host code passes in place of chosen values.
void apply_site_values(const SiteFacts& facts, KernelPlan& plan) {
  const std::string where = facts_origin(facts);
  for (const auto& [name, value] : facts.values)
    if (ParamPlan* p = plan.find(name); p && p->role == "scalar" && p->fields.empty()) {
      p->scalar_value = value;
      plan.assumptions.push_back(name + " = " + value.dump() + ", as " + where + " passes it");
    }
}

// `constexpr long long NAME = VALUE;` for each value template parameter.
std::string template_constants(const PlanInput& in, const KernelPlan& plan) {
  std::string out;
  for (std::size_t i = 0; i < in.analysis.template_params.size() && i < plan.template_args.size(); ++i) {
    auto p = parse_template_param(in.analysis.template_params[i]);
    if (p.kind != "value") continue;
    if (auto v = int_constant(in.unit_source, plan.template_args[i]))
      out += "constexpr long long " + p.name + " = " + std::to_string(*v) + ";\n";
  }
  return out;
}

std::string classify_op(const KernelAnalysis& a, const KernelPlan& plan) {
  bool float_out = false;
  for (const auto& p : plan.params)
    if (p.buffer && p.role != "in" && !detail::is_integer_type(p.type)) float_out = true;
  if (!float_out) return "integer";
  if (a.has(Feature::atomics)) return "atomic";
  if (a.has(Feature::syncthreads) || a.has(Feature::warp) || a.has(Feature::shared_static) || a.has(Feature::shared_dynamic)) return "reduction";
  for (const auto& s : a.stores)
    if (s.find("+=") != std::string::npos && s.find('[') != std::string::npos) return "reduction";
  return "elementwise";
}

}  // namespace

ParamPlan* KernelPlan::find(const std::string& n) {
  for (auto& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

const ParamPlan* KernelPlan::find(const std::string& n) const {
  for (const auto& p : params)
    if (p.name == n) return &p;
  return nullptr;
}

KernelPlan infer_plan(const PlanInput& in) {
  KernelPlan plan;
  plan.kernel = in.name;
  auto fail = [&](const std::string& reason) {
    plan.ok = false;
    plan.reason = reason;
    return plan;
  };
  const auto& a = in.analysis;
  if (a.has(Feature::recursion)) return fail("unsupported: the kernel is recursive");
  std::map<std::string, std::string> subst;
  if (auto r = choose_template_args(in, plan, subst); !r.empty()) return fail(r);
  for (const auto& p : a.params) {
    ParamPlan pp;
    if (auto r = fill_param(in, p, subst, pp); !r.empty()) return fail(r);
    plan.params.push_back(std::move(pp));
  }
  promote_grid_params(in, plan);
  auto facts = apply_site_facts(in, plan);
  promote_strides(in, plan);
  // The chosen values of template parameters are constants of the unit for
  // what follows (a tile of BLOCK_SIZE, a loop to TILE).
  PlanInput seen = in;
  seen.unit_source = template_constants(in, plan) + in.unit_source;
  auto vars = detail::bounded_vars(a);
  if (auto r = detail::infer_launch(seen, vars, plan); !r.empty()) return fail(r);
  if (auto r = detail::infer_sizes(seen, vars, plan); !r.empty()) return fail(r);
  if (auto r = detail::plan_globals(seen, subst, plan); !r.empty()) return fail(r);
  if (a.has(Feature::texture) && !detail::textures_supported(in.unit_source, plan))
    return fail("unsupported: the kernel reads texture or surface objects, or a texture reference other than 1-D");
  plan.printed = a.has(Feature::printf);
  bool writes = plan.printed;
  for (const auto& p : plan.params) writes |= p.buffer && p.role != "in";
  if (!writes)
    return fail("unsupported: the kernel writes no buffer parameter or device variable and prints nothing, so there "
                "is no output to compare");
  int ordinal = 0;
  for (auto& p : plan.params)
    if (p.role == "scalar")
      p.scalar_value = p.fields.empty() ? detail::scalar_value_for(p.name, p.type, ordinal++)
                                        : detail::struct_value_for(p.fields, ordinal);
  apply_site_values(facts, plan);
  for (const auto& p : plan.params) plan.floating |= p.buffer && is_floating_type(p.type);
  plan.restricted_domain = a.has(Feature::math_sqrt_log);
  plan.op_class = classify_op(a, plan);
  plan.compare = tolerance_for(plan);
  return plan;
}

json plan_to_json(const KernelPlan& plan) {
  json params = json::array();
  for (const auto& p : plan.params) {
    json j{{"name", p.name}, {"role", p.role}, {"type", p.type}};
    if (p.bytes) j["bytes"] = p.bytes;
    if (p.buffer) j["count"] = p.count_candidates;
    if (p.symbol) j["symbol"] = p.space;
    if (!p.initial_value.empty()) j["initial_value"] = p.initial_value;
    if (!p.count_from.empty()) j["count_from"] = p.count_from;
    if (!p.index_target.empty()) j["indexes"] = p.index_target;
    if (p.domain != "any") j["domain"] = p.domain;
    if (!p.dim.empty()) j["dim"] = p.dim;
    if (!p.relation.empty()) j["relation"] = p.relation;
    if (p.pow2) j["pow2"] = true;
    if (p.multiple_of) j["multiple_of"] = p.multiple_of;
    if (p.role == "scalar") j["value"] = p.scalar_value;
    params.push_back(j);
  }
  const auto& l = plan.launch;
  return {{"ok", plan.ok},
          {"reason", plan.reason},
          {"kernel", plan.kernel},
          {"template_args", plan.template_args},
          {"template_alternatives", plan.template_alternatives},
          {"params", params},
          {"launch",
           {{"pattern", l.pattern}, {"block", l.block}, {"tile", l.tile}, {"extent_x", l.extent_x},
            {"extent_y", l.extent_y}, {"capped", l.capped}, {"grid", l.grid_formula}, {"shared", l.shared_expr},
            {"description", l.description}}},
          {"compare", {{"rtol", plan.compare.rtol}, {"atol", plan.compare.atol}}},
          {"op_class", plan.op_class},
          {"printed", plan.printed},
          {"assumptions", plan.assumptions},
          {"restricted_domain", plan.restricted_domain}};
}

}  // namespace kq::testgen
