#pragma once
// cuRAND's device generators, XORWOW and Philox4_32_10, with its state
// layouts, seeding and skip-ahead, so that a kernel draws the numbers it draws
// on the GPU. Both algorithms are the documented ones (Marsaglia's xorwow
// with cuRAND's seed scrambling; Random123's Philox 4x32 with 10 rounds).
#include <cstdint>

#include "kq/sim/curand/xorwow_jump.hpp"
#include "kq/sim/vector_types.hpp"

struct curandStateXORWOW {
  unsigned int d, v[5];
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStateXORWOW curandStateXORWOW_t;
typedef curandStateXORWOW_t curandState_t;
typedef curandState_t curandState;

struct curandStatePhilox4_32_10 {
  uint4 ctr;
  uint4 output;
  uint2 key;
  unsigned int STATE;
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStatePhilox4_32_10 curandStatePhilox4_32_10_t;

namespace kq::sim::curand_detail {

constexpr unsigned kXorwowWeyl = 362437u;

inline void reset_box_muller(int& flag, int& flag_double, float& extra, double& extra_double) {
  flag = 0;
  flag_double = 0;
  extra = 0.f;
  extra_double = 0.;
}

// ---- Philox4x32-10 -----------------------------------------------------------
constexpr unsigned kPhiloxW0 = 0x9E3779B9u, kPhiloxW1 = 0xBB67AE85u;
constexpr unsigned kPhiloxM0 = 0xD2511F53u, kPhiloxM1 = 0xCD9E8D57u;

inline uint4 philox_round(uint4 c, uint2 k) {
  const unsigned long long p0 = 1ull * kPhiloxM0 * c.x, p1 = 1ull * kPhiloxM1 * c.z;
  const unsigned hi0 = static_cast<unsigned>(p0 >> 32), lo0 = static_cast<unsigned>(p0);
  const unsigned hi1 = static_cast<unsigned>(p1 >> 32), lo1 = static_cast<unsigned>(p1);
  return uint4{hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0};
}

inline uint4 philox_10(uint4 c, uint2 k) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k.x += kPhiloxW0;
      k.y += kPhiloxW1;
    }
    c = philox_round(c, k);
  }
  return c;
}

// 128-bit counter += n (low half) or += n << 64 (subsequence).
inline void philox_add(uint4& c, unsigned long long n) {
  const unsigned lo = static_cast<unsigned>(n);
  unsigned hi = static_cast<unsigned>(n >> 32);
  c.x += lo;
  if (c.x < lo) ++hi;
  c.y += hi;
  if (hi <= c.y) return;
  if (++c.z) return;
  ++c.w;
}
inline void philox_add_high(uint4& c, unsigned long long n) {
  const unsigned lo = static_cast<unsigned>(n);
  unsigned hi = static_cast<unsigned>(n >> 32);
  c.z += lo;
  if (c.z < lo) ++hi;
  c.w += hi;
}
inline void philox_next_block(curandStatePhilox4_32_10_t* s) {
  if (++s->ctr.x == 0 && ++s->ctr.y == 0 && ++s->ctr.z == 0) ++s->ctr.w;
  s->output = philox_10(s->ctr, s->key);
}
inline unsigned philox_word(const uint4& v, unsigned i) { return i == 0 ? v.x : i == 1 ? v.y : i == 2 ? v.z : v.w; }

}  // namespace kq::sim::curand_detail

// ---- XORWOW --------------------------------------------------------------------
inline void skipahead(unsigned long long n, curandStateXORWOW_t* state) {
  kq::sim::curand_detail::xorwow_jump(state->v, n, 0);
  state->d += kq::sim::curand_detail::kXorwowWeyl * static_cast<unsigned>(n);
}
// The Weyl counter moves by a multiple of 2^67 * 362437: nothing mod 2^32.
inline void skipahead_sequence(unsigned long long n, curandStateXORWOW_t* state) {
  kq::sim::curand_detail::xorwow_jump(state->v, n, kq::sim::curand_detail::kXorwowSubsequenceShift);
}

inline void curand_init(unsigned long long seed, unsigned long long subsequence, unsigned long long offset,
                        curandStateXORWOW_t* state) {
  const unsigned s0 = static_cast<unsigned>(seed) ^ 0xaad26b49u;
  const unsigned s1 = static_cast<unsigned>(seed >> 32) ^ 0xf7dcefddu;
  const unsigned t0 = 1099087573u * s0;
  const unsigned t1 = 2591861531u * s1;
  state->d = 6615241u + t1 + t0;
  state->v[0] = 123456789u + t0;
  state->v[1] = 362436069u ^ t0;
  state->v[2] = 521288629u + t1;
  state->v[3] = 88675123u ^ t1;
  state->v[4] = 5783321u + t0;
  skipahead_sequence(subsequence, state);
  skipahead(offset, state);
  kq::sim::curand_detail::reset_box_muller(state->boxmuller_flag, state->boxmuller_flag_double,
                                           state->boxmuller_extra, state->boxmuller_extra_double);
}

inline unsigned int curand(curandStateXORWOW_t* state) {
  const unsigned t = state->v[0] ^ (state->v[0] >> 2);
  state->v[0] = state->v[1];
  state->v[1] = state->v[2];
  state->v[2] = state->v[3];
  state->v[3] = state->v[4];
  state->v[4] = (state->v[4] ^ (state->v[4] << 4)) ^ (t ^ (t << 1));
  state->d += kq::sim::curand_detail::kXorwowWeyl;
  return state->v[4] + state->d;
}

// ---- Philox4_32_10: output[STATE] is always the next value curand returns ------
inline void skipahead(unsigned long long n, curandStatePhilox4_32_10_t* state) {
  state->STATE += static_cast<unsigned>(n & 3);
  n /= 4;
  if (state->STATE > 3) {
    n += 1;
    state->STATE -= 4;
  }
  kq::sim::curand_detail::philox_add(state->ctr, n);
  state->output = kq::sim::curand_detail::philox_10(state->ctr, state->key);
}
inline void skipahead_sequence(unsigned long long n, curandStatePhilox4_32_10_t* state) {
  kq::sim::curand_detail::philox_add_high(state->ctr, n);
  state->output = kq::sim::curand_detail::philox_10(state->ctr, state->key);
}

inline void curand_init(unsigned long long seed, unsigned long long subsequence, unsigned long long offset,
                        curandStatePhilox4_32_10_t* state) {
  state->ctr = uint4{0, 0, 0, 0};
  state->key = uint2{static_cast<unsigned>(seed), static_cast<unsigned>(seed >> 32)};
  state->STATE = 0;
  kq::sim::curand_detail::reset_box_muller(state->boxmuller_flag, state->boxmuller_flag_double,
                                           state->boxmuller_extra, state->boxmuller_extra_double);
  skipahead_sequence(subsequence, state);
  skipahead(offset, state);
}

inline unsigned int curand(curandStatePhilox4_32_10_t* state) {
  const unsigned ret = kq::sim::curand_detail::philox_word(state->output, state->STATE++);
  if (state->STATE == 4) {
    kq::sim::curand_detail::philox_next_block(state);
    state->STATE = 0;
  }
  return ret;
}

// Four values at once: the next four of the stream, STATE unchanged.
inline uint4 curand4(curandStatePhilox4_32_10_t* state) {
  const uint4 tmp = state->output;
  kq::sim::curand_detail::philox_next_block(state);
  const unsigned s = state->STATE;
  if (s == 0) return tmp;
  unsigned w[8] = {tmp.x, tmp.y, tmp.z, tmp.w, state->output.x, state->output.y, state->output.z, state->output.w};
  return uint4{w[s], w[s + 1], w[s + 2], w[s + 3]};
}
