#include "synth/builtin_doc.hpp"

#include <cstring>
#include <regex>

#include "kq/host/npy.hpp"
#include "kq/host/rng.hpp"
#include "testgen/expr.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxExampleElements = 16;

// "i < n" -> "i in [0, n)"; "row >= rows" -> "row in [0, rows)".
std::string domain_text(const KernelAnalysis& a) {
  static const std::regex lt("^\\s*([A-Za-z_]\\w*)\\s*(<|<=|>=)\\s*(.+?)\\s*$");
  std::string out;
  for (const auto& p : a.params) {
    if (!p.size_like) continue;
    for (const auto& b : p.bounds) {
      std::smatch m;
      if (!std::regex_match(b, m, lt)) continue;
      std::string hi = m[2] == "<=" ? m[3].str() + "]" : m[3].str() + ")";
      std::string part = m[1].str() + " in [0, " + hi;
      if (out.find(part) == std::string::npos) out += (out.empty() ? "" : ", ") + part;
    }
  }
  return out;
}

template <class T>
json numbers(const unsigned char* bytes, std::size_t count) {
  json a = json::array();
  for (std::size_t i = 0; i < count && i < kMaxExampleElements; ++i) {
    T v;
    std::memcpy(&v, bytes + i * sizeof(T), sizeof(T));
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isfinite(static_cast<double>(v))) a.push_back(static_cast<double>(v));
      else a.push_back(std::isnan(static_cast<double>(v)) ? "nan" : (v > 0 ? "inf" : "-inf"));
    } else {
      a.push_back(v);
    }
  }
  return a;
}

std::optional<json> npy_values(const NpyArray& arr) {
  const auto* b = arr.bytes.data();
  auto n = arr.count();
  const std::string& d = arr.descr;
  if (d == "<f4") return numbers<float>(b, n);
  if (d == "<f8") return numbers<double>(b, n);
  if (d == "<i4") return numbers<std::int32_t>(b, n);
  if (d == "<u4") return numbers<std::uint32_t>(b, n);
  if (d == "<i8") return numbers<std::int64_t>(b, n);
  if (d == "<u8") return numbers<std::uint64_t>(b, n);
  if (d == "<i2") return numbers<std::int16_t>(b, n);
  if (d == "<u2") return numbers<std::uint16_t>(b, n);
  if (d == "|i1") return numbers<std::int8_t>(b, n);
  if (d == "|u1" || d == "|b1") return numbers<std::uint8_t>(b, n);
  if (d == "<f2") {
    json a = json::array();
    for (std::size_t i = 0; i < n && i < kMaxExampleElements; ++i) {
      std::uint16_t bits;
      std::memcpy(&bits, b + 2 * i, 2);
      a.push_back(static_cast<double>(float_from_half_bits(bits)));
    }
    return a;
  }
  return std::nullopt;
}

std::optional<json> read_values(const std::filesystem::path& file) {
  NpyArray arr;
  std::string error;
  if (!read_npy(file.c_str(), arr, error)) return std::nullopt;
  return npy_values(arr);
}

// Initial contents of an inout buffer, regenerated with the runtime's own
// generator (the run only keeps what the kernel left).
template <class T>
std::optional<json> generated(const ArgSpec& a) {
  std::vector<T> v(a.count);
  const auto& i = a.init;
  if (i.dist == "uniform") fill_uniform(v.data(), v.size(), i.lo, i.hi, i.seed);
  else if (i.dist == "normal") fill_normal(v.data(), v.size(), i.mean, i.stddev, i.seed);
  else if (i.dist == "randint") fill_randint(v.data(), v.size(), static_cast<std::int64_t>(i.lo), static_cast<std::int64_t>(i.hi), i.seed);
  else if (i.dist == "zeros") fill_const(v.data(), v.size(), 0.0);
  else if (i.dist == "ones") fill_const(v.data(), v.size(), 1.0);
  else if (i.dist == "const") fill_const(v.data(), v.size(), i.value);
  else if (i.dist == "iota") fill_iota(v.data(), v.size());
  else return std::nullopt;
  return numbers<T>(reinterpret_cast<const unsigned char*>(v.data()), v.size());
}

std::optional<json> initial_values(const ArgSpec& a) {
  if (a.type == "float") return generated<float>(a);
  if (a.type == "double") return generated<double>(a);
  if (a.type == "int" || a.type == "int32_t") return generated<std::int32_t>(a);
  if (a.type == "unsigned" || a.type == "unsigned int" || a.type == "uint32_t") return generated<std::uint32_t>(a);
  if (a.type == "int64_t" || a.type == "long long" || a.type == "long") return generated<std::int64_t>(a);
  if (a.type == "uint8_t" || a.type == "unsigned char") return generated<std::uint8_t>(a);
  return std::nullopt;
}

// A struct scalar's field list as {"n": 5, "dir.x": 1.5}; other values as they are.
json scalar_shown(const json& value) {
  if (!value.is_array()) return value;
  json out = json::object();
  for (const auto& f : value)
    if (f.is_object() && f.contains("field") && f["field"].is_string()) out[f["field"].get<std::string>()] = f.value("value", json());
  return out;
}

}  // namespace

json builtin_doc(const testgen::KernelPlan& plan, const KernelAnalysis& analysis) {
  json params = json::array(), variables = json::array();
  for (const auto& p : plan.params) {
    json j{{"name", p.name}, {"role", p.role}, {"elem_type", p.type}};
    if (p.symbol) {
      // Not a parameter: a device variable of the unit the kernel reads or writes.
      j["space"] = p.space;
      j["shape"] = p.count();
      variables.push_back(j);
      continue;
    }
    j["shape"] = p.buffer ? json(p.count()) : json("scalar");
    if (p.bytes) j["elem_bytes"] = p.bytes;
    if (!p.buffer && !p.fields.empty()) {
      j["fields"] = json::array();
      for (const auto& f : p.fields) j["fields"].push_back({{"name", f.path}, {"type", f.type}});
    }
    if (!p.index_target.empty()) j["indexes"] = p.index_target;
    if (p.domain == "positive") j["domain"] = "positive";
    params.push_back(j);
  }
  json hint{{"domain", domain_text(analysis)}};
  std::string store;
  for (const auto& s : analysis.stores) store += (store.empty() ? "" : "; ") + s;
  hint["store"] = store;
  json doc{{"params", params}, {"launch", plan.launch.description}, {"summary_hint", hint},
           {"template_args", plan.template_args}};
  if (!variables.empty()) doc["device_variables"] = variables;
  if (plan.printed) doc["prints"] = true;
  return doc;
}

std::optional<json> example_from_run(const LaunchSpec& spec, const std::filesystem::path& out_dir) {
  json scalars = json::object(), inputs = json::object(), outputs = json::object();
  for (const auto& a : spec.args) {
    if (a.kind == ArgSpec::Kind::Scalar) {
      scalars[a.name] = scalar_shown(a.value);
      continue;
    }
    if (a.role == "in") {
      auto v = read_values(out_dir / (a.name + ".in_after.npy"));
      if (!v) return std::nullopt;
      inputs[a.name] = *v;
      continue;
    }
    if (a.role == "inout")
      if (auto v = initial_values(a)) inputs[a.name] = *v;
    auto v = read_values(out_dir / (a.name + ".npy"));
    if (!v) return std::nullopt;
    outputs[a.name] = *v;
  }
  return json{{"grid", spec.grid}, {"block", spec.block}, {"scalars", scalars}, {"inputs", inputs},
              {"outputs", outputs}};
}

}  // namespace kq::synth
