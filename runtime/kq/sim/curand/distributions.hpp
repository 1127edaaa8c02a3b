#pragma once
// cuRAND's distributions over the raw 32-bit draws, written as cuRAND writes
// them: uniforms in (0, 1], Box-Muller normals that keep their second value
// in the state, log-normals, and Poisson by Knuth's method for small means.
// The uniforms are exact; the normals use this machine's logf/sinf/cosf where
// the GPU uses its own (a few ulp apart).
#include <cmath>

#include "kq/sim/curand/generators.hpp"

namespace kq::sim::curand_detail {

constexpr float k2Pow32Inv = 2.3283064e-10f;
constexpr float k2Pi = 6.2831855f;
constexpr double k2Pow32InvDouble = 2.3283064365386963e-10;
constexpr double k2Pow53InvDouble = 1.1102230246251565e-16;
constexpr double kPiDouble = 3.1415926535897932;
constexpr int kExtraNormal = 1, kExtraLogNormal = 2;

// x * 2^-32 + 2^-33, contracted to one fused multiply-add as nvcc compiles it.
inline float uniform_from(unsigned x) { return std::fma(static_cast<float>(x), k2Pow32Inv, k2Pow32Inv / 2.0f); }

// One draw to a double, as cuRAND's Philox does it: x * 2^-32 + 2^-32.
inline double uniform_double_from(unsigned x) { return std::fma(static_cast<double>(x), k2Pow32InvDouble, k2Pow32InvDouble); }

// Two draws to a double with 53 random bits, as XORWOW does it.
inline double uniform_double_from(unsigned x, unsigned y) {
  const unsigned long long z = static_cast<unsigned long long>(x) ^ (static_cast<unsigned long long>(y) << (53 - 32));
  return std::fma(static_cast<double>(z), k2Pow53InvDouble, k2Pow53InvDouble / 2.0);
}

inline float2 box_muller(unsigned x, unsigned y) {
  const float u = uniform_from(x);
  const float v = std::fma(static_cast<float>(y), k2Pow32Inv * k2Pi, k2Pow32Inv * k2Pi / 2.0f);
  const float s = std::sqrt(-2.0f * std::log(u));
  return float2{__sinf(v) * s, __cosf(v) * s};  // the GPU uses its fast __sincosf here
}

// sin(pi v) and cos(pi v) as the GPU's sincospi: reduced exactly to |r| <= 1/4
// first, so that neither loses accuracy near its zeros.
inline double2 sincospi(double v) {
  const double q = std::nearbyint(2.0 * v);
  const double r = v - 0.5 * q;
  const double s = std::sin(kPiDouble * r), c = std::cos(kPiDouble * r);
  switch (static_cast<long long>(q) & 3) {
    case 0: return double2{s, c};
    case 1: return double2{c, -s};
    case 2: return double2{-s, -c};
    default: return double2{-c, s};
  }
}

inline double2 box_muller_double(unsigned x0, unsigned x1, unsigned y0, unsigned y1) {
  const double u = uniform_double_from(x0, x1);
  const unsigned long long zy = static_cast<unsigned long long>(y0) ^ (static_cast<unsigned long long>(y1) << (53 - 32));
  const double v = std::fma(static_cast<double>(zy), k2Pow53InvDouble * 2.0, k2Pow53InvDouble);
  const double s = std::sqrt(-2.0 * std::log(u));
  const double2 sc = sincospi(v);
  return double2{sc.x * s, sc.y * s};
}

template <class State>
float2 box_muller_pair(State* state) {
  const unsigned x = curand(state);
  const unsigned y = curand(state);
  return box_muller(x, y);
}

inline double2 box_muller_double_pair(curandStateXORWOW_t* state) {
  const unsigned x0 = curand(state), x1 = curand(state), y0 = curand(state), y1 = curand(state);
  return box_muller_double(x0, x1, y0, y1);
}
inline double2 box_muller_double_pair(curandStatePhilox4_32_10_t* state) {
  const uint4 x = curand4(state);
  return box_muller_double(x.x, x.y, x.z, x.w);
}

// The second value of a pair waits in the state (`flag`, `extra`) for the
// next call of the same kind; log-normals are exp(mean + stddev * normal).
template <class T, class State, class Pair>
T pair_or_extra(State* state, int kind, T mean, T stddev, int& flag, T& extra, Pair draw_pair) {
  if (flag != kind) {
    const auto v = draw_pair(state);
    T a = v.x, b = v.y;
    if (kind == kExtraLogNormal) {
      a = std::exp(std::fma(stddev, a, mean));
      b = std::exp(std::fma(stddev, b, mean));
    }
    extra = b;
    flag = kind;
    return a;
  }
  flag = 0;
  return extra;
}

template <class State>
float normal_or_extra(State* state, int kind, float mean, float stddev) {
  return pair_or_extra(state, kind, mean, stddev, state->boxmuller_flag, state->boxmuller_extra,
                       [](State* s) { return box_muller_pair(s); });
}

template <class State>
double normal_double_or_extra(State* state, int kind, double mean, double stddev) {
  return pair_or_extra(state, kind, mean, stddev, state->boxmuller_flag_double, state->boxmuller_extra_double,
                       [](State* s) { return box_muller_double_pair(s); });
}

template <class State>
unsigned poisson_knuth(State* state, float lambda) {
  unsigned k = 0;
  float p = std::exp(lambda);
  do {
    ++k;
    p *= uniform_from(curand(state));
  } while (p > 1.0);
  return k - 1;
}

}  // namespace kq::sim::curand_detail

inline float curand_uniform(curandStateXORWOW_t* s) { return kq::sim::curand_detail::uniform_from(curand(s)); }
inline float curand_uniform(curandStatePhilox4_32_10_t* s) { return kq::sim::curand_detail::uniform_from(curand(s)); }
inline float4 curand_uniform4(curandStatePhilox4_32_10_t* s) {
  using kq::sim::curand_detail::uniform_from;
  const uint4 x = curand4(s);
  return float4{uniform_from(x.x), uniform_from(x.y), uniform_from(x.z), uniform_from(x.w)};
}

template <class State>
double kq_curand_uniform_double(State* s) {
  const unsigned x = curand(s);
  const unsigned y = curand(s);
  return kq::sim::curand_detail::uniform_double_from(x, y);
}
inline double curand_uniform_double(curandStateXORWOW_t* s) { return kq_curand_uniform_double(s); }
inline double curand_uniform_double(curandStatePhilox4_32_10_t* s) {
  return kq::sim::curand_detail::uniform_double_from(curand(s));
}
inline double2 curand_uniform2_double(curandStatePhilox4_32_10_t* s) {
  using kq::sim::curand_detail::uniform_double_from;
  const uint4 x = curand4(s);
  return double2{uniform_double_from(x.x, x.y), uniform_double_from(x.z, x.w)};
}

#define KQ_CURAND_NORMALS(State)                                                                          \
  inline float curand_normal(State* s) { return kq::sim::curand_detail::normal_or_extra(s, 1, 0.f, 1.f); } \
  inline float2 curand_normal2(State* s) { return kq::sim::curand_detail::box_muller_pair(s); }            \
  inline double curand_normal_double(State* s) {                                                          \
    return kq::sim::curand_detail::normal_double_or_extra(s, 1, 0., 1.);                                  \
  }                                                                                                       \
  inline float curand_log_normal(State* s, float mean, float stddev) {                                    \
    return kq::sim::curand_detail::normal_or_extra(s, 2, mean, stddev);                                   \
  }                                                                                                       \
  inline double curand_log_normal_double(State* s, double mean, double stddev) {                          \
    return kq::sim::curand_detail::normal_double_or_extra(s, 2, mean, stddev);                            \
  }                                                                                                       \
  inline unsigned int curand_poisson(State* s, double lambda) {                                           \
    if (lambda < 64) return kq::sim::curand_detail::poisson_knuth(s, static_cast<float>(lambda));         \
    return static_cast<unsigned>(std::fma(std::sqrt(lambda), curand_normal_double(s), lambda) + 0.5);             \
  }
KQ_CURAND_NORMALS(curandStateXORWOW_t)
KQ_CURAND_NORMALS(curandStatePhilox4_32_10_t)
#undef KQ_CURAND_NORMALS

inline double2 curand_normal2_double(curandStateXORWOW_t* s) { return kq::sim::curand_detail::box_muller_double_pair(s); }
inline double2 curand_normal2_double(curandStatePhilox4_32_10_t* s) {
  return kq::sim::curand_detail::box_muller_double_pair(s);
}
inline float4 curand_normal4(curandStatePhilox4_32_10_t* s) {
  const uint4 x = curand4(s);
  const float2 a = kq::sim::curand_detail::box_muller(x.x, x.y), b = kq::sim::curand_detail::box_muller(x.z, x.w);
  return float4{a.x, a.y, b.x, b.y};
}
inline float2 curand_log_normal2(curandStatePhilox4_32_10_t* s, float mean, float stddev) {
  const float2 v = curand_normal2(s);
  return float2{std::exp(std::fma(stddev, v.x, mean)), std::exp(std::fma(stddev, v.y, mean))};
}
