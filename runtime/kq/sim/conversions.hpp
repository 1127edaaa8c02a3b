#pragma once
// CUDA's conversion and correctly rounded arithmetic intrinsics in all four
// rounding directions (_rn nearest-even, _rz toward zero, _ru up, _rd down),
// bit-equal to the GPU: float->integer conversions saturate and map NaN to 0;
// half and bfloat16 results round once, directly from the source value.
#include "kq/sim/half.hpp"
#include "kq/sim/rounding.hpp"

namespace kq::sim::detail {

constexpr Round kRn = Round::Nearest, kRz = Round::Zero, kRu = Round::Up, kRd = Round::Down;

// A float NaN converts to the GPU's canonical 16-bit NaN, 0x7fff; a double
// NaN to the quiet NaN 0x7e00.
inline __half half_from(long double x, Round r, unsigned short nan = 0x7fff) {
  if (std::isnan(x)) return __ushort_as_half(nan);
  return __half(static_cast<float>(round_to_format(x, 11, -14, 15, r)));
}
inline __nv_bfloat16 bf16_from(long double x, Round r) {
  __nv_bfloat16 b;
  b.__x = 0x7fff;
  if (!std::isnan(x)) b = __nv_bfloat16(static_cast<float>(round_to_format(x, 8, -126, 127, r)));
  return b;
}

template <class To, class From>
inline To convert_in_mode(From x, Round r) {
  return in_mode<To>(r, [&] { return static_cast<To>(pinned(x)); }, false);
}

}  // namespace kq::sim::detail

// One intrinsic per rounding suffix: NAME##_rn, _rz, _ru, _rd.
#define KQ_SIM_FOUR_ROUNDINGS(NAME, RET, PARAMS, BODY) \
  inline RET NAME##_rn PARAMS {                        \
    constexpr auto mode = ::kq::sim::detail::kRn;      \
    BODY                                               \
  }                                                    \
  inline RET NAME##_rz PARAMS {                        \
    constexpr auto mode = ::kq::sim::detail::kRz;      \
    BODY                                               \
  }                                                    \
  inline RET NAME##_ru PARAMS {                        \
    constexpr auto mode = ::kq::sim::detail::kRu;      \
    BODY                                               \
  }                                                    \
  inline RET NAME##_rd PARAMS {                        \
    constexpr auto mode = ::kq::sim::detail::kRd;      \
    BODY                                               \
  }

#define KQ_SIM_TO_INTEGER(NAME, T, I)                                                                  \
  KQ_SIM_FOUR_ROUNDINGS(NAME, I, (T x),                                                                \
                        return ::kq::sim::detail::saturating_integer<I>(x, mode, sizeof(T) == sizeof(double));)
KQ_SIM_TO_INTEGER(__float2int, float, int)
KQ_SIM_TO_INTEGER(__float2uint, float, unsigned)
KQ_SIM_TO_INTEGER(__float2ll, float, long long)
KQ_SIM_TO_INTEGER(__float2ull, float, unsigned long long)
KQ_SIM_TO_INTEGER(__double2int, double, int)
KQ_SIM_TO_INTEGER(__double2uint, double, unsigned)
KQ_SIM_TO_INTEGER(__double2ll, double, long long)
KQ_SIM_TO_INTEGER(__double2ull, double, unsigned long long)
KQ_SIM_TO_INTEGER(__half2int, __half, int)
KQ_SIM_TO_INTEGER(__half2uint, __half, unsigned)
KQ_SIM_TO_INTEGER(__half2ll, __half, long long)
KQ_SIM_TO_INTEGER(__half2ull, __half, unsigned long long)
KQ_SIM_TO_INTEGER(__half2short, __half, short)
KQ_SIM_TO_INTEGER(__half2ushort, __half, unsigned short)
KQ_SIM_TO_INTEGER(__bfloat162int, __nv_bfloat16, int)
KQ_SIM_TO_INTEGER(__bfloat162uint, __nv_bfloat16, unsigned)
KQ_SIM_TO_INTEGER(__bfloat162ll, __nv_bfloat16, long long)
#undef KQ_SIM_TO_INTEGER

#define KQ_SIM_CONVERT(NAME, T, R) \
  KQ_SIM_FOUR_ROUNDINGS(NAME, R, (T x), return ::kq::sim::detail::convert_in_mode<R>(x, mode);)
KQ_SIM_CONVERT(__int2float, int, float)
KQ_SIM_CONVERT(__uint2float, unsigned, float)
KQ_SIM_CONVERT(__ll2float, long long, float)
KQ_SIM_CONVERT(__ull2float, unsigned long long, float)
KQ_SIM_CONVERT(__ll2double, long long, double)
KQ_SIM_CONVERT(__ull2double, unsigned long long, double)
KQ_SIM_CONVERT(__double2float, double, float)
#undef KQ_SIM_CONVERT
inline double __int2double_rn(int x) { return x; }
inline double __uint2double_rn(unsigned x) { return x; }

#define KQ_SIM_TO_HALF(NAME, T) \
  KQ_SIM_FOUR_ROUNDINGS(NAME, __half, (T x), return ::kq::sim::detail::half_from(static_cast<long double>(x), mode);)
KQ_SIM_TO_HALF(__float2half, float)
KQ_SIM_TO_HALF(__int2half, int)
KQ_SIM_TO_HALF(__uint2half, unsigned)
KQ_SIM_TO_HALF(__ll2half, long long)
KQ_SIM_TO_HALF(__ull2half, unsigned long long)
KQ_SIM_TO_HALF(__short2half, short)
KQ_SIM_TO_HALF(__ushort2half, unsigned short)
#undef KQ_SIM_TO_HALF
inline __half __float2half(float x) { return __float2half_rn(x); }
inline __half __double2half(double x) {
  return ::kq::sim::detail::half_from(x, ::kq::sim::detail::kRn, 0x7e00);
}
KQ_SIM_FOUR_ROUNDINGS(__float2bfloat16, __nv_bfloat16, (float x), return ::kq::sim::detail::bf16_from(x, mode);)
inline __nv_bfloat16 __float2bfloat16(float x) { return __float2bfloat16_rn(x); }
inline __nv_bfloat16 __double2bfloat16(double x) { return ::kq::sim::detail::bf16_from(x, ::kq::sim::detail::kRn); }

// Correctly rounded arithmetic in each direction.
#define KQ_SIM_ARITH(NAME, T, EXPR)                                                                  \
  KQ_SIM_FOUR_ROUNDINGS(NAME, T, (T x, T y), using ::kq::sim::detail::pinned;                        \
                        return ::kq::sim::detail::in_mode<T>(mode, [&] { return EXPR; });)
KQ_SIM_ARITH(__fadd, float, pinned(x) + pinned(y))
KQ_SIM_ARITH(__fsub, float, pinned(x) - pinned(y))
KQ_SIM_ARITH(__fmul, float, pinned(x) * pinned(y))
KQ_SIM_ARITH(__fdiv, float, pinned(x) / pinned(y))
KQ_SIM_ARITH(__dadd, double, pinned(x) + pinned(y))
KQ_SIM_ARITH(__dsub, double, pinned(x) - pinned(y))
KQ_SIM_ARITH(__dmul, double, pinned(x) * pinned(y))
KQ_SIM_ARITH(__ddiv, double, pinned(x) / pinned(y))
#undef KQ_SIM_ARITH
#define KQ_SIM_UNARY(NAME, T, EXPR)                                                                  \
  KQ_SIM_FOUR_ROUNDINGS(NAME, T, (T x), using ::kq::sim::detail::pinned;                            \
                        return ::kq::sim::detail::in_mode<T>(mode, [&] { return EXPR; });)
KQ_SIM_UNARY(__frcp, float, 1.0f / pinned(x))
KQ_SIM_UNARY(__fsqrt, float, std::sqrt(pinned(x)))
KQ_SIM_UNARY(__drcp, double, 1.0 / pinned(x))
KQ_SIM_UNARY(__dsqrt, double, std::sqrt(pinned(x)))
#undef KQ_SIM_UNARY
#define KQ_SIM_FMA(NAME, T)                                                                          \
  KQ_SIM_FOUR_ROUNDINGS(NAME, T, (T x, T y, T z), using ::kq::sim::detail::pinned;                   \
                        return ::kq::sim::detail::in_mode<T>(mode, [&] { return std::fma(pinned(x), pinned(y), pinned(z)); });)
KQ_SIM_FMA(__fmaf, float)
KQ_SIM_FMA(__fma, double)
#undef KQ_SIM_FMA
#undef KQ_SIM_FOUR_ROUNDINGS
// CUDA also spells the float fma __fma_rn on float arguments.
inline float __fma_rn(float x, float y, float z) { return __fmaf_rn(x, y, z); }

inline float __frsqrt_rn(float x) {
  return ::kq::sim::detail::gpu_nan(static_cast<float>(1.0 / std::sqrt(static_cast<double>(x))));
}
inline float __half2float(__half h) { return ::kq::sim::detail::gpu_nan(float(h)); }
inline float __bfloat162float(__nv_bfloat16 b) { return float(b); }
inline __half2 __floats2half2_rn(float a, float b) { return __half2{__float2half_rn(a), __float2half_rn(b)}; }
inline __half2 __float2half2_rn(float a) { return __half2{__float2half_rn(a), __float2half_rn(a)}; }
