#include "testgen/cases.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "testgen/values.hpp"

namespace kq::testgen {
namespace {

struct Extents {
  long long primary, x, y, xy, row_y, row_x, aux;
};

// Sizes per case kind. Ragged sizes are never a multiple of the block; large
// sizes make the reference run long enough to time on a GPU.
Extents extents_for(const KernelPlan& plan, const std::string& kind) {
  long long bx = plan.launch.tile[0] ? plan.launch.tile[0] : plan.launch.block[0];
  long long by = plan.launch.tile[1] ? plan.launch.tile[1] : plan.launch.block[1];
  long long b = plan.launch.block[0];
  if (kind == "size1") return {1, 1, 1, 1, 1, 1, 1};
  if (kind == "tiny") return {8, 8, 4, 6, 2, 8, 3};
  if (kind == "one_block") return {bx, bx, by, std::min(bx, by), 1, b, 16};
  if (kind == "ragged") return {3 * bx + 37, 2 * bx + 5, 3 * by + 3, 2 * std::min(bx, by) + 5, 5, 2 * b + 13, 37};
  // 2-D kernels often loop over an inner extent too (matmul): the large case
  // stays modest there, as the golden runs on cpu-sim three times.
  if (kind == "large") return {1 << 20, 256, 192, 256, 128, 1024, 32};
  return {3000, 96, 64, 64, 32, 300, 97};  // typical
}

long long next_power_of_two(long long v) {
  long long p = 1;
  while (p < v && p < (1LL << 40)) p <<= 1;
  return p;
}

unsigned ceil_div(long long a, long long b) {
  if (a <= 0) return 1;
  return static_cast<unsigned>(std::max(1LL, (a + b - 1) / b));
}

}  // namespace

Bindings case_sizes(const KernelPlan& plan, const std::string& kind) {
  Extents e = extents_for(plan, kind);
  bool rows = plan.launch.pattern == "block_per_row";
  Bindings out;
  for (const auto& p : plan.params) {
    if (p.role != "size") continue;
    if (p.dim == "primary") out[p.name] = e.primary;
    else if (p.dim == "x") out[p.name] = rows ? e.row_x : e.x;
    else if (p.dim == "y") out[p.name] = rows ? e.row_y : e.y;
    else if (p.dim == "xy") out[p.name] = e.xy;
    else out[p.name] = e.aux;
    if (p.multiple_of > 1) out[p.name] = std::max(1LL, (out[p.name] + p.multiple_of - 1) / p.multiple_of) * p.multiple_of;
    if (p.pow2) out[p.name] = next_power_of_two(out[p.name]);
  }
  // Sizes the host code derives from others follow them; a relation may
  // name a derived parameter that comes later (j = n - t, t = (n-1)/2), so
  // the pass repeats until nothing changes.
  for (int pass = 0; pass < 4; ++pass) {
    bool changed = false;
    for (const auto& p : plan.params)
      if (p.role == "size" && !p.relation.empty())
        if (auto v = eval_size(p.relation, out); v && out[p.name] != std::max(0LL, *v)) {
          out[p.name] = std::max(0LL, *v);
          changed = true;
        }
    if (!changed) break;
  }
  return out;
}

std::array<unsigned, 3> case_grid(const KernelPlan& plan, const Bindings& sizes, bool large) {
  const auto& l = plan.launch;
  auto extent = [&](const std::string& name) -> long long {
    auto it = sizes.find(name);
    return it == sizes.end() ? 1 : it->second;
  };
  if (!l.grid_formula[0].empty()) {
    // The launch site's own grid; an axis that rounds down to no block runs one.
    std::array<unsigned, 3> g{1, 1, 1};
    for (int i = 0; i < 3; ++i)
      if (auto v = eval_size(l.grid_formula[i], sizes)) g[i] = static_cast<unsigned>(std::clamp(*v, 1LL, 65535LL * 32768));
    return g;
  }
  long long tx = l.tile[0] ? l.tile[0] : l.block[0];
  long long ty = l.tile[1] ? l.tile[1] : l.block[1];
  if (l.pattern == "2d") return {ceil_div(extent(l.extent_x), tx), ceil_div(extent(l.extent_y), ty), 1};
  if (l.pattern == "block_per_row") return {static_cast<unsigned>(std::max(1LL, extent(l.extent_y))), 1, 1};
  if (l.extent_x.empty()) return {1, 1, 1};
  unsigned g = ceil_div(extent(l.extent_x), tx);
  // A small cap makes the grid-stride loop take several turns.
  if (l.capped) g = std::min(g, large ? 1024u : 8u);
  return {g, 1, 1};
}

Bindings launch_bindings(const KernelPlan& plan, const Bindings& sizes, const std::array<unsigned, 3>& grid) {
  Bindings b = sizes;
  long long blocks = 1LL * grid[0] * grid[1] * grid[2];
  long long threads = 1LL * plan.launch.block[0] * plan.launch.block[1] * plan.launch.block[2];
  b["grid"] = blocks;
  b["block"] = threads;
  b["threads"] = blocks * threads;
  return b;
}

LaunchSpec build_case(const KernelPlan& plan, const std::string& name, const std::string& size_kind,
                      const std::string& values, std::uint64_t seed_base) {
  LaunchSpec s;
  s.name = name;
  s.kernel = plan.kernel;
  s.template_args = plan.template_args;
  s.block = plan.launch.block;
  bool large = size_kind == "large";
  auto sizes = case_sizes(plan, size_kind);
  s.grid = case_grid(plan, sizes, large);
  auto vars = launch_bindings(plan, sizes, s.grid);
  if (!plan.launch.shared_expr.empty()) {
    auto bytes = eval_size(plan.launch.shared_expr, vars);
    if (!bytes || *bytes < 0) throw Error("shared memory formula '" + plan.launch.shared_expr + "' does not evaluate");
    s.shared_bytes = static_cast<std::size_t>(*bytes);
  }
  auto count_of = [&](const ParamPlan& p) -> long long {
    auto c = eval_size(p.count(), vars);
    if (!c) throw Error("size formula '" + p.count() + "' of buffer '" + p.name + "' does not evaluate");
    return std::max(*c, 1LL);
  };
  std::uint64_t k = 0;
  for (const auto& p : plan.params) {
    ++k;
    ArgSpec a;
    a.name = p.name;
    a.type = p.type;
    a.bytes = p.bytes;
    if (p.buffer) a.element_type = p.element_type;
    if (!p.buffer) {
      a.kind = ArgSpec::Kind::Scalar;
      if (p.role == "size") a.value = sizes.at(p.name);
      else a.value = p.scalar_value;
      s.args.push_back(std::move(a));
      continue;
    }
    a.kind = !p.symbol ? ArgSpec::Kind::Buffer : p.space == "texture" ? ArgSpec::Kind::Texture : ArgSpec::Kind::Symbol;
    a.role = p.role;
    a.count = static_cast<std::size_t>(count_of(p));
    long long index_hi = 0;
    if (!p.index_target.empty())
      if (const ParamPlan* t = plan.find(p.index_target)) index_hi = count_of(*t) - 1;
    a.init = buffer_init(p, values, index_hi, large, seed_base + k);
    if (!p.initial_value.empty()) {
      a.init = InitSpec{};
      a.init.dist = "const";
      a.init.value = std::stod(p.initial_value);
    }
    s.args.push_back(std::move(a));
  }
  s.compare = plan.compare;
  s.printf_output = plan.printed;
  return s;
}

std::vector<LaunchSpec> design_cases(const KernelPlan& plan) {
  struct Row {
    const char* name;
    const char* sizes;
    const char* values;
  };
  static const Row rows[] = {
      {"typical", "typical", "random"}, {"size1", "size1", "random"},     {"one_block", "one_block", "random"},
      {"ragged", "ragged", "random"},   {"large", "large", "random"},     {"zeros", "typical", "zeros"},
      {"negatives", "typical", "negatives"}, {"nan_inf", "typical", "nan_inf"},
  };
  std::vector<LaunchSpec> out;
  std::uint64_t seed = 0;
  for (const auto& r : rows) {
    seed += 100;
    if (!values_apply(plan, r.values)) continue;
    out.push_back(build_case(plan, r.name, r.sizes, r.values, seed));
  }
  return out;
}

LaunchSpec example_case(const KernelPlan& plan) { return build_case(plan, "example", "tiny", "random", 9000); }

nlohmann::json cases_to_json(const std::vector<LaunchSpec>& cases) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cases) {
    auto j = launch_spec_to_json(c);
    if (c.name == kTimingCase) j["timing"] = true;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace kq::testgen
