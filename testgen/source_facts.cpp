#include "testgen/source_facts.hpp"

#include <regex>
#include <set>

#include "core/source_scan.hpp"
#include "core/text.hpp"
#include "core/launch_spec.hpp"
#include "testgen/expr.hpp"
#include "testgen/struct_fields.hpp"

namespace kq::testgen {
namespace {

// The raw definition text of `name`, without resolving it.
std::optional<std::string> definition_text(const std::string& source, const std::string& name) {
  std::smatch m;
  std::regex define("#[ \\t]*define[ \\t]+" + name + "[ \\t]+([^\\n]+)");
  if (std::regex_search(source, m, define)) return trim(m[1].str());
  std::regex cexpr("(?:constexpr|const)[^;=\\n(]*\\b" + name + "\\s*=\\s*([^;]+);");
  if (std::regex_search(source, m, cexpr)) return trim(m[1].str());
  return std::nullopt;
}

std::optional<long long> resolve(const std::string& source, const std::string& text, int depth) {
  if (depth > 8) return std::nullopt;
  Bindings vars;
  for (const auto& id : expr_identifiers(text)) {
    auto def = definition_text(source, id);
    if (!def) return std::nullopt;
    auto v = resolve(source, *def, depth + 1);
    if (!v) return std::nullopt;
    vars[id] = *v;
  }
  return eval_size(text, vars);
}

std::string strip_qualifiers(std::string t) {
  for (const char* q : {"const ", "volatile ", "struct ", "__restrict__"}) {
    auto p = t.find(q);
    while (p != std::string::npos) {
      t.erase(p, std::string(q).size());
      p = t.find(q);
    }
  }
  return trim(t);
}

}  // namespace

std::optional<long long> int_constant(const std::string& source, const std::string& name) {
  return resolve(source, name, 0);
}

namespace {

// The scalar a runtime type is made of: float4 -> float, int -> int. Only
// the scalars a launch spec can fill count; half types stay opaque.
std::string uniform_component(const std::string& type) {
  auto components = vector_components(type);
  const std::string scalar = components.empty() ? type : components.front().type;
  for (const char* s : {"float", "double", "int", "unsigned", "unsigned int", "int64_t", "uint32_t", "int32_t"})
    if (scalar == s) return scalar;
  return "";
}

}  // namespace

std::optional<std::string> struct_body(const std::string& source, const std::string& type) {
  std::smatch m;
  std::regex def("(?:struct|class)\\s+(?:__align__\\(\\d+\\)\\s+)?" + type + "\\s*\\{([^{}]*)\\}\\s*;");
  // `typedef struct { ... } T;` and `typedef struct tag { ... } T;`
  std::regex alias("typedef\\s+struct\\s*(?:[A-Za-z_]\\w*\\s*)?\\{([^{}]*)\\}\\s*" + type + "\\s*;");
  if (std::regex_search(source, m, def) || std::regex_search(source, m, alias)) return m[1].str();
  return std::nullopt;
}

std::optional<TypeLayout> type_layout(const std::string& source, const std::string& type) {
  if (auto s = scalar_type_size(type)) {
    std::size_t align = *s;
    if (type == "float3") align = 4;
    if (align > 16) align = 16;
    return TypeLayout{*s, align, uniform_component(type)};
  }
  auto found = struct_body(source, type);
  if (!found) return std::nullopt;
  const std::string& body = *found;
  TypeLayout layout;
  std::size_t packed = 0;  // bytes of the fields themselves, to tell padding
  std::optional<std::string> uniform;
  std::regex field("([A-Za-z_][A-Za-z0-9_ ]*?)\\s+([A-Za-z_][A-Za-z0-9_]*(?:\\s*\\[\\s*\\w+\\s*\\])?(?:\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*(?:\\s*\\[\\s*\\w+\\s*\\])?)*)\\s*;");
  bool any = false;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), field); it != std::sregex_iterator(); ++it) {
    std::string ftype = strip_qualifiers((*it)[1].str());
    if (ftype.find('(') != std::string::npos || ftype.find("static") != std::string::npos) return std::nullopt;
    auto inner = type_layout(source, ftype);
    if (!inner) return std::nullopt;
    std::string names = (*it)[2].str();
    std::regex one("([A-Za-z_][A-Za-z0-9_]*)(?:\\s*\\[\\s*(\\w+)\\s*\\])?");
    for (auto n = std::sregex_iterator(names.begin(), names.end(), one); n != std::sregex_iterator(); ++n) {
      long long count = 1;
      if ((*n)[2].matched) {
        auto c = int_constant(source, (*n)[2].str());
        if (!c || *c <= 0) return std::nullopt;
        count = *c;
      }
      layout.size = (layout.size + inner->align - 1) / inner->align * inner->align;
      layout.size += inner->size * static_cast<std::size_t>(count);
      layout.align = std::max(layout.align, inner->align);
      packed += inner->size * static_cast<std::size_t>(count);
      if (!uniform) uniform = inner->uniform;
      else if (*uniform != inner->uniform) uniform = std::string();
      any = true;
    }
  }
  // Member functions or anything the field pattern cannot read make the body
  // leave text behind; only accept bodies made of fields alone.
  std::string rest = std::regex_replace(body, field, "");
  rest = std::regex_replace(rest, std::regex("//[^\\n]*"), "");
  if (!any || !trim(rest).empty()) return std::nullopt;
  layout.size = (layout.size + layout.align - 1) / layout.align * layout.align;
  if (uniform && packed == layout.size) layout.uniform = *uniform;
  return layout;
}

std::optional<long long> block_tile(const std::string& kernel_source, const std::string& unit_source, char axis) {
  std::string ax(1, axis);
  std::smatch m;
  std::regex a("blockIdx\\." + ax + "\\s*\\*\\s*([A-Za-z_][A-Za-z0-9_]*|\\d+)");
  std::regex b("([A-Za-z_][A-Za-z0-9_]*|\\d+)\\s*\\*\\s*blockIdx\\." + ax);
  std::string tile;
  if (std::regex_search(kernel_source, m, a)) tile = m[1].str();
  else if (std::regex_search(kernel_source, m, b)) tile = m[1].str();
  if (tile.empty() || tile == "blockDim") return std::nullopt;
  auto v = int_constant(unit_source, tile);
  if (!v || *v <= 0 || *v > 1024) return std::nullopt;
  return v;
}

std::optional<long long> thread_stride(const std::string& kernel_source, const std::string& unit_source, char axis,
                                       long long tile) {
  static const std::regex loop(
      R"(for\s*\(\s*(?:(?:const\s+)?(?:unsigned\s+int|unsigned|int|size_t|long|auto)\s+)?([A-Za-z_]\w*)\s*=\s*0\s*;\s*\1\s*<\s*([A-Za-z_]\w*|\d+)\s*;\s*\1\s*\+=\s*([A-Za-z_]\w*|\d+)\s*\))");
  std::string ax(1, axis);
  for (auto it = std::sregex_iterator(kernel_source.begin(), kernel_source.end(), loop); it != std::sregex_iterator();
       ++it) {
    std::string var = (*it)[1].str();
    std::regex used("threadIdx\\." + ax + "\\s*\\+\\s*" + var + "\\b|\\b" + var + "\\s*\\+\\s*threadIdx\\." + ax + "\\b");
    if (!std::regex_search(kernel_source, used)) continue;
    auto limit = int_constant(unit_source, (*it)[2].str());
    auto step = int_constant(unit_source, (*it)[3].str());
    if (!limit || !step || *limit != tile || *step <= 0 || *step > 1024 || *step >= *limit) continue;
    return step;
  }
  return std::nullopt;
}

std::string dynamic_shared_type(const std::string& kernel_source) {
  auto arrays = extern_shared_arrays(kernel_source);
  return arrays.empty() ? "" : strip_qualifiers(arrays.front().type);
}

std::vector<long long> bound_constants(const std::string& kernel_source, const std::string& unit_source) {
  std::set<long long> found;
  std::regex r("<\\s*([A-Z_][A-Z0-9_]*)\\b");
  for (auto it = std::sregex_iterator(kernel_source.begin(), kernel_source.end(), r); it != std::sregex_iterator(); ++it) {
    auto v = int_constant(unit_source, (*it)[1].str());
    if (v && *v > 0 && *v <= (1 << 24)) found.insert(*v);
  }
  std::regex lit("<\\s*(\\d+)\\s*[;)]");
  for (auto it = std::sregex_iterator(kernel_source.begin(), kernel_source.end(), lit); it != std::sregex_iterator(); ++it) {
    long long v = std::stoll((*it)[1].str());
    if (v > 1 && v <= (1 << 24)) found.insert(v);
  }
  return {found.begin(), found.end()};
}

}  // namespace kq::testgen
