#include "core/launch_spec.hpp"

#include <map>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace kq {
namespace {

using nlohmann::json;

const std::map<std::string, std::size_t>& scalar_sizes() {
  static const std::map<std::string, std::size_t> sizes = {
      {"float", 4}, {"double", 8}, {"int", 4}, {"unsigned", 4}, {"unsigned int", 4},
      {"int32_t", 4}, {"uint32_t", 4}, {"int64_t", 8}, {"uint64_t", 8}, {"long", 8},
      {"unsigned long", 8}, {"long long", 8}, {"unsigned long long", 8}, {"size_t", 8},
      {"short", 2}, {"unsigned short", 2}, {"int16_t", 2}, {"uint16_t", 2}, {"char", 1},
      {"signed char", 1}, {"unsigned char", 1}, {"int8_t", 1}, {"uint8_t", 1}, {"bool", 1},
      {"__half", 2}, {"half", 2}, {"__nv_bfloat16", 2}, {"hip_bfloat16", 2}, {"__hip_bfloat16", 2},
      {"float2", 8}, {"float3", 12}, {"float4", 16}, {"double2", 16}, {"int2", 8}, {"int4", 16},
      {"uint2", 8}, {"uint4", 16}, {"char4", 4}, {"uchar4", 4}, {"__half2", 4}, {"half2", 4}};
  return sizes;
}

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw Error("launch spec: " + where + ": " + what);
}

std::array<unsigned, 3> dims(const json& j, const std::string& field) {
  if (!j.is_array() || j.empty() || j.size() > 3) bad(field, "expected an array of 1 to 3 positive integers");
  std::array<unsigned, 3> d{1, 1, 1};
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_number_integer() || j[i].get<long long>() <= 0) bad(field, "dimensions must be positive integers");
    d[i] = j[i].get<unsigned>();
  }
  return d;
}

InitSpec init_from_json(const json& j, const std::string& where) {
  InitSpec s;
  if (!j.is_object()) bad(where, "init must be an object");
  s.dist = j.value("dist", "zeros");
  static const char* kDists[] = {"uniform", "normal", "zeros", "ones", "iota", "const", "randint", "poison", "file"};
  bool known = false;
  for (auto* d : kDists) known |= s.dist == d;
  if (!known) bad(where, "unknown init.dist '" + s.dist + "'");
  s.lo = j.value("lo", 0.0);
  s.hi = j.value("hi", s.dist == "randint" ? 100.0 : 1.0);
  s.mean = j.value("mean", 0.0);
  s.stddev = j.value("std", 1.0);
  s.value = j.value("value", 0.0);
  s.seed = j.value("seed", std::uint64_t{0});
  s.path = j.value("path", "");
  if (s.dist == "file" && s.path.empty()) bad(where, "init.dist 'file' needs a path");
  if ((s.dist == "uniform" || s.dist == "randint") && s.hi < s.lo) bad(where, "init.hi is below init.lo");
  return s;
}

json init_to_json(const InitSpec& s) {
  json j{{"dist", s.dist}};
  if (s.dist == "uniform" || s.dist == "randint") { j["lo"] = s.lo; j["hi"] = s.hi; }
  if (s.dist == "normal") { j["mean"] = s.mean; j["std"] = s.stddev; }
  if (s.dist == "const") j["value"] = s.value;
  if (s.dist == "file") j["path"] = s.path;
  if (s.dist != "zeros" && s.dist != "ones" && s.dist != "iota" && s.dist != "const" && s.dist != "file")
    j["seed"] = s.seed;
  return j;
}

ArgSpec arg_from_json(const json& j, std::size_t index) {
  std::string where = "args[" + std::to_string(index) + "]";
  if (!j.is_object()) bad(where, "expected an object");
  ArgSpec a;
  a.name = j.value("name", "");
  if (a.name.empty()) bad(where, "missing name");
  where += " '" + a.name + "'";
  std::string kind = j.value("kind", "");
  if (kind == "scalar") a.kind = ArgSpec::Kind::Scalar;
  else if (kind == "buffer") a.kind = ArgSpec::Kind::Buffer;
  else if (kind == "symbol") a.kind = ArgSpec::Kind::Symbol;
  else if (kind == "texture") a.kind = ArgSpec::Kind::Texture;
  else bad(where, "kind must be 'scalar', 'buffer', 'symbol' or 'texture'");
  a.type = j.value("type", "");
  if (a.type.empty()) bad(where, "missing type");
  a.bytes = j.value("bytes", std::size_t{0});
  if (!scalar_type_size(a.type) && a.bytes == 0) bad(where, "type '" + a.type + "' is not a known scalar; give bytes");
  a.element_type = j.value("element_type", "");
  if (!a.element_type.empty()) {
    auto size = scalar_type_size(a.element_type);
    if (scalar_type_size(a.type)) bad(where, "element_type is for struct types only");
    if (!size) bad(where, "element_type '" + a.element_type + "' is not a known scalar type");
    if (a.bytes % *size != 0) bad(where, "bytes is not a multiple of the size of element_type '" + a.element_type + "'");
  }
  if (a.kind == ArgSpec::Kind::Scalar) {
    if (!j.contains("value")) bad(where, "scalar without value");
    a.value = j["value"];
    return a;
  }
  if (!j.contains("count") || !j["count"].is_number_integer() || j["count"].get<long long>() < 0)
    bad(where, "buffer or symbol needs a non-negative integer count");
  a.count = j["count"].get<std::size_t>();
  a.role = j.value("role", "in");
  if (a.role != "in" && a.role != "out" && a.role != "inout") bad(where, "role must be in, out or inout");
  if (a.kind == ArgSpec::Kind::Texture && a.role != "in") bad(where, "a texture is read only: role must be in");
  json init = j.contains("init") ? j["init"] : json{{"dist", a.role == "out" ? "poison" : "zeros"}};
  a.init = init_from_json(init, where);
  return a;
}

const char* kind_name(ArgSpec::Kind k) {
  switch (k) {
    case ArgSpec::Kind::Scalar: return "scalar";
    case ArgSpec::Kind::Buffer: return "buffer";
    case ArgSpec::Kind::Symbol: return "symbol";
    case ArgSpec::Kind::Texture: return "texture";
  }
  return "scalar";
}

json arg_to_json(const ArgSpec& a) {
  json j{{"name", a.name}, {"kind", kind_name(a.kind)}, {"type", a.type}};
  if (a.bytes) j["bytes"] = a.bytes;
  if (!a.element_type.empty()) j["element_type"] = a.element_type;
  if (a.kind == ArgSpec::Kind::Scalar) {
    j["value"] = a.value;
    return j;
  }
  j["count"] = a.count;
  j["role"] = a.role;
  j["init"] = init_to_json(a.init);
  return j;
}

}  // namespace

const ArgSpec* LaunchSpec::find_arg(const std::string& arg_name) const {
  for (const auto& a : args)
    if (a.name == arg_name) return &a;
  return nullptr;
}

std::optional<std::size_t> scalar_type_size(const std::string& type) {
  auto it = scalar_sizes().find(type);
  if (it == scalar_sizes().end()) return std::nullopt;
  return it->second;
}

bool is_floating_type(const std::string& type) {
  return type == "float" || type == "double" || type == "__half" || type == "half" ||
         type == "__nv_bfloat16" || type == "hip_bfloat16" || type == "__hip_bfloat16" ||
         type.rfind("float", 0) == 0 || type.rfind("double", 0) == 0;
}

LaunchSpec launch_spec_from_json(const json& j) {
  if (!j.is_object()) bad("document", "expected a JSON object");
  LaunchSpec s;
  s.name = j.value("name", "");
  s.kernel = j.value("kernel", "");
  if (s.kernel.empty()) bad("kernel", "missing kernel name");
  if (j.contains("template_args")) {
    for (const auto& t : j["template_args"]) {
      if (t.is_string()) s.template_args.push_back(t.get<std::string>());
      else s.template_args.push_back(t.dump());
    }
  }
  if (!j.contains("grid")) bad("grid", "missing");
  if (!j.contains("block")) bad("block", "missing");
  s.grid = dims(j["grid"], "grid");
  s.block = dims(j["block"], "block");
  if (static_cast<unsigned long long>(s.block[0]) * s.block[1] * s.block[2] > 1024)
    bad("block", "more than 1024 threads per block");
  s.shared_bytes = j.value("shared_bytes", std::size_t{0});
  if (!j.contains("args") || !j["args"].is_array()) bad("args", "missing or not an array");
  for (std::size_t i = 0; i < j["args"].size(); ++i) s.args.push_back(arg_from_json(j["args"][i], i));
  s.printf_output = j.value("printf", false);
  if (j.contains("compare")) {
    s.compare.rtol = j["compare"].value("rtol", s.compare.rtol);
    s.compare.atol = j["compare"].value("atol", s.compare.atol);
    s.compare.basis = j["compare"].value("basis", std::string());
  }
  return s;
}

json launch_spec_to_json(const LaunchSpec& s) {
  json j;
  if (!s.name.empty()) j["name"] = s.name;
  j["kernel"] = s.kernel;
  j["template_args"] = s.template_args;
  j["grid"] = s.grid;
  j["block"] = s.block;
  j["shared_bytes"] = s.shared_bytes;
  j["args"] = json::array();
  for (const auto& a : s.args) j["args"].push_back(arg_to_json(a));
  j["compare"] = {{"rtol", s.compare.rtol}, {"atol", s.compare.atol}};
  if (!s.compare.basis.empty()) j["compare"]["basis"] = s.compare.basis;
  if (s.printf_output) j["printf"] = true;
  return j;
}

LaunchSpec load_launch_spec(const std::string& path) {
  json j;
  try {
    j = json::parse(read_file(path, 16u << 20));
  } catch (const json::parse_error& e) {
    throw Error("launch spec '" + path + "' is not valid JSON: " + e.what());
  }
  try {
    return launch_spec_from_json(j);
  } catch (const Error& e) {
    throw Error("'" + path + "': " + e.what());
  }
}

}  // namespace kq
