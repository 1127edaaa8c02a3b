#pragma once
// The seeded generator behind every input buffer: xoshiro256** seeded through
// splitmix64, with fixed conversions to doubles, so g++, nvcc and hipcc host
// code produce the same bytes for the same seed (std:: distributions differ
// between standard libraries and are not used).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kq/half_bits.hpp"

namespace kq {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (auto& word : s_) word = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Standard normal (Box-Muller; the second value of each pair is kept).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = 1.0 - uniform01();  // (0, 1]: log is finite
    const double u2 = uniform01();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double angle = 6.283185307179586 * u2;
    spare_ = r * std::sin(angle);
    has_spare_ = true;
    return r * std::cos(angle);
  }

  static std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// Stores a double into an element of any fill type: floating types round,
// integer types truncate toward zero (clamped to the type's range by the
// caller's choice of lo/hi), 16-bit floats round to nearest even.
template <class T>
inline void store_value(T* p, double v) {
  if constexpr (std::is_same<T, half_t>::value) {
    p->bits = half_bits_from_float(static_cast<float>(v));
  } else if constexpr (std::is_same<T, bf16_t>::value) {
    p->bits = bf16_bits_from_float(static_cast<float>(v));
  } else if constexpr (std::is_same<T, bool>::value) {
    *p = v != 0.0;
  } else {
    static_assert(std::is_arithmetic<T>::value, "fill of an unsupported element type");
    *p = static_cast<T>(v);
  }
}

template <class T>
inline void fill_uniform(T* p, std::size_t n, double lo, double hi, std::uint64_t seed) {
  Rng rng(seed);
  for (std::size_t i = 0; i < n; ++i) store_value(p + i, lo + (hi - lo) * rng.uniform01());
}

template <class T>
inline void fill_normal(T* p, std::size_t n, double mean, double stddev, std::uint64_t seed) {
  Rng rng(seed);
  for (std::size_t i = 0; i < n; ++i) store_value(p + i, mean + stddev * rng.normal());
}

// Integers in [lo, hi) (hi exclusive, as numpy.random.randint).
template <class T>
inline void fill_randint(T* p, std::size_t n, std::int64_t lo, std::int64_t hi, std::uint64_t seed) {
  Rng rng(seed);
  const std::uint64_t range = hi > lo ? static_cast<std::uint64_t>(hi - lo) : 1;
  for (std::size_t i = 0; i < n; ++i)
    store_value(p + i, static_cast<double>(lo + static_cast<std::int64_t>(rng.next() % range)));
}

template <class T>
inline void fill_iota(T* p, std::size_t n, double start = 0.0, double step = 1.0) {
  for (std::size_t i = 0; i < n; ++i) store_value(p + i, start + step * static_cast<double>(i));
}

template <class T>
inline void fill_const(T* p, std::size_t n, double value) {
  for (std::size_t i = 0; i < n; ++i) store_value(p + i, value);
}

// Seeded bytes for `out` buffers, so an element a kernel never writes keeps a
// recognisable, reproducible value.
inline void fill_poison(void* p, std::size_t bytes, std::uint64_t seed) {
  Rng rng(seed ^ 0x706f69736f6e0000ull);
  unsigned char* out = static_cast<unsigned char*>(p);
  std::size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    const std::uint64_t w = rng.next();
    for (int b = 0; b < 8; ++b) out[i + b] = static_cast<unsigned char>(w >> (8 * b));
  }
  const std::uint64_t w = rng.next();
  for (int b = 0; i < bytes; ++i, ++b) out[i] = static_cast<unsigned char>(w >> (8 * b));
}

}  // namespace kq
