// compare_outputs: element by element, with the spec's tolerances for floating
// types and exact bytes for everything else. Identical bytes always agree, so
// an element both runs left poisoned agrees, and one that only one run wrote
// differs (DESIGN.md, "Tests that cannot be fooled").
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>

#include "core/error.hpp"
#include "runtime/kq/half_bits.hpp"
#include "verifier/compare_printed.hpp"
#include "verifier/npy.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

enum class Scalar { F16, BF16, F32, F64, Bytes };

// How one element is read: its scalar kind, components and size in bytes.
struct ElementLayout {
  Scalar scalar = Scalar::Bytes;
  std::size_t components = 1;
  std::size_t bytes = 1;
};

ElementLayout layout_of(const ArgSpec& a) {
  ElementLayout l;
  auto size = scalar_type_size(a.type);
  l.bytes = size ? *size : a.bytes;
  // A struct of one scalar type reads as that many values of it.
  const std::string& t = !size && !a.element_type.empty() ? a.element_type : a.type;
  if (t == "__half" || t == "half") l.scalar = Scalar::F16;
  else if (t == "__half2" || t == "half2") { l.scalar = Scalar::F16; l.components = 2; }
  else if (t == "__nv_bfloat16" || t == "hip_bfloat16" || t == "__hip_bfloat16") l.scalar = Scalar::BF16;
  else if (t.rfind("float", 0) == 0) { l.scalar = Scalar::F32; l.components = l.bytes / 4; }
  else if (t.rfind("double", 0) == 0) { l.scalar = Scalar::F64; l.components = l.bytes / 8; }
  if ((l.scalar == Scalar::F16 || l.scalar == Scalar::BF16) && t != a.type) l.components = l.bytes / 2;
  return l;
}

double read_component(const char* p, Scalar s) {
  switch (s) {
    case Scalar::F16: { std::uint16_t h; std::memcpy(&h, p, 2); return float_from_half_bits(h); }
    case Scalar::BF16: { std::uint16_t h; std::memcpy(&h, p, 2); return float_from_bf16_bits(h); }
    case Scalar::F32: { float f; std::memcpy(&f, p, 4); return f; }
    case Scalar::F64: { double d; std::memcpy(&d, p, 8); return d; }
    case Scalar::Bytes: break;
  }
  return 0;
}

std::size_t component_bytes(Scalar s) {
  return s == Scalar::F16 || s == Scalar::BF16 ? 2 : s == Scalar::F32 ? 4 : 8;
}

// Half the largest finite value of the type: a finite result this large and a
// non-finite one are the same overflow, reached in a different order.
double overflow_edge(Scalar s) {
  switch (s) {
    case Scalar::F16: return 65504.0 / 2;
    case Scalar::BF16:
    case Scalar::F32: return 3.4028234663852886e38 / 2;
    case Scalar::F64: return 1.7976931348623157e308 / 2;
    case Scalar::Bytes: break;
  }
  return 0;
}

// Two implementations of one computation (a GPU and the CPU golden) may order,
// contract (fma) or widen operations differently. Where values overflow, that
// turns Inf into NaN or a huge finite value into Inf; those agree by class.
bool same_overflow(double e, double a, Scalar s) {
  bool fe = std::isfinite(e), fa = std::isfinite(a);
  if (!fe && !fa) return true;
  if (fe && fa) return false;
  double finite = fe ? e : a;
  return std::fabs(finite) >= overflow_edge(s);
}

bool close_enough(double e, double a, const CompareSpec& c, Scalar s, CompareMode mode) {
  if (mode == CompareMode::AcrossImplementations && (!std::isfinite(e) || !std::isfinite(a)))
    return same_overflow(e, a, s);
  if (std::isnan(e) || std::isnan(a)) return std::isnan(e) && std::isnan(a);
  if (std::isinf(e) || std::isinf(a)) return e == a;
  return std::fabs(a - e) <= c.atol + c.rtol * std::fabs(e);
}

bool element_equal(const char* e, const char* a, const ElementLayout& l, const CompareSpec& c, CompareMode mode) {
  if (std::memcmp(e, a, l.bytes) == 0) return true;
  if (l.scalar == Scalar::Bytes) return false;
  std::size_t step = component_bytes(l.scalar);
  for (std::size_t k = 0; k < l.components; ++k)
    if (!close_enough(read_component(e + k * step, l.scalar), read_component(a + k * step, l.scalar), c, l.scalar, mode))
      return false;
  return true;
}

std::string format_number(double v) {
  std::ostringstream s;
  s.precision(9);
  s << v;
  return s.str();
}

// The value of element i as text: numbers for numeric types, hex for bytes.
std::string element_text(const std::string& data, std::size_t i, const ArgSpec& a) {
  auto l = layout_of(a);
  if ((i + 1) * l.bytes > data.size()) return "?";
  const char* p = data.data() + i * l.bytes;
  auto num = [&](auto v) { std::memcpy(&v, p, sizeof v); return format_number(static_cast<double>(v)); };
  if (l.scalar != Scalar::Bytes) {
    std::string s = l.components > 1 ? "(" : "";
    for (std::size_t k = 0; k < l.components; ++k)
      s += (k ? ", " : "") + format_number(read_component(p + k * component_bytes(l.scalar), l.scalar));
    return l.components > 1 ? s + ")" : s;
  }
  const std::string& t = a.type;
  if (t == "int" || t == "int32_t") return num(std::int32_t{});
  if (t == "unsigned" || t == "unsigned int" || t == "uint32_t") return num(std::uint32_t{});
  if (t == "int64_t" || t == "long" || t == "long long") return num(std::int64_t{});
  if (t == "uint64_t" || t == "size_t" || t == "unsigned long" || t == "unsigned long long") return num(std::uint64_t{});
  if (t == "short" || t == "int16_t") return num(std::int16_t{});
  if (t == "unsigned short" || t == "uint16_t") return num(std::uint16_t{});
  if (t == "char" || t == "signed char" || t == "int8_t") return num(std::int8_t{});
  if (t == "unsigned char" || t == "uint8_t" || t == "bool") return num(std::uint8_t{});
  static const char* hex = "0123456789abcdef";
  std::string s = "0x";
  for (std::size_t k = 0; k < l.bytes && k < 16; ++k) {
    auto b = static_cast<unsigned char>(p[k]);
    s += hex[b >> 4];
    s += hex[b & 15];
  }
  return s;
}

std::optional<NpyArray> try_read(const std::filesystem::path& p, std::string& why) {
  try {
    return read_npy_file(p);
  } catch (const Error& e) {
    why = e.what();
    return std::nullopt;
  }
}

// The in buffers' values at index i, for the message: "(x[17]=0.25, idx[17]=3)".
std::string inputs_at(const std::filesystem::path& dir, const LaunchSpec& spec, std::size_t i) {
  std::string s;
  int shown = 0;
  for (const auto& a : spec.args) {
    if (a.kind == ArgSpec::Kind::Scalar || a.role != "in" || i >= a.count || shown == 3) continue;
    std::string why;
    auto arr = try_read(dir / (a.name + ".in_after.npy"), why);
    if (!arr) continue;
    s += (s.empty() ? "" : ", ") + a.name + "[" + std::to_string(i) + "]=" + element_text(arr->data, i, a);
    ++shown;
  }
  for (const auto& a : spec.args)
    if (a.kind == ArgSpec::Kind::Scalar && shown < 5) {
      s += (s.empty() ? "" : ", ") + a.name + "=" + a.value.dump();
      ++shown;
    }
  return s.empty() ? "" : " (" + s + ")";
}

void compare_buffer(const ArgSpec& a, const std::string& file, const std::filesystem::path& expected_dir,
                    const std::filesystem::path& actual_dir, const LaunchSpec& spec, CompareMode mode, Comparison& c) {
  auto note = [&](const std::string& what) {
    ++c.mismatches;
    if (c.first_diff.empty()) c.first_diff = what;
  };
  std::string why;
  auto expected = try_read(expected_dir / file, why);
  if (!expected) return note(a.name + ": reference output unreadable: " + why);
  auto actual = try_read(actual_dir / file, why);
  if (!actual) return note(a.name + ": " + why);
  auto l = layout_of(a);
  std::size_t want = a.count * l.bytes;
  if (actual->data.size() != want || expected->data.size() != want)
    return note(a.name + ": " + std::to_string(actual->data.size()) + " bytes, expected " + std::to_string(want));
  bool input = a.role == "in";
  for (std::size_t i = 0; i < a.count; ++i) {
    const char* e = expected->data.data() + i * l.bytes;
    const char* x = actual->data.data() + i * l.bytes;
    // Inputs must come back bit for bit; outputs within the tolerances.
    bool same = input ? std::memcmp(e, x, l.bytes) == 0 : element_equal(e, x, l, spec.compare, mode);
    if (same) continue;
    ++c.mismatches;
    if (!c.first_diff.empty()) continue;
    std::string idx = a.name + "[" + std::to_string(i) + "]";
    c.first_diff = input ? "input " + idx + " was modified: initially " + element_text(expected->data, i, a) +
                               ", after the run " + element_text(actual->data, i, a)
                         : idx + ": expected " + element_text(expected->data, i, a) + " got " +
                               element_text(actual->data, i, a) + inputs_at(expected_dir, spec, i);
  }
}

// The largest move, relative to the largest value of its buffer, that
// summing the same terms in another order gives an element of this type:
// rounding error grows with the number of terms, never to this size.
double order_move_limit(Scalar s) {
  switch (s) {
    case Scalar::F16:
    case Scalar::BF16: return 5e-2;
    case Scalar::F32: return 1e-3;
    case Scalar::F64: return 1e-9;
    case Scalar::Bytes: break;
  }
  return 0;
}

double largest_magnitude(const std::string& data, const ElementLayout& l, std::size_t count) {
  double scale = 0;
  std::size_t step = component_bytes(l.scalar);
  for (std::size_t i = 0; i < count; ++i)
    for (std::size_t k = 0; k < l.components; ++k) {
      double v = read_component(data.data() + i * l.bytes + k * step, l.scalar);
      if (std::isfinite(v)) scale = std::max(scale, std::fabs(v));
    }
  return scale;
}

// Why the element differs otherwise than by order, or "" when it does not;
// records the size of an order-only difference in `sp`.
std::string element_spread(const char* e, const char* x, const ElementLayout& l, double scale, ScheduleSpread& sp) {
  if (l.scalar == Scalar::Bytes) return "it is not floating point";
  std::size_t step = component_bytes(l.scalar);
  for (std::size_t k = 0; k < l.components; ++k) {
    double ev = read_component(e + k * step, l.scalar), xv = read_component(x + k * step, l.scalar);
    if (std::isnan(ev) && std::isnan(xv)) continue;
    if (!std::isfinite(ev) || !std::isfinite(xv)) {
      if (ev == xv) continue;
      return "it is finite under one schedule only";
    }
    double d = std::fabs(xv - ev);
    double rel = d / std::max(scale, std::numeric_limits<double>::min());
    sp.max_abs = std::max(sp.max_abs, d);
    sp.max_rel = std::max(sp.max_rel, rel);
    if (rel > order_move_limit(l.scalar))
      return "it moves by " + format_number(rel) + " of its buffer's largest value, more than another order of additions moves it";
  }
  return {};
}

void spread_of_buffer(const ArgSpec& a, const std::string& file, const std::filesystem::path& reference_dir,
                      const std::filesystem::path& run_dir, ScheduleSpread& sp) {
  const std::string run = run_dir.filename().string();
  auto structural = [&](const std::string& why) {
    if (!sp.order_only) return;
    sp.order_only = false;
    sp.reason = why;
  };
  std::string why;
  auto expected = try_read(reference_dir / file, why);
  auto actual = expected ? try_read(run_dir / file, why) : std::nullopt;
  if (!expected || !actual) return structural(a.name + " under " + run + ": " + why);
  auto l = layout_of(a);
  if (actual->data.size() != expected->data.size() || expected->data.size() < a.count * l.bytes)
    return structural(a.name + " has another size under " + run);
  double scale = l.scalar == Scalar::Bytes ? 0 : largest_magnitude(expected->data, l, a.count);
  for (std::size_t i = 0; i < a.count; ++i) {
    const char* e = expected->data.data() + i * l.bytes;
    const char* x = actual->data.data() + i * l.bytes;
    if (std::memcmp(e, x, l.bytes) == 0) continue;
    ++sp.differing;
    std::string idx = a.name + "[" + std::to_string(i) + "]";
    std::string how = a.role == "in" ? "an input changed" : element_spread(e, x, l, scale, sp);
    if (!how.empty())
      structural(idx + " is " + element_text(expected->data, i, a) + " under the reference schedule and " +
                 element_text(actual->data, i, a) + " under " + run + ": " + how);
  }
}

}  // namespace

ScheduleSpread measure_schedule_spread(const std::filesystem::path& reference_dir,
                                       const std::vector<std::filesystem::path>& run_dirs, const LaunchSpec& spec) {
  ScheduleSpread sp;
  for (const auto& dir : run_dirs)
    for (const auto& a : spec.args) {
      if (a.kind != ArgSpec::Kind::Buffer) continue;
      spread_of_buffer(a, a.role == "in" ? a.name + ".in_after.npy" : a.name + ".npy", reference_dir, dir, sp);
    }
  return sp;
}

Comparison compare_outputs(const std::filesystem::path& expected_dir, const std::filesystem::path& actual_dir,
                           const LaunchSpec& spec, CompareMode mode) {
  Comparison c;
  for (const auto& a : spec.args) {
    if (a.kind == ArgSpec::Kind::Scalar) continue;
    std::string file = a.role == "in" ? a.name + ".in_after.npy" : a.name + ".npy";
    compare_buffer(a, file, expected_dir, actual_dir, spec, mode, c);
  }
  if (spec.printf_output) compare_printed(expected_dir, actual_dir, spec, c);
  c.equal = c.mismatches == 0;
  return c;
}

}  // namespace kq::verify
