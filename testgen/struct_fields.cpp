#include "testgen/struct_fields.hpp"

#include <map>
#include <regex>

#include "core/launch_spec.hpp"
#include "core/text.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen {
namespace {

std::string strip_field_qualifiers(std::string t) {
  for (const std::string q : {"const ", "volatile ", "struct "})
    for (auto p = t.find(q); p != std::string::npos; p = t.find(q)) t.erase(p, q.size());
  return trim(t);
}

bool flatten(const std::string& source, const std::string& type, const std::string& prefix, int depth,
             std::size_t max_fields, std::vector<ScalarField>& out);

bool add_leaves(const std::string& source, const std::string& type, const std::string& path, int depth,
                std::size_t max_fields, std::vector<ScalarField>& out) {
  if (auto comps = vector_components(type); !comps.empty()) {
    for (const auto& c : comps) out.push_back({path + "." + c.path, c.type});
  } else if (scalar_type_size(type)) {
    out.push_back({path, type});
  } else if (!flatten(source, type, path + ".", depth + 1, max_fields, out)) {
    return false;
  }
  return out.size() <= max_fields;
}

bool flatten(const std::string& source, const std::string& type, const std::string& prefix, int depth,
             std::size_t max_fields, std::vector<ScalarField>& out) {
  if (depth > 4) return false;
  auto body = struct_body(source, type);
  if (!body) return false;
  // One declaration: a type, then names with optional fixed extents.
  static const std::regex decl(R"(([A-Za-z_][A-Za-z0-9_: ]*?)\s+([A-Za-z_]\w*(?:\s*\[\s*\w+\s*\])?(?:\s*,\s*[A-Za-z_]\w*(?:\s*\[\s*\w+\s*\])?)*)\s*;)");
  static const std::regex one(R"(([A-Za-z_]\w*)(?:\s*\[\s*(\w+)\s*\])?)");
  bool any = false;
  for (auto it = std::sregex_iterator(body->begin(), body->end(), decl); it != std::sregex_iterator(); ++it) {
    std::string ftype = strip_field_qualifiers((*it)[1].str());
    if (ftype.find("static") != std::string::npos) return false;
    std::string names = (*it)[2].str();
    for (auto n = std::sregex_iterator(names.begin(), names.end(), one); n != std::sregex_iterator(); ++n) {
      std::string path = prefix + (*n)[1].str();
      if (!(*n)[2].matched) {
        if (!add_leaves(source, ftype, path, depth, max_fields, out)) return false;
        any = true;
        continue;
      }
      auto count = int_constant(source, (*n)[2].str());
      if (!count || *count <= 0 || static_cast<std::size_t>(*count) > max_fields) return false;
      for (long long i = 0; i < *count; ++i)
        if (!add_leaves(source, ftype, path + "[" + std::to_string(i) + "]", depth, max_fields, out)) return false;
      any = true;
    }
  }
  // Only bodies made of such declarations: member functions, pointers and
  // anything else leave text behind.
  std::string rest = std::regex_replace(*body, decl, "");
  rest = std::regex_replace(rest, std::regex("//[^\\n]*"), "");
  return any && trim(rest).empty();
}

}  // namespace

std::vector<ScalarField> vector_components(const std::string& type) {
  static const std::map<std::string, std::pair<std::string, int>> vectors = {
      {"float2", {"float", 2}},   {"float3", {"float", 3}},     {"float4", {"float", 4}},
      {"double2", {"double", 2}}, {"int2", {"int", 2}},         {"int4", {"int", 4}},
      {"uint2", {"unsigned", 2}}, {"uint4", {"unsigned", 4}},   {"char4", {"signed char", 4}},
      {"uchar4", {"unsigned char", 4}}, {"__half2", {"__half", 2}}, {"half2", {"__half", 2}}};
  auto it = vectors.find(type);
  if (it == vectors.end()) return {};
  std::vector<ScalarField> out;
  for (int i = 0; i < it->second.second; ++i) out.push_back({std::string(1, "xyzw"[i]), it->second.first});
  return out;
}

std::optional<std::vector<ScalarField>> scalar_fields(const std::string& source, const std::string& type,
                                                      std::size_t max_fields) {
  std::vector<ScalarField> out;
  if (auto comps = vector_components(type); !comps.empty()) return comps;
  if (!flatten(source, type, "", 0, max_fields, out) || out.empty() || out.size() > max_fields) return std::nullopt;
  return out;
}

}  // namespace kq::testgen
