// Spec-driven runner programs and their case files (wrapper_gen.hpp).
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "wrapper_gen/render_helpers.hpp"
#include "wrapper_gen/template_engine.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::wrapper_gen {
namespace {

using nlohmann::json;
using namespace detail;

bool is_raw(const ArgSpec& a) { return !scalar_type_size(a.type).has_value(); }

// The expression reading scalar `a` from the case file, converting as the
// baked literal converts: floats parsed as float, 16-bit floats through float,
// integers (and bools) through their 64-bit pattern.
std::string case_expr(const ArgSpec& a) {
  if (is_struct_scalar(a)) return struct_scalar_expr(a, case_expr);
  const std::string key = "\"scalar." + a.name + "\"";
  if (a.type == "bool") return "kq_case.integer_bits(" + key + ") != 0";
  if (!is_floating_type(a.type)) return "static_cast<" + a.type + ">(kq_case.integer_bits(" + key + "))";
  if (a.type == "double") return "kq_case.real(" + key + ")";
  if (a.type == "float") return "kq_case.real32(" + key + ")";
  if (a.type == "__half" || a.type == "half") return "__float2half(kq_case.real32(" + key + "))";
  if (is_half_type(a.type)) return "__float2bfloat16(kq_case.real32(" + key + "))";
  throw Error("scalar '" + a.name + "' of type " + a.type + " cannot be read from a case file");
}

json runner_buffer(const ArgSpec& a) {
  bool raw = is_raw(a);
  if (raw && a.bytes == 0) throw Error("buffer '" + a.name + "' of struct type " + a.type + " needs bytes");
  std::string count = a.name + "_count";
  std::string file = a.role == "in" ? a.name + ".in_after.npy" : a.name + ".npy";
  std::string fill_n = fill_count(a);
  // fill_count speaks of h_<name>.size(); the runner sizes h_<name> before filling, so it holds.
  return {{"name", a.name},
          {"type", a.type},
          {"role", a.role},
          {"host_type", host_type(a, raw)},
          {"host_count", raw ? count + " * " + std::to_string(a.bytes) : count},
          {"bytes_expr", raw ? count + " * " + std::to_string(a.bytes) : count + " * sizeof(" + a.type + ")"},
          {"fill_ptr", fill_pointer(a)},
          {"fill_count", fill_n},
          {"write_call", write_call(a, file, raw)},
          {"symbol", a.kind == ArgSpec::Kind::Symbol},
          {"texture", a.kind == ArgSpec::Kind::Texture}};
}

json runner_common(const LaunchSpec& spec) {
  json c;
  c["kernel"] = spec.kernel;
  c["case_file"] = kCaseFile;
  c["scalars"] = json::array();
  c["buffers"] = json::array();
  for (const auto& a : spec.args) {
    if (a.kind == ArgSpec::Kind::Scalar)
      c["scalars"].push_back({{"name", a.name}, {"type", a.type}, {"case_expr", case_expr(a)}});
    else
      c["buffers"].push_back(runner_buffer(a));
  }
  c["has_scalars"] = !c["scalars"].empty();
  c["printf"] = spec.printf_output;
  return c;
}

// The value a scalar's baked literal stands for, as case-file text.
std::string scalar_text(const ArgSpec& a) {
  std::string literal = scalar_literal(a);  // validates as the baked renderer does
  if (a.value.is_boolean()) return a.value.get<bool>() ? "1" : "0";
  if (!is_floating_type(a.type)) return literal;
  return number_text(a.value.get<double>());
}

std::string dims_line(const char* key, const std::array<unsigned, 3>& d) {
  return std::string(key) + " " + std::to_string(d[0]) + " " + std::to_string(d[1]) + " " + std::to_string(d[2]) + "\n";
}

}  // namespace

std::string render_runner(const LaunchSpec& spec, const WrapperOptions& o) {
  json c = runner_common(spec);
  // sim time says nothing about a GPU; a printing kernel's time is its printing.
  c["timing"] = o.timing && !o.sim && !spec.printf_output;
  c["timed_launches"] = o.timed_launches;
  c["sim"] = o.sim;
  c["unit_include"] = o.unit_include;
  std::string expr = kernel_expr(spec);
  c["kernel_expr"] = expr;
  c["kernel_macro_expr"] = expr.find(',') == std::string::npos ? expr : "(" + expr + ")";
  c["launch_args"] = launch_args(spec, false);
  auto file = o.dialect == Dialect::Cuda ? "runner_cuda.cu.tmpl" : "runner_hip.hip.tmpl";
  return render_template_file(file, c);
}

std::string render_golden_runner(const LaunchSpec& spec, const std::string& golden_include) {
  json c = runner_common(spec);
  c["golden_include"] = golden_include;
  c["golden_args"] = launch_args(spec, true);
  return render_template_file("golden_runner.cpp.tmpl", c);
}

std::string render_case_file(const LaunchSpec& spec) {
  std::string s = "# case " + (spec.name.empty() ? std::string("default") : spec.name) + " of kernel " + spec.kernel + "\n";
  s += dims_line("grid", spec.grid);
  s += dims_line("block", spec.block);
  s += "shared_bytes " + std::to_string(spec.shared_bytes) + "\n";
  for (const auto& a : spec.args) {
    if (is_struct_scalar(a)) {
      for (const auto& f : struct_scalar_fields(a)) s += "scalar." + f.leaf.name + " " + scalar_text(f.leaf) + "\n";
      continue;
    }
    if (a.kind == ArgSpec::Kind::Scalar) {
      s += "scalar." + a.name + " " + scalar_text(a) + "\n";
      continue;
    }
    if (is_raw(a) && a.bytes == 0) throw Error("buffer '" + a.name + "' of struct type " + a.type + " needs bytes");
    if (a.init.path.find('\n') != std::string::npos) throw Error("buffer '" + a.name + "': init path holds a newline");
    const std::string k = "buffer." + a.name + ".";
    const auto& i = a.init;
    s += k + "count " + std::to_string(a.count) + "\n";
    s += k + "dist " + effective_dist(a) + "\n";
    s += k + "lo " + number_text(i.lo) + "\n";
    s += k + "hi " + number_text(i.hi) + "\n";
    s += k + "hi_exclusive " + std::to_string(static_cast<long long>(std::floor(i.hi) + 1)) + "\n";
    s += k + "mean " + number_text(i.mean) + "\n";
    s += k + "std " + number_text(i.stddev) + "\n";
    s += k + "value " + number_text(i.value) + "\n";
    s += k + "seed " + std::to_string(i.seed) + "\n";
    s += k + "path " + i.path + "\n";
  }
  return s;
}

}  // namespace kq::wrapper_gen
