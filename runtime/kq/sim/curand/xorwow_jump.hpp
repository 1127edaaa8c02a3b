#pragma once
// Skip-ahead for cuRAND's XORWOW generator. Its 160-bit xorshift part is a
// linear map M over GF(2); jumping n steps applies M^n, taken as a product of
// the powers M^(2^k) for the set bits of n. cuRAND ships those powers as
// tables; here they are computed once, at first use, by repeated squaring.
#include <array>
#include <cstdint>
#include <vector>

namespace kq::sim::curand_detail {

constexpr int kXorwowWords = 5;
constexpr int kXorwowBits = 32 * kXorwowWords;
// Subsequences lie 2^67 steps apart; offsets and subsequences are 64-bit.
constexpr int kXorwowSubsequenceShift = 67;
constexpr int kXorwowPowers = kXorwowSubsequenceShift + 64;

using XorwowVector = std::array<std::uint32_t, kXorwowWords>;

// One step of the xorshift part (the Weyl counter d is kept apart).
inline XorwowVector xorwow_step(const XorwowVector& v) {
  const std::uint32_t t = v[0] ^ (v[0] >> 2);
  return {v[1], v[2], v[3], v[4], (v[4] ^ (v[4] << 4)) ^ (t ^ (t << 1))};
}

// A linear map as the images of the unit vectors (its columns).
struct Gf2Matrix {
  std::array<XorwowVector, kXorwowBits> columns{};

  XorwowVector apply(const XorwowVector& v) const {
    XorwowVector out{};
    for (int j = 0; j < kXorwowBits; ++j)
      if ((v[j / 32] >> (j % 32)) & 1u)
        for (int w = 0; w < kXorwowWords; ++w) out[w] ^= columns[j][w];
    return out;
  }
  Gf2Matrix squared() const {
    Gf2Matrix s;
    for (int j = 0; j < kXorwowBits; ++j) s.columns[j] = apply(columns[j]);
    return s;
  }
};

// powers[k] = M^(2^k), k < kXorwowPowers.
inline const std::vector<Gf2Matrix>& xorwow_powers() {
  static const std::vector<Gf2Matrix> powers = [] {
    std::vector<Gf2Matrix> p(kXorwowPowers);
    for (int j = 0; j < kXorwowBits; ++j) {
      XorwowVector unit{};
      unit[j / 32] = 1u << (j % 32);
      p[0].columns[j] = xorwow_step(unit);
    }
    for (int k = 1; k < kXorwowPowers; ++k) p[k] = p[k - 1].squared();
    return p;
  }();
  return powers;
}

// v := M^(n * 2^shift) v.
inline void xorwow_jump(std::uint32_t* v, unsigned long long n, int shift) {
  if (n == 0) return;
  const std::vector<Gf2Matrix>& powers = xorwow_powers();
  XorwowVector x{v[0], v[1], v[2], v[3], v[4]};
  for (int k = 0; k < 64; ++k)
    if ((n >> k) & 1ull) x = powers[shift + k].apply(x);
  for (int w = 0; w < kXorwowWords; ++w) v[w] = x[w];
}

}  // namespace kq::sim::curand_detail
