#include "testgen/values.hpp"

#include <algorithm>

#include "testgen/plan_detail.hpp"

namespace kq::testgen {
namespace {

bool is_unsigned(const std::string& t) {
  return t.find("unsigned") != std::string::npos || t.rfind("uint", 0) == 0 || t == "size_t" || t == "bool" ||
         t == "uchar4";
}

long long type_max(const std::string& t) {
  if (t == "bool") return 1;
  auto s = scalar_type_size(t).value_or(4);
  if (s >= 4) return 1000;
  return is_unsigned(t) ? (1LL << (8 * s)) - 1 : (1LL << (8 * s - 1)) - 1;
}

InitSpec uniform(double lo, double hi, std::uint64_t seed) {
  InitSpec s;
  s.dist = "uniform";
  s.lo = lo;
  s.hi = hi;
  s.seed = seed;
  return s;
}

InitSpec randint(double lo, double hi, std::uint64_t seed) {
  InitSpec s = uniform(lo, hi, seed);
  s.dist = "randint";
  return s;
}

InitSpec named(const std::string& dist, std::uint64_t seed = 0) {
  InitSpec s;
  s.dist = dist;
  s.seed = seed;
  return s;
}

// Structs of one scalar type are filled as values of it; others are opaque.
bool is_opaque_struct(const ParamPlan& p) { return p.bytes != 0 && p.element_type.empty(); }

const std::string& value_type(const ParamPlan& p) { return p.bytes != 0 ? p.element_type : p.type; }

}  // namespace

bool values_apply(const KernelPlan& plan, const std::string& values) {
  bool float_in = false, signed_in = false, any_in = false, int_out = false;
  for (const auto& p : plan.params) {
    if (!p.buffer) continue;
    if (p.role != "in" && !is_opaque_struct(p) && !is_floating_type(value_type(p)) &&
        !detail::is_half_type(value_type(p)))
      int_out = true;
    if (p.role == "out" || p.domain == "index" || is_opaque_struct(p)) continue;
    any_in = true;
    if (is_floating_type(value_type(p)) || detail::is_half_type(value_type(p))) float_in = signed_in = true;
    else if (!is_unsigned(value_type(p))) signed_in = true;
  }
  if (values == "random") return true;
  if (values == "zeros") return any_in && !plan.restricted_domain;
  if (values == "negatives") return signed_in && !plan.restricted_domain;
  // NaN, Inf or a huge value converted to an integer is undefined behaviour,
  // which CPUs and GPUs resolve differently: no such case for integer outputs.
  if (values == "nan_inf") return float_in && !int_out && !plan.restricted_domain;
  return false;
}

InitSpec buffer_init(const ParamPlan& p, const std::string& values, long long index_hi, bool large,
                     std::uint64_t seed) {
  if (p.role == "out") return named("poison", seed);
  if (p.atomic) return named("zeros");
  if (p.domain == "index") {
    long long hi = std::min(std::max(index_hi, 0LL), type_max(p.type));
    return randint(0, static_cast<double>(hi), seed);
  }
  if (is_opaque_struct(p)) return values == "zeros" ? named("zeros") : named("poison", seed);
  bool floating = is_floating_type(value_type(p)) || detail::is_half_type(value_type(p));
  if (values == "zeros") return named("zeros");
  if (values == "nan_inf" && floating) return named("poison", seed);
  if (values == "negatives") {
    if (floating) return uniform(-10.0, -0.1, seed);
    if (!is_unsigned(value_type(p))) return randint(-static_cast<double>(type_max(value_type(p))), -1, seed);
  }
  if (p.domain == "positive") return uniform(0.1, 4.0, seed);
  if (floating) {
    if (large) {
      InitSpec s = named("normal", seed);
      s.mean = 0;
      s.stddev = 1;
      return s;
    }
    return uniform(-1.0, 1.0, seed);
  }
  if (value_type(p) == "bool") return randint(0, 1, seed);
  if (is_unsigned(value_type(p))) return randint(0, static_cast<double>(std::min<long long>(type_max(value_type(p)), 255)), seed);
  double m = static_cast<double>(std::min<long long>(type_max(value_type(p)), 100));
  return randint(-m, m, seed);
}

}  // namespace kq::testgen
