#include "wrapper_gen/wrapper_gen.hpp"

#include <cmath>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "wrapper_gen/render_helpers.hpp"
#include "wrapper_gen/template_engine.hpp"

namespace kq::wrapper_gen {
namespace detail {

using nlohmann::json;

bool is_half_type(const std::string& t) {
  return t == "__half" || t == "half" || t == "__nv_bfloat16" || t == "hip_bfloat16" || t == "__hip_bfloat16";
}

std::string number_text(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

// A literal a careful person would write for a scalar of `type`.
std::string scalar_literal(const ArgSpec& a) {
  if (is_struct_scalar(a)) return struct_scalar_expr(a, scalar_literal);
  const auto& v = a.value;
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (!v.is_number()) throw Error("scalar '" + a.name + "': value must be a number or a boolean");
  if (!is_floating_type(a.type)) {
    if (v.is_number_float() && std::floor(v.get<double>()) != v.get<double>())
      throw Error("scalar '" + a.name + "' of type " + a.type + ": value " + v.dump() + " is not an integer");
    return v.is_number_unsigned() ? std::to_string(v.get<std::uint64_t>()) : std::to_string(v.get<long long>());
  }
  std::string text = number_text(v.get<double>());
  if (text.find_first_of(".e") == std::string::npos && text.find("inf") == std::string::npos) text += ".0";
  if (a.type == "double") return text;
  if (a.type == "float") return text + "f";
  if (a.type == "__half" || a.type == "half") return "__float2half(" + text + "f)";
  if (is_half_type(a.type)) return "__float2bfloat16(" + text + "f)";
  throw Error("scalar '" + a.name + "' of type " + a.type + " cannot be written as a literal");
}

std::string dims_text(const std::array<unsigned, 3>& d) {
  return std::to_string(d[0]) + ", " + std::to_string(d[1]) + ", " + std::to_string(d[2]);
}

std::string kernel_expr(const LaunchSpec& spec) {
  if (spec.template_args.empty()) return spec.kernel;
  std::string e = spec.kernel + "<";
  for (std::size_t i = 0; i < spec.template_args.size(); ++i) e += (i ? ", " : "") + spec.template_args[i];
  return e + ">";
}

std::string init_comment(const ArgSpec& a) {
  const auto& i = a.init;
  if (i.dist == "uniform") return "uniform in [" + number_text(i.lo) + ", " + number_text(i.hi) + "], seed " + std::to_string(i.seed);
  if (i.dist == "normal") return "normal(" + number_text(i.mean) + ", " + number_text(i.stddev) + "), seed " + std::to_string(i.seed);
  if (i.dist == "randint") return "integers in [" + number_text(i.lo) + ", " + number_text(i.hi) + "], seed " + std::to_string(i.seed);
  if (i.dist == "poison") return "poison pattern, seed " + std::to_string(i.seed) + " (an element the kernel does not write keeps it)";
  if (i.dist == "const") return "every element " + number_text(i.value);
  if (i.dist == "file") return "read from " + i.path;
  return i.dist;
}

// std::vector<bool> packs bits and has no data(): bool buffers live on the
// host as bytes, struct buffers as raw bytes.
std::string host_type(const ArgSpec& a, bool raw) { return raw || a.type == "bool" ? "unsigned char" : a.type; }

// Vector types are filled component by component: float4 as 4 floats.
struct FillTarget {
  std::string component;  // element type the fill function sees; empty: the buffer's own
  unsigned components = 1;
};

FillTarget fill_target(const std::string& type) {
  static const std::map<std::string, FillTarget> vectors = {
      {"float2", {"float", 2}}, {"float3", {"float", 3}}, {"float4", {"float", 4}}, {"double2", {"double", 2}},
      {"int2", {"int", 2}}, {"int4", {"int", 4}}, {"uint2", {"unsigned", 2}}, {"uint4", {"unsigned", 4}},
      {"char4", {"signed char", 4}}, {"uchar4", {"unsigned char", 4}},
      // The fill functions take 16-bit floats as kq::half_t / kq::bf16_t (same bits).
      {"__half", {"kq::half_t", 1}}, {"half", {"kq::half_t", 1}}, {"__half2", {"kq::half_t", 2}},
      {"half2", {"kq::half_t", 2}}, {"__nv_bfloat16", {"kq::bf16_t", 1}}, {"hip_bfloat16", {"kq::bf16_t", 1}},
      {"__hip_bfloat16", {"kq::bf16_t", 1}}};
  auto it = vectors.find(type);
  return it == vectors.end() ? FillTarget{} : it->second;
}

// A struct buffer with an element_type is filled as that scalar: its host
// buffer holds bytes, so the fill sees bytes / sizeof(element_type) values.
bool fills_as_elements(const ArgSpec& a) { return !a.element_type.empty() && !scalar_type_size(a.type); }

std::string effective_dist(const ArgSpec& a) {
  bool opaque = !scalar_type_size(a.type) && !fills_as_elements(a);
  return opaque && a.init.dist != "zeros" && a.init.dist != "file" ? "poison" : a.init.dist;
}

std::string fill_pointer(const ArgSpec& a) {
  std::string data = "h_" + a.name + ".data()";
  if (fills_as_elements(a)) return "reinterpret_cast<" + a.element_type + "*>(" + data + ")";
  auto t = fill_target(a.type);
  return t.component.empty() ? data : "reinterpret_cast<" + t.component + "*>(" + data + ")";
}

std::string fill_count(const ArgSpec& a) {
  std::string size = "h_" + a.name + ".size()";
  if (fills_as_elements(a)) return size + " / " + std::to_string(*scalar_type_size(a.element_type));
  auto t = fill_target(a.type);
  return t.components == 1 ? size : size + " * " + std::to_string(t.components);
}

// The statement that fills one host buffer, from templates/fill_buffer.tmpl.
std::string fill_statement(const ArgSpec& a, bool raw) {
  json c{{"name", a.name}, {"type", a.type}, {"lo", number_text(a.init.lo)}, {"hi", number_text(a.init.hi)},
         {"mean", number_text(a.init.mean)}, {"std", number_text(a.init.stddev)},
         {"value", number_text(a.init.value)}, {"seed", std::to_string(a.init.seed)}, {"path", a.init.path},
         {"hi_exclusive", number_text(std::floor(a.init.hi) + 1)}, {"ptr", fill_pointer(a)},
         {"fill_count", fill_count(a)}};
  std::string dist = effective_dist(a);
  for (const char* d : {"uniform", "normal", "randint", "iota", "zeros", "ones", "const", "poison", "file"}) c[d] = false;
  c[dist] = true;
  c["raw"] = raw;
  std::string s = render_template_file("fill_buffer.tmpl", c);
  auto first = s.find_first_not_of(" \n");
  auto last = s.find_last_not_of(" \n");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

// The write_npy call for one buffer: vector types as their components (a
// float4 buffer of n elements is n * 4 "<f4"), structs as opaque "|V<bytes>".
std::string write_call(const ArgSpec& a, const std::string& file, bool raw) {
  std::string h = "h_" + a.name;
  if (raw) return "kq::write_npy(\"" + file + "\", " + h + ", " + std::to_string(a.bytes) + ")";
  auto t = fill_target(a.type);
  if (a.type == "bool") return "kq::write_npy(\"" + file + "\", " + h + ".data(), \"|b1\", " + h + ".size())";
  if (t.components == 1) return "kq::write_npy(\"" + file + "\", " + h + ")";
  static const std::map<std::string, std::string> descr = {
      {"float", "<f4"}, {"double", "<f8"}, {"int", "<i4"}, {"unsigned", "<u4"}, {"signed char", "|i1"},
      {"unsigned char", "|u1"}, {"kq::half_t", "<f2"}};
  return "kq::write_npy(\"" + file + "\", " + h + ".data(), \"" + descr.at(t.component) + "\", " + h +
         ".size() * " + std::to_string(t.components) + ")";
}

json buffer_context(const ArgSpec& a) {
  bool raw = !scalar_type_size(a.type).has_value();
  if (raw && a.bytes == 0) throw Error("buffer '" + a.name + "' of struct type " + a.type + " needs bytes");
  json b;
  b["name"] = a.name;
  b["type"] = a.type;
  b["count"] = a.count;
  b["role"] = a.role;
  b["raw"] = raw;
  b["elem_bytes"] = raw ? a.bytes : *scalar_type_size(a.type);
  b["host_type"] = host_type(a, raw);
  b["host_count"] = raw ? std::to_string(a.count) + " * " + std::to_string(a.bytes) : std::to_string(a.count);
  b["bytes_expr"] = raw ? std::to_string(a.count) + " * " + std::to_string(a.bytes)
                        : std::to_string(a.count) + " * sizeof(" + a.type + ")";
  b["init_comment"] = init_comment(a);
  b["fill"] = fill_statement(a, raw);
  b["is_input"] = a.role == "in";
  b["symbol"] = a.kind == ArgSpec::Kind::Symbol;
  b["texture"] = a.kind == ArgSpec::Kind::Texture;
  b["file"] = a.role == "in" ? a.name + ".in_after.npy" : a.name + ".npy";
  b["write_call"] = write_call(a, b["file"], raw);
  return b;
}

std::string launch_args(const LaunchSpec& spec, bool host_pointers) {
  std::string s;
  for (const auto& a : spec.args) {
    // A kernel reaches its device variables by name; a host reference takes them last.
    if ((a.kind == ArgSpec::Kind::Symbol || a.kind == ArgSpec::Kind::Texture) && !host_pointers) continue;
    if (!s.empty()) s += ", ";
    if (a.kind == ArgSpec::Kind::Scalar) s += a.name;
    else if (!host_pointers) s += "d_" + a.name;
    else if (!scalar_type_size(a.type)) s += "reinterpret_cast<" + a.type + "*>(h_" + a.name + ".data())";
    else if (a.type == "bool") s += "reinterpret_cast<bool*>(h_" + a.name + ".data())";
    else s += "h_" + a.name + ".data()";
  }
  return s;
}

json common_context(const LaunchSpec& spec) {
  json c;
  c["kernel"] = spec.kernel;
  c["case_name"] = spec.name.empty() ? "default" : spec.name;
  c["scalars"] = json::array();
  c["buffers"] = json::array();
  bool has_half = false;
  for (const auto& a : spec.args) {
    has_half |= is_half_type(a.type);
    if (a.kind == ArgSpec::Kind::Scalar)
      c["scalars"].push_back({{"name", a.name}, {"type", a.type}, {"literal", scalar_literal(a)}});
    else
      c["buffers"].push_back(buffer_context(a));
  }
  c["has_half"] = has_half;
  c["has_scalars"] = !c["scalars"].empty();
  c["printf"] = spec.printf_output;
  return c;
}

}  // namespace detail

using namespace detail;

json wrapper_context(const LaunchSpec& spec, const WrapperOptions& o) {
  json c = common_context(spec);
  c["cuda"] = o.dialect == Dialect::Cuda;
  c["hip"] = o.dialect == Dialect::Hip;
  c["sim"] = o.sim;
  // sim time says nothing about a GPU; a printing kernel's time is its printing.
  c["timing"] = o.timing && !o.sim && !spec.printf_output;
  c["timed_launches"] = o.timed_launches;
  c["unit_include"] = o.unit_include;
  c["kernel_expr"] = kernel_expr(spec);
  std::string expr = kernel_expr(spec);
  c["kernel_macro_expr"] = expr.find(',') == std::string::npos ? expr : "(" + expr + ")";
  c["grid"] = dims_text(spec.grid);
  c["block"] = dims_text(spec.block);
  c["shared_bytes"] = spec.shared_bytes;
  c["launch_args"] = launch_args(spec, false);
  return c;
}

std::string render_wrapper(const LaunchSpec& spec, const WrapperOptions& options) {
  auto file = options.dialect == Dialect::Cuda ? "wrapper_cuda.cu.tmpl" : "wrapper_hip.hip.tmpl";
  return render_template_file(file, wrapper_context(spec, options));
}

std::string render_golden_host(const LaunchSpec& spec, const std::string& golden_include) {
  json c = common_context(spec);
  c["golden_include"] = golden_include;
  c["golden_args"] = launch_args(spec, true);
  return render_template_file("golden_host.cpp.tmpl", c);
}

}  // namespace kq::wrapper_gen
