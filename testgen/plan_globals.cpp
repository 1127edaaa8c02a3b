// Device variables as a kernel's inputs and outputs (plan_detail.hpp).
#include <cstring>
#include <regex>

#include "testgen/globals.hpp"
#include "testgen/plan_detail.hpp"
#include "testgen/source_facts.hpp"
#include "testgen/type_names.hpp"

namespace kq::testgen::detail {
namespace {

// __constant__ memory is read-only in a kernel; a __device__ variable the
// kernel only stores to starts poisoned; one it also reads (an accumulator,
// an atomic counter) starts from a defined value.
std::string symbol_role(const UnitGlobal& g) {
  if (g.space == "__constant__" || g.space == "texture" || !g.written) return "in";
  return g.read || g.atomic ? "inout" : "out";
}

// A scalar initializer the spec can reproduce ("0", "1.5f", "-3"), or "".
std::string numeric_initializer(const UnitGlobal& g) {
  static const std::regex number("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?[fFuUlL]*");
  if (g.count != 1 || !std::regex_match(g.initializer, number)) return "";
  std::string v = g.initializer;
  while (!v.empty() && std::strchr("fFuUlL", v.back())) v.pop_back();
  return v;
}

std::string symbol_type(const PlanInput& in, const UnitGlobal& g, const std::map<std::string, std::string>& subst,
                        ParamPlan& p) {
  auto it = subst.find(g.type);
  p.type = it == subst.end() ? g.type : it->second;
  if (auto scalar = scalar_alias(in.unit_source, p.type); !scalar.empty()) p.type = scalar;
  if (scalar_type_size(p.type)) return "";
  auto layout = type_layout(in.unit_source, p.type);
  if (!layout) return "unsupported: device variable '" + g.name + "' of type '" + p.type + "' has no readable layout";
  p.bytes = layout->size;
  p.element_type = layout->uniform;
  return "";
}

const ParamPlan* first_buffer(const KernelPlan& plan) {
  for (const auto& p : plan.params)
    if (p.buffer && !p.symbol) return &p;
  return nullptr;
}

}  // namespace

bool textures_supported(const std::string& unit_source, const KernelPlan& plan) {
  static const std::regex objects(R"(\b(?:cuda|hip)(?:Texture|Surface)Object_t\b|\bsurf[123]D)");
  if (std::regex_search(unit_source, objects)) return false;
  static const std::regex reference(R"(\btexture\s*<)");
  std::ptrdiff_t declared = std::distance(std::sregex_iterator(unit_source.begin(), unit_source.end(), reference),
                                          std::sregex_iterator());
  std::ptrdiff_t planned = 0;
  for (const auto& p : plan.params) planned += p.space == "texture";
  return planned > 0 && planned == declared;
}

std::string plan_globals(const PlanInput& in, const std::map<std::string, std::string>& subst, KernelPlan& plan) {
  for (const auto& g : unit_globals(in.unit_source)) {
    if (!g.read && !g.written) continue;
    // A table or value the source gives and the kernel only reads is code.
    if (g.initialized && !g.written) continue;
    if (plan.find(g.name)) continue;  // a parameter hides it
    ParamPlan p;
    p.name = g.name;
    p.buffer = p.symbol = true;
    p.space = g.space;
    p.role = symbol_role(g);
    p.atomic = g.atomic;
    if (g.initialized) {
      p.initial_value = numeric_initializer(g);
      // An initializer the spec cannot state: the variable keeps it only in a fresh process.
      if (p.initial_value.empty())
        return "unsupported: device variable '" + g.name + "' is written and starts from the initializer '" +
               g.initializer + "'";
    }
    if (auto r = symbol_type(in, g, subst, p); !r.empty()) return r;
    if (g.space == "texture") {
      // As long as the kernel's first buffer: a reference usually stands for one.
      const ParamPlan* like = first_buffer(plan);
      if (!like) return "unsupported: texture reference '" + g.name + "' and no buffer to size it by";
      p.count_candidates = like->count_candidates;
      p.count_from = "the size of buffer '" + like->name + "'";
      plan.params.push_back(std::move(p));
      continue;
    }
    p.count_candidates = {std::to_string(g.count)};
    p.count_from = g.space + " declaration";
    plan.params.push_back(std::move(p));
  }
  return "";
}

}  // namespace kq::testgen::detail
