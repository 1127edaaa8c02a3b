// Buffer sizes: a preferred formula from the index expressions and the index
// pattern, then the other candidates the search may try, smallest first being
// its business. Index buffers (gather, scatter, histograms) are found here too.
#include <algorithm>
#include <regex>

#include "testgen/allocations.hpp"
#include "testgen/cases.hpp"
#include "testgen/index_bounds.hpp"
#include "testgen/expr.hpp"
#include "testgen/launch_sites.hpp"
#include "testgen/plan_detail.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen::detail {
namespace {

using nlohmann::json;

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string product(const std::vector<std::string>& dims) {
  std::string out;
  for (const auto& d : dims) out += (out.empty() ? "" : "*") + d;
  return out;
}

// "blockIdx.x" and friends are launch variables, not identifiers to map.
std::string strip_builtins(const std::string& e) {
  static const std::regex r("\\b(?:blockIdx|threadIdx|blockDim|gridDim)\\.[xyz]\\b");
  return std::regex_replace(e, r, " ");
}

struct IndexFacts {
  std::vector<std::string> dims;     // size parameters, in parameter order
  bool block_indexed = false;        // some subscript is built from blockIdx alone
  bool thread_indexed = false;       // from threadIdx alone
  bool launch_indexed = false;       // from blockIdx and threadIdx, without bounded variables
  bool plus_one = false;             // "i + 1": one past the bounded range
  std::vector<std::string> via;      // pointer parameters whose values index it
};

// Size parameters other than `first` whose bounds name variable `var`.
std::vector<std::string> other_bounds(const KernelAnalysis& a, const std::string& var, const std::string& first) {
  std::vector<std::string> out;
  for (const auto& p : a.params) {
    if (p.is_pointer || !p.size_like || p.name == first) continue;
    for (const auto& b : p.bounds) {
      auto ids = expr_identifiers(b);
      if (std::find(ids.begin(), ids.end(), var) != ids.end()) add_unique(out, p.name);
    }
  }
  return out;
}

IndexFacts index_facts(const PlanInput& in, const VarBounds& vars, const KernelPlan& plan, const ParamAnalysis& p) {
  IndexFacts f;
  std::vector<std::string> found;
  for (const auto& e0 : p.index_exprs) {
    // hist[data[i]]: the subscript is a value of `data`, so `i` bounds data, not hist.
    std::string e = e0;
    for (const auto& q : plan.params) {
      if (!q.buffer) continue;
      std::regex sub("\\b" + q.name + "\\s*\\[[^\\]]*\\]");
      if (std::regex_search(e, sub)) {
        add_unique(f.via, q.name);
        e = std::regex_replace(e, sub, " ");
      }
    }
    std::string s = strip_builtins(e);
    bool any_var = false;
    auto ids = expr_identifiers(s);
    for (const auto& id : ids) {
      const ParamPlan* pp = plan.find(id);
      if (pp && pp->role == "size") add_unique(found, id), any_var = true;
      else if (pp && pp->buffer) add_unique(f.via, id), any_var = true;
      else if (auto it = vars.find(id); it != vars.end()) add_unique(found, it->second), any_var = true;
    }
    // `y * rows + x` where y is bounded by rows in one place and by cols in
    // another (a transpose reuses its variables): rows is the stride here, so
    // y's extent is the other bound.
    for (const auto& id : ids) {
      auto it = vars.find(id);
      if (it == vars.end() || plan.find(id) || std::find(ids.begin(), ids.end(), it->second) == ids.end()) continue;
      for (const auto& other : other_bounds(in.analysis, id, it->second))
        if (std::find(found.begin(), found.end(), other) == found.end()) {
          add_unique(found, other);
          break;
        }
    }
    bool bi = e.find("blockIdx") != std::string::npos, ti = e.find("threadIdx") != std::string::npos;
    if (!any_var && bi && !ti) f.block_indexed = true;
    if (!any_var && ti && !bi) f.thread_indexed = true;
    if (!any_var && ti && bi) f.launch_indexed = true;
    if (std::regex_search(e, std::regex("\\+\\s*1\\b"))) f.plus_one = true;
    // j = idx[i]; ... src[j]: the variable was loaded from another buffer.
    for (const auto& id : expr_identifiers(s)) {
      std::smatch m;
      std::regex load("\\b" + id + "\\s*=\\s*(?:\\([^)]*\\)\\s*)?([A-Za-z_][A-Za-z0-9_]*)\\s*\\[");
      if (std::regex_search(in.kernel_source, m, load)) {
        const ParamPlan* src = plan.find(m[1].str());
        if (src && src->buffer) add_unique(f.via, src->name);
      }
    }
  }
  // `const float* in = x + row * cols;` then `in[c]`: the offset's extents
  // belong to x as much as the subscript's do.
  std::regex offset("\\b" + p.name + "\\s*\\+\\s*([^;,{}]+)");
  for (auto it = std::sregex_iterator(in.kernel_source.begin(), in.kernel_source.end(), offset);
       it != std::sregex_iterator(); ++it)
    for (const auto& id : expr_identifiers((*it)[1].str())) {
      const ParamPlan* pp = plan.find(id);
      if (pp && pp->role == "size") add_unique(found, id);
      else if (auto v = vars.find(id); v != vars.end() && !plan.find(id)) add_unique(found, v->second);
    }
  for (const auto& q : plan.params)
    if (std::find(found.begin(), found.end(), q.name) != found.end()) f.dims.push_back(q.name);
  return f;
}

long long type_range(const std::string& type) {
  if (type == "uint8_t" || type == "unsigned char" || type == "char" || type == "int8_t" || type == "signed char")
    return 256;
  if (type == "uint16_t" || type == "unsigned short" || type == "short" || type == "int16_t") return 65536;
  return 0;
}

std::vector<std::string> all_candidates(const KernelPlan& plan, const std::vector<long long>& constants) {
  std::vector<std::string> sizes;
  for (const auto& p : plan.params)
    if (p.role == "size") sizes.push_back(p.name);
  std::vector<std::string> c;
  for (const auto& s : sizes) add_unique(c, s);
  for (std::size_t i = 0; i < sizes.size(); ++i)
    for (std::size_t j = i + 1; j < sizes.size(); ++j) add_unique(c, sizes[i] + "*" + sizes[j]);
  if (sizes.size() > 2) add_unique(c, product(sizes));
  for (const auto& s : sizes) add_unique(c, s + "+1");
  for (const auto& s : sizes)
    for (const char* k : {"2*", "3*", "4*"}) add_unique(c, k + s);
  // Constants the kernel compares against (bins, tiles) before launch
  // variables of the same value: they say what the code means.
  for (long long k : constants) add_unique(c, std::to_string(k));
  add_unique(c, "grid");
  add_unique(c, "block");
  add_unique(c, "threads");
  // Reductions load two elements a thread (x[i] and x[i + blockDim.x]).
  add_unique(c, "2*block");
  add_unique(c, "2*threads");
  return c;
}

// The element count the launching host code allocated for the buffer passed
// as parameter `index`, when it is a formula over size parameters alone.
std::optional<std::string> allocated_count(const PlanInput& in, const KernelPlan& plan, std::size_t index,
                                           const ParamPlan& p, std::string& how) {
  std::vector<std::string> names;
  for (const auto& q : in.analysis.params) names.push_back(q.name);
  std::size_t elem = p.bytes ? p.bytes : scalar_type_size(p.type).value_or(0);
  for (const auto& site : read_launch_sites(in.launches)) {
    auto f = site_allocation_count(site, index, elem, in.unit_source, names);
    if (!f) continue;
    bool sizes_only = true;
    for (const auto& id : expr_identifiers(*f)) {
      const ParamPlan* q = plan.find(id);
      sizes_only &= q && q->role == "size";
    }
    if (!sizes_only) continue;
    how = "the allocation at a launch site";
    return f;
  }
  return std::nullopt;
}

std::string pattern_default(const KernelPlan& plan) {
  const auto& l = plan.launch;
  if ((l.pattern == "2d" || l.pattern == "block_per_row") && !l.extent_x.empty()) {
    if (l.extent_x == l.extent_y) return l.extent_x + "*" + l.extent_x;
    for (const auto& p : plan.params)  // parameter order, as a reader writes the product
      if (p.name == l.extent_y) return l.extent_y + "*" + l.extent_x;
      else if (p.name == l.extent_x) return l.extent_x + "*" + l.extent_y;
  }
  return l.extent_x;
}

const char* kStaticProbes[] = {"typical", "size1", "one_block", "ragged"};

// Ranges of the launch and of bounded variables in one case kind.
IndexRanges case_ranges(const PlanInput& in, const VarBounds& vars, const KernelPlan& plan, const Bindings& sizes) {
  IndexRanges r;
  r.fixed = sizes;
  auto grid = case_grid(plan, sizes, false);
  const char* axes[] = {"x", "y", "z"};
  for (int i = 0; i < 3; ++i) {
    r.fixed[std::string("blockDim_") + axes[i]] = plan.launch.block[i];
    r.fixed[std::string("gridDim_") + axes[i]] = grid[i];
    r.upper[std::string("threadIdx_") + axes[i]] = plan.launch.block[i] - 1;
    r.upper[std::string("blockIdx_") + axes[i]] = grid[i] - 1;
  }
  for (const auto& [var, param] : vars) {
    auto size = sizes.find(param);
    if (size == sizes.end()) continue;
    long long hi = size->second - 1;
    if (const ParamAnalysis* pa = in.analysis.find_param(param))
      for (const auto& b : pa->bounds)
        if (std::regex_search(b, std::regex("\\b" + var + "\\b"))) hi = std::max(hi, bound_upper(b, var, size->second));
    r.upper[var] = hi;
  }
  return r;
}

// The largest count any subscript of the buffer reaches in `kind` (a lower
// bound of what it needs: subscripts that do not read are left out).
std::optional<long long> subscripts_need(const PlanInput& in, const VarBounds& vars, const KernelPlan& plan,
                                         const std::vector<std::string>& formulas, const std::string& kind) {
  auto ranges = case_ranges(in, vars, plan, case_sizes(plan, kind));
  std::optional<long long> need;
  for (const auto& f : formulas) {
    for (const auto& id : expr_identifiers(f))
      if (!ranges.fixed.count(id) && !ranges.upper.count(id))
        if (auto c = int_constant(in.unit_source, id)) ranges.fixed[id] = *c;
    if (auto n = needed_count(f, ranges)) need = std::max(need.value_or(*n), *n);
  }
  return need;
}

// Moves the smallest candidate that covers what the kernel's subscripts
// reach in every probe case to the front, when the first one does not: the
// static counterpart of the cpu-sim search, which stays as the last resort.
void prefer_subscript_bounds(const PlanInput& in, const VarBounds& vars, KernelPlan& plan, const ParamAnalysis& pa,
                             ParamPlan& p) {
  if (!p.count_from.empty() || p.count_candidates.empty()) return;  // the host's allocation knows better
  std::vector<std::string> ranged;
  for (const auto& [var, param] : vars) ranged.push_back(var);
  std::vector<std::string> formulas;
  for (const auto& e : pa.index_exprs)
    if (auto f = index_formula(e, in.kernel_source, ranged)) formulas.push_back(*f);
  if (formulas.empty()) return;
  std::map<std::string, long long> need;
  for (const char* kind : kStaticProbes)
    if (auto n = subscripts_need(in, vars, plan, formulas, kind)) need[kind] = *n;
  auto covers = [&](const std::string& c) {
    for (const auto& [kind, n] : need) {
      auto sizes = case_sizes(plan, kind);
      auto v = eval_size(c, launch_bindings(plan, sizes, case_grid(plan, sizes, false)));
      if (!v || *v < n) return false;
    }
    return true;
  };
  if (need.empty() || covers(p.count())) return;
  auto typical = case_sizes(plan, "typical");
  auto tb = launch_bindings(plan, typical, case_grid(plan, typical, false));
  std::string best;
  long long best_value = 0;
  for (const auto& c : p.count_candidates) {
    auto v = eval_size(c, tb);
    if (!v || !covers(c) || (!best.empty() && *v >= best_value)) continue;
    best = c;
    best_value = *v;
  }
  if (best.empty()) return;
  auto& c = p.count_candidates;
  c.erase(std::find(c.begin(), c.end(), best));
  c.insert(c.begin(), best);
  p.count_from = "the kernel's subscripts";
}

}  // namespace

bool is_integer_type(const std::string& t) {
  if (t == "bool") return true;
  return scalar_type_size(t).has_value() && !is_floating_type(t) && t.find("half") == std::string::npos &&
         t.find("bfloat") == std::string::npos;
}

bool is_half_type(const std::string& t) {
  return t.find("half") != std::string::npos || t.find("bfloat16") != std::string::npos;
}

std::string infer_sizes(const PlanInput& in, const VarBounds& vars, KernelPlan& plan) {
  auto constants = bound_constants(in.kernel_source, in.unit_source);
  auto generic = all_candidates(plan, constants);
  std::map<std::string, std::string> index_of;  // index buffer -> target
  for (const auto& b : in.analysis.index_buffers) index_of[b.param] = b.target;
  for (std::size_t index = 0; index < in.analysis.params.size(); ++index) {
    const auto& pa = in.analysis.params[index];
    ParamPlan* p = plan.find(pa.name);
    if (!p || !p->buffer) continue;
    auto f = index_facts(in, vars, plan, pa);
    for (const auto& v : f.via)
      if (v != p->name && (!index_of.count(v) || index_of[v].empty())) index_of[v] = p->name;
    std::vector<std::string> c;
    if (auto allocated = allocated_count(in, plan, index, *p, p->count_from)) c.push_back(*allocated);
    else if (!p->host_count.empty()) c.push_back(p->host_count);
    if (!f.dims.empty()) add_unique(c, product(f.dims) + (f.plus_one && f.dims.size() == 1 ? "+1" : ""));
    else if (f.block_indexed) add_unique(c, "grid");
    else if (f.launch_indexed) add_unique(c, "threads");
    else if (f.thread_indexed) add_unique(c, "block");
    else if (!f.via.empty()) {
      for (const auto& v : f.via)
        if (const ParamPlan* src = plan.find(v); src && type_range(src->type)) add_unique(c, std::to_string(type_range(src->type)));
      for (long long k : constants) add_unique(c, std::to_string(k));
    }
    add_unique(c, pattern_default(plan));
    for (const auto& g : generic) add_unique(c, g);
    if (c.empty()) return "unsupported: no size parameter or constant gives a size for buffer '" + p->name + "'";
    p->count_candidates = c;
    prefer_subscript_bounds(in, vars, plan, pa, *p);
  }
  for (const auto& [idx, target] : index_of) {
    ParamPlan* p = plan.find(idx);
    if (!p || !p->buffer || target.empty() || !plan.find(target)) continue;
    if (!is_integer_type(p->type)) continue;  // float "indices" are values, not indices
    p->index_target = target;
    p->domain = "index";
  }
  if (in.analysis.has(Feature::math_sqrt_log))
    for (auto& p : plan.params)
      if (p.buffer && p.role != "out" && p.domain == "any" && is_floating_type(p.type)) p.domain = "positive";
  return "";
}

json scalar_value_for(const std::string& name, const std::string& type, int ordinal) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  bool integral = is_integer_type(type);
  if (type == "bool") return true;
  auto is = [&](std::initializer_list<const char*> names) {
    for (auto* x : names)
      if (n == x) return true;
    return false;
  };
  if (integral) {
    if (is({"level", "threshold", "thresh"})) return 128;
    if (is({"radius", "r", "k", "ksize"})) return 2;
    if (is({"seed"})) return 1234;
    static const int values[] = {3, 5, 2, 7};
    return values[ordinal % 4];
  }
  if (is({"lo", "low", "min", "minval", "min_val", "lower", "vmin"})) return -0.5;
  if (is({"hi", "high", "max", "maxval", "max_val", "upper", "vmax"})) return 0.5;
  if (n.find("eps") != std::string::npos) return 1e-5;
  if (is({"dt", "h", "step", "tau"})) return 0.01;
  if (is({"drag", "damping", "decay", "momentum", "beta1", "beta2"})) return 0.1;
  if (is({"shift", "bias", "offset", "mean", "beta"})) return 0.25;
  if (n.rfind("inv", 0) == 0) return 0.5;
  static const double values[] = {1.5, 0.75, -1.25, 2.0};
  return values[ordinal % 4];
}

json struct_value_for(const std::vector<ScalarField>& fields, int& ordinal) {
  json out = json::array();
  for (const auto& f : fields) {
    // The leaf's own name: "dir.x" -> "x", "w[1]" -> "w".
    std::string leaf = f.path.substr(f.path.find_last_of('.') == std::string::npos ? 0 : f.path.find_last_of('.') + 1);
    leaf = leaf.substr(0, leaf.find('['));
    out.push_back({{"field", f.path}, {"type", f.type}, {"value", scalar_value_for(leaf, f.type, ordinal++)}});
  }
  return out;
}

}  // namespace kq::testgen::detail
