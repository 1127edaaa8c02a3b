// Scalars of struct or vector type passed by value (render_helpers.hpp). The
// launch spec gives them one value per leaf:
//   {"name": "p", "kind": "scalar", "type": "Params", "bytes": 12,
//    "value": [{"field": "n", "type": "int", "value": 5},
//              {"field": "dir.x", "type": "float", "value": 1.5}, ...]}
// Field paths and types reach the generated source, so both are checked here.
#include <regex>

#include "core/error.hpp"
#include "wrapper_gen/render_helpers.hpp"
#include "wrapper_gen/template_engine.hpp"

namespace kq::wrapper_gen::detail {

using nlohmann::json;

bool is_struct_scalar(const ArgSpec& a) { return a.kind == ArgSpec::Kind::Scalar && a.value.is_array(); }

std::vector<StructField> struct_scalar_fields(const ArgSpec& a) {
  static const std::regex path_re(R"(^[A-Za-z_]\w*(\[\d+\])*(\.[A-Za-z_]\w*(\[\d+\])*)*$)");
  static const std::regex type_re(R"(^[A-Za-z_][\w:]*$)");
  if (!std::regex_match(a.type, type_re)) throw Error("scalar '" + a.name + "': type '" + a.type + "' is not a type name");
  if (a.value.empty()) throw Error("scalar '" + a.name + "' of type " + a.type + ": no field values");
  std::vector<StructField> out;
  for (const auto& f : a.value) {
    if (!f.is_object() || !f.contains("field") || !f["field"].is_string() || !f.contains("type") ||
        !f["type"].is_string() || !f.contains("value"))
      throw Error("scalar '" + a.name + "': each field value needs field, type and value");
    std::string path = f["field"].get<std::string>();
    if (!std::regex_match(path, path_re)) throw Error("scalar '" + a.name + "': '" + path + "' is not a field path");
    ArgSpec leaf;
    leaf.name = a.name + "." + path;
    leaf.type = f["type"].get<std::string>();
    leaf.value = f["value"];
    if (!scalar_type_size(leaf.type) || leaf.value.is_array())
      throw Error("scalar '" + leaf.name + "': field type '" + leaf.type + "' is not a scalar type");
    out.push_back({path, std::move(leaf)});
  }
  return out;
}

std::string struct_scalar_expr(const ArgSpec& a, const std::function<std::string(const ArgSpec&)>& field_expr) {
  json c{{"type", a.type}, {"fields", json::array()}};
  for (const auto& f : struct_scalar_fields(a)) c["fields"].push_back({{"path", f.path}, {"expr", field_expr(f.leaf)}});
  std::string s = render_template_file("struct_scalar.tmpl", c);
  auto first = s.find_first_not_of(" \n");
  auto last = s.find_last_not_of(" \n");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

}  // namespace kq::wrapper_gen::detail
