#pragma once
// Bit-exact conversions between float and the 16-bit float formats (IEEE
// binary16 "half" and bfloat16), rounding to nearest even as GPUs do. Plain
// C++ with no device headers, so host code compiled by g++, nvcc or hipcc
// produces identical bytes.
#include <cstdint>
#include <cstring>

namespace kq {

// 16-bit float element types for host helpers (fills, .npy): cast a __half*
// or __nv_bfloat16* buffer to these (same size, same bits).
struct half_t {
  std::uint16_t bits;
};
struct bf16_t {
  std::uint16_t bits;
};

inline std::uint32_t float_bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

inline float float_from_bits(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// float -> binary16, round to nearest, ties to even; NaN stays NaN (quiet).
inline std::uint16_t half_bits_from_float(float f) {
  const std::uint32_t x = float_bits(f);
  const std::uint16_t sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
  const std::uint32_t abs = x & 0x7fffffffu;
  if (abs >= 0x7f800000u) {  // Inf or NaN
    if (abs == 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7c00u);
    return static_cast<std::uint16_t>(sign | 0x7e00u | ((abs >> 13) & 0x3ffu));
  }
  if (abs >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // rounds to Inf
  const int exp = static_cast<int>(abs >> 23) - 127;
  if (exp < -25) return sign;  // below half the smallest subnormal: rounds to zero
  std::uint32_t mant = (abs & 0x7fffffu) | 0x800000u;
  int shift;            // bits of the 24-bit significand dropped
  std::uint32_t base;   // exponent field of the result, before carry
  if (exp < -14) {      // subnormal result
    shift = 13 + (-14 - exp);
    base = 0;
  } else {
    shift = 13;
    base = static_cast<std::uint32_t>(exp + 15) << 10;
    mant &= 0x7fffffu;
  }
  std::uint32_t kept = mant >> shift;
  const std::uint32_t rest = mant & ((1u << shift) - 1u);
  const std::uint32_t halfway = 1u << (shift - 1);
  if (rest > halfway || (rest == halfway && (kept & 1u))) ++kept;  // carry may bump the exponent
  return static_cast<std::uint16_t>(sign | (base + kept));
}

inline float float_from_half_bits(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1fu;
  std::uint32_t mant = h & 0x3ffu;
  if (exp == 0x1fu) return float_from_bits(sign | 0x7f800000u | (mant << 13));
  if (exp != 0) return float_from_bits(sign | ((exp + 112u) << 23) | (mant << 13));
  if (mant == 0) return float_from_bits(sign);
  int e = -1;  // normalise the subnormal
  do {
    ++e;
    mant <<= 1;
  } while ((mant & 0x400u) == 0);
  return float_from_bits(sign | ((112u - static_cast<std::uint32_t>(e)) << 23) | ((mant & 0x3ffu) << 13));
}

// float -> bfloat16, round to nearest, ties to even; NaN stays NaN (quiet).
inline std::uint16_t bf16_bits_from_float(float f) {
  const std::uint32_t x = float_bits(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((x >> 16) | 0x40u);
  const std::uint32_t rounding = 0x7fffu + ((x >> 16) & 1u);
  return static_cast<std::uint16_t>((x + rounding) >> 16);
}

inline float float_from_bf16_bits(std::uint16_t b) {
  return float_from_bits(static_cast<std::uint32_t>(b) << 16);
}

}  // namespace kq
