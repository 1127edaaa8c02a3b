#pragma once
// The four IEEE rounding directions of the GPU's _rn/_rz/_ru/_rd intrinsics.
// Hardware operations (add, mul, div, sqrt, fma, int<->float and
// double->float conversions) run under the x86 rounding mode set for just
// that operation; conversions to formats the CPU lacks (half, bfloat16) round
// in software.
#include <cfenv>
#include <climits>
#include <cmath>
#include <limits>

namespace kq::sim::detail {

enum class Round { Nearest, Zero, Up, Down };

inline int fe_mode(Round r) {
  switch (r) {
    case Round::Zero: return FE_TOWARDZERO;
    case Round::Up: return FE_UPWARD;
    case Round::Down: return FE_DOWNWARD;
    default: return FE_TONEAREST;
  }
}

// Sets the mode for its scope. Fibers never switch inside one.
class RoundingScope {
 public:
  explicit RoundingScope(Round r) : old_(std::fegetround()) { std::fesetround(fe_mode(r)); }
  ~RoundingScope() { std::fesetround(old_); }
  RoundingScope(const RoundingScope&) = delete;
  RoundingScope& operator=(const RoundingScope&) = delete;

 private:
  int old_;
};

// An optimisation barrier: the value is computed where it is written, after
// the mode was set and before it is restored (GCC assumes the default mode
// and would otherwise move or fold the operation).
template <class T>
inline T pinned(T v) {
  asm volatile("" : "+m"(v) : : "memory");
  return v;
}

// The GPU's single-precision NaN result: 0x7fffffff whatever the operands.
inline float gpu_nan(float v) {
  if (!std::isnan(v)) return v;
  const unsigned bits = 0x7fffffffu;
  float f;
  __builtin_memcpy(&f, &bits, sizeof f);
  return f;
}
inline double gpu_nan(double v) { return v; }

// Arithmetic results carry the GPU's NaN; conversions keep the source's (quieted).
template <class T, class Op>
inline T in_mode(Round r, Op op, bool arithmetic = true) {
  T v;
  {
    RoundingScope scope(r);
    v = pinned(op());
  }
  return arithmetic ? gpu_nan(v) : v;
}

// An integer value rounded in direction r (ties to even when nearest).
inline long double round_integral(long double x, Round r) {
  switch (r) {
    case Round::Zero: return std::trunc(x);
    case Round::Up: return std::ceil(x);
    case Round::Down: return std::floor(x);
    default: return std::nearbyint(x);
  }
}

// x rounded to a binary format of `digits` significant bits whose normal
// exponents lie in [emin, emax] (subnormals below emin). The result is a
// value of that format, or an infinity.
inline long double round_to_format(long double x, int digits, int emin, int emax, Round r) {
  if (std::isnan(x) || std::isinf(x) || x == 0) return x;
  const int e = std::max(std::ilogb(x), emin);
  const long double ulp = std::ldexp(1.0L, e - (digits - 1));
  long double q = x / ulp;  // exact: a power-of-two scale
  if (r == Round::Zero) q = std::trunc(q);
  else if (r == Round::Up) q = std::ceil(q);
  else if (r == Round::Down) q = std::floor(q);
  else q = std::nearbyint(q);
  const long double y = q * ulp;
  const long double max_finite = std::ldexp(2.0L - std::ldexp(1.0L, -(digits - 1)), emax);
  if (std::fabs(y) <= max_finite) return y;
  const bool to_infinity = r == Round::Nearest || (r == Round::Up && y > 0) || (r == Round::Down && y < 0);
  const long double inf = std::numeric_limits<long double>::infinity();
  return to_infinity ? std::copysign(inf, y) : std::copysign(max_finite, y);
}

// The GPU's float->integer conversions saturate. NaN becomes 0 from float to
// a 32-bit integer and the pattern 1 << (bits - 1) otherwise (as the H200
// answers), so `from_double` says which source it was.
template <class I>
inline I saturating_integer(long double x, Round r, bool from_double) {
  if (std::isnan(x)) {
    if (!from_double && sizeof(I) <= 4) return 0;
    return static_cast<I>(static_cast<unsigned long long>(1) << (8 * sizeof(I) - 1));
  }
  const long double v = round_integral(x, r);
  if (v <= static_cast<long double>(std::numeric_limits<I>::min())) return std::numeric_limits<I>::min();
  if (v >= static_cast<long double>(std::numeric_limits<I>::max())) return std::numeric_limits<I>::max();
  return static_cast<I>(v);
}

}  // namespace kq::sim::detail
