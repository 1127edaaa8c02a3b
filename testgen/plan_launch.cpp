// Launch inference: which size parameter each grid axis covers, the block
// shape, and dynamic shared memory, from the index pattern first.
#include <regex>
#include <set>

#include "testgen/cases.hpp"
#include "testgen/expr.hpp"
#include "testgen/launch_sites.hpp"
#include "testgen/site_locals.hpp"
#include "testgen/plan_detail.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen::detail {
namespace {

const std::set<std::string> kStrongX = {"c", "col", "column", "x", "ix", "gx", "tx", "px", "xi", "col_idx", "w"};
const std::set<std::string> kStrongY = {"r", "row", "y", "iy", "gy", "ty", "py", "yi", "row_idx", "h"};
const std::set<std::string> kWeakX = {"j", "n", "cols", "ncols", "width", "nx", "num_cols", "n_cols", "dimx"};
const std::set<std::string> kWeakY = {"i", "m", "rows", "nrows", "height", "ny", "num_rows", "n_rows", "dimy"};

std::vector<std::string> size_params(const KernelPlan& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.params)
    if (p.role == "size") out.push_back(p.name);
  return out;
}

// Size parameters in order of how many buffers index with a variable they bound.
std::string primary_extent(const PlanInput& in, const VarBounds& vars, const std::vector<std::string>& sizes) {
  std::map<std::string, int> score;
  for (const auto& p : in.analysis.params) {
    if (!p.is_pointer) continue;
    for (const auto& e : p.index_exprs) {
      for (const auto& id : expr_identifiers(e)) {
        auto it = vars.find(id);
        if (it != vars.end()) score[it->second] += 2;
        else if (std::find(sizes.begin(), sizes.end(), id) != sizes.end()) score[id] += 1;
      }
    }
  }
  std::string best;
  int best_score = -1;
  for (const auto& s : sizes)
    if (score[s] > best_score) {
      best = s;
      best_score = score[s];
    }
  return best;
}

// For 2-D kernels: the size parameter of each axis, from the names of the
// variables it bounds (col < cols is x) and then from its own name.
void assign_axes(const VarBounds& vars, const std::vector<std::string>& sizes, std::string& x, std::string& y) {
  auto pick = [&](const std::set<std::string>& names, bool by_var) {
    for (const auto& s : sizes) {
      if (s == x || s == y) continue;
      if (!by_var && names.count(s)) return s;
      if (by_var)
        for (const auto& [var, param] : vars)
          if (param == s && names.count(var)) return s;
    }
    return std::string();
  };
  for (bool by_var : {true, false}) {
    if (x.empty()) x = pick(kStrongX, by_var);
    if (y.empty()) y = pick(kStrongY, by_var);
  }
  for (bool by_var : {true, false}) {
    if (x.empty()) x = pick(kWeakX, by_var);
    if (y.empty()) y = pick(kWeakY, by_var);
  }
  // Unnamed pairs follow the (rows, cols) convention of the parameter order.
  std::vector<std::string> rest;
  for (const auto& s : sizes)
    if (s != x && s != y) rest.push_back(s);
  if (y.empty() && !rest.empty()) {
    y = rest.front();
    rest.erase(rest.begin());
  }
  if (x.empty() && !rest.empty()) x = rest.front();
  if (x.empty()) x = y;
  if (y.empty()) y = x;
}

std::vector<std::string> param_names(const PlanInput& in) {
  std::vector<std::string> names;
  for (const auto& p : in.analysis.params) names.push_back(p.name);
  return names;
}

// The first launch site whose block resolves, literally or through the
// launching function's locals.
std::optional<std::array<unsigned, 3>> site_block(const PlanInput& in, LaunchSite* used) {
  for (const auto& s : read_launch_sites(in.launches)) {
    auto d = resolve_site_dims(s.block, s, in.unit_source);
    if (!d) d = resolve_dims(s.block, in.unit_source);
    if (d) {
      if (used) *used = s;
      return d;
    }
  }
  return std::nullopt;
}

// The grid of the site the block came from, when every axis is a formula over
// size parameters that evaluates in every case kind and launches no more than
// a few times the threads the inferred grid would.
std::array<std::string, 3> site_grid(const PlanInput& in, const LaunchSite& site, const KernelPlan& plan) {
  auto f = site_dim_formulas(site.grid, site, in.unit_source, param_names(in));
  if (!f) return {};
  for (const auto& axis : *f)
    for (const auto& id : expr_identifiers(axis)) {
      const ParamPlan* p = plan.find(id);
      if (id != "min" && id != "max" && (!p || p->role != "size")) return {};
    }
  KernelPlan probe = plan;
  for (const char* kind : {"typical", "size1", "one_block", "ragged", "large"}) {
    auto sizes = case_sizes(probe, kind);
    probe.launch.grid_formula = {};
    auto inferred = case_grid(probe, sizes, std::string(kind) == "large");
    long long site_blocks = 1, inferred_blocks = 1LL * inferred[0] * inferred[1] * inferred[2];
    for (const auto& axis : *f) {
      auto v = eval_size(axis, sizes);
      if (!v) return {};
      site_blocks *= std::max(1LL, *v);
    }
    if (site_blocks > std::max(4 * inferred_blocks, 4096LL)) return {};
  }
  return *f;
}

// A square block from a value template parameter named as a block edge
// (`template <int BLOCK_SIZE>` with As[BLOCK_SIZE][BLOCK_SIZE] tiles).
std::optional<long long> template_block(const PlanInput& in) {
  static const std::regex edge("(?:BLOCK|TILE)", std::regex::icase);
  for (const auto& t : in.analysis.template_params) {
    auto sp = t.find_last_of(" \t");
    std::string name = sp == std::string::npos ? t : t.substr(sp + 1);
    if (t.rfind("typename", 0) == 0 || t.rfind("class", 0) == 0 || !std::regex_search(name, edge)) continue;
    if (auto v = int_constant(in.unit_source, name); v && *v > 1 && *v * *v <= 1024) return v;
  }
  return std::nullopt;
}

std::size_t largest_buffer_element(const KernelPlan& plan) {
  std::size_t best = 4;
  for (const auto& p : plan.params) {
    if (!p.buffer) continue;
    std::size_t s = p.bytes ? p.bytes : scalar_type_size(p.type).value_or(4);
    best = std::max(best, s);
  }
  return best;
}

// `sizeof(T)` of a template parameter written as the chosen argument.
std::string with_template_args(std::string text, const PlanInput& in, const KernelPlan& plan) {
  for (std::size_t i = 0; i < plan.template_args.size() && i < in.analysis.template_params.size(); ++i) {
    const auto& tp = in.analysis.template_params[i];
    auto sp = tp.find_last_of(" \t");
    std::string name = sp == std::string::npos ? tp : tp.substr(sp + 1);
    text = std::regex_replace(text, std::regex("\\b" + name + "\\b"), plan.template_args[i]);
  }
  return text;
}

// A byte formula names only size parameters and `block`, and evaluates.
bool shared_formula_ok(const std::string& f, const KernelPlan& plan) {
  Bindings vars{{"block", 256}};
  for (const auto& id : expr_identifiers(f)) {
    if (id == "block" || id == "min" || id == "max") continue;
    const ParamPlan* p = plan.find(id);
    if (!p || p->role != "size") return false;
    vars[id] = 64;
  }
  auto v = eval_size(f, vars);
  return v && *v >= 0;
}

// Dynamic shared memory from a launch site's third argument, read as an
// expression over the block size; otherwise one element per thread.
std::string shared_expression(const PlanInput& in, const KernelPlan& plan) {
  static const std::regex sizeof_re("sizeof\\s*\\(\\s*([^)]*?)\\s*\\)");
  for (const auto& s : read_launch_sites(in.launches)) {
    if (s.shared.empty() || s.shared == "0") continue;
    if (auto f = site_bytes_formula(with_template_args(s.shared, in, plan), s, in.unit_source, param_names(in)))
      if (shared_formula_ok(*f, plan)) return *f;
    std::string text;
    auto begin = std::sregex_iterator(s.shared.begin(), s.shared.end(), sizeof_re);
    std::size_t last = 0;
    bool ok = true;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      text += s.shared.substr(last, it->position() - last);
      std::string t = (*it)[1].str();
      for (std::size_t i = 0; i < plan.template_args.size() && i < in.analysis.template_params.size(); ++i)
        if (in.analysis.template_params[i].ends_with(" " + t)) t = plan.template_args[i];
      auto layout = type_layout(in.unit_source, t);
      if (!layout) ok = false;
      text += layout ? std::to_string(layout->size) : "0";
      last = it->position() + it->length();
    }
    text += s.shared.substr(last);
    if (!ok) continue;
    Bindings vars{{"block", 1}};
    std::string expr;
    for (const auto& id : expr_identifiers(text)) {
      if (id == s.block || id == "blockDim") continue;
      if (!int_constant(in.unit_source, id)) ok = false;
    }
    if (!ok) continue;
    // Substitute the block variable and constants by re-reading the text.
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      if (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_') {
        std::size_t b = i;
        while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
        std::string id = text.substr(b, i - b);
        if (id == s.block) out += "block";
        else if (auto v = int_constant(in.unit_source, id)) out += std::to_string(*v);
        else out += id;
      } else {
        out += text[i++];
      }
    }
    if (eval_size(out, {{"block", 256}})) return out;
  }
  std::size_t elem = largest_buffer_element(plan);
  std::string declared = dynamic_shared_type(in.kernel_source);
  if (!declared.empty())
    if (auto layout = type_layout(in.unit_source, declared)) elem = std::max(elem, layout->size);
  return "block*" + std::to_string(elem);
}

std::string describe(const LaunchPlan& l) {
  std::string threads = std::to_string(l.block[0]);
  if (l.block[1] > 1) threads += "x" + std::to_string(l.block[1]);
  if (l.pattern == "2d")
    return "2-D grid over " + l.extent_x + " x " + l.extent_y + ", one thread per element, " + threads +
           " threads per block";
  if (l.pattern == "block_per_row")
    return "one block per row (" + l.extent_y + " blocks), " + threads + " threads per block striding over " +
           l.extent_x;
  if (l.pattern == "grid_stride")
    return "1-D grid-stride loop over " + l.extent_x + ", capped grid, " + threads + " threads per block";
  if (!l.extent_x.empty())
    return "1-D grid, one thread per element of " + l.extent_x + ", " + threads + " threads per block";
  return "a single block of " + threads + " threads";
}

// A grid axis written `cols / 16` covers cols only when 16 divides it: the
// host runs multiples of 16, and so do the cases.
void mark_floor_divisions(KernelPlan& plan) {
  static const std::regex floor_div(R"(^\(?\s*([A-Za-z_]\w*)\s*/\s*(\d+)\s*\)?$)");
  for (const auto& axis : plan.launch.grid_formula) {
    std::smatch m;
    if (!std::regex_match(axis, m, floor_div)) continue;
    ParamPlan* p = plan.find(m[1].str());
    long long k = std::stoll(m[2].str());
    if (p && p->role == "size" && k > 1 && k <= 4096) p->multiple_of = k;
  }
}

}  // namespace

VarBounds bounded_vars(const KernelAnalysis& a) {
  VarBounds out;
  for (const auto& p : a.params) {
    if (p.is_pointer || !p.size_like) continue;
    for (const auto& b : p.bounds)
      for (const auto& id : expr_identifiers(b)) {
        if (id == p.name || a.find_param(id)) continue;
        out.emplace(id, p.name);
      }
  }
  return out;
}

std::string infer_launch(const PlanInput& in, const VarBounds& vars, KernelPlan& plan) {
  auto& l = plan.launch;
  l.pattern = in.analysis.index_pattern;
  // A kernel that indexes by blockIdx.y is two-dimensional, whatever the
  // analysis could classify (tiled kernels hide the row in a tile offset).
  if ((l.pattern == "other" || l.pattern == "1d") && in.kernel_source.find("blockIdx.y") != std::string::npos)
    l.pattern = "2d";
  auto sizes = size_params(plan);
  LaunchSite site;
  auto from_site = site_block(in, &site);
  auto tile_x = block_tile(in.kernel_source, in.unit_source, 'x');
  auto tile_y = block_tile(in.kernel_source, in.unit_source, 'y');
  // A tile walked in strides (rows of 8 over a 32x32 tile) is covered by a
  // block as wide as the stride, not as the tile.
  auto stride_x = tile_x ? thread_stride(in.kernel_source, in.unit_source, 'x', *tile_x) : std::nullopt;
  auto stride_y = tile_y ? thread_stride(in.kernel_source, in.unit_source, 'y', *tile_y) : std::nullopt;
  auto thread_x = stride_x ? stride_x : tile_x, thread_y = stride_y ? stride_y : tile_y;
  if (l.pattern == "2d") {
    if (sizes.empty()) return "unsupported: 2-D index pattern without size parameters";
    assign_axes(vars, sizes, l.extent_x, l.extent_y);
    if (from_site && from_site->at(1) > 1) l.block = *from_site;
    else if (thread_x && thread_y && *thread_x * *thread_y <= 1024) l.block = {unsigned(*thread_x), unsigned(*thread_y), 1};
    else if (auto b = template_block(in)) l.block = {unsigned(*b), unsigned(*b), 1};
    else l.block = {16, 16, 1};
    l.tile = {unsigned(tile_x.value_or(l.block[0])), unsigned(tile_y.value_or(l.block[1]))};
  } else if (l.pattern == "block_per_row") {
    if (sizes.empty()) return "unsupported: one block per row without size parameters";
    assign_axes(vars, sizes, l.extent_x, l.extent_y);
    l.block = {from_site ? from_site->at(0) : unsigned(tile_x.value_or(256)), 1, 1};
  } else {
    l.extent_x = primary_extent(in, vars, sizes);
    l.block = {from_site ? from_site->at(0) : unsigned(thread_x.value_or(256)), 1, 1};
    if (from_site && from_site->at(1) > 1) l.block = *from_site;
    l.tile = {unsigned(tile_x.value_or(l.block[0])), 0};
    l.capped = l.pattern == "grid_stride";
  }
  for (auto& p : plan.params) {
    if (p.role != "size") continue;
    if (p.name == l.extent_x) p.dim = l.pattern == "2d" || l.pattern == "block_per_row" ? "x" : "primary";
    else if (p.name == l.extent_y) p.dim = "y";
    else p.dim = "aux";
    if (p.name == l.extent_x && p.name == l.extent_y) p.dim = "xy";
  }
  if (from_site && from_site->at(0) == l.block[0] && from_site->at(1) == l.block[1]) l.grid_formula = site_grid(in, site, plan);
  mark_floor_divisions(plan);
  if (in.analysis.has(Feature::shared_dynamic)) l.shared_expr = shared_expression(in, plan);
  l.description = describe(l);
  return "";
}

}  // namespace kq::testgen::detail
