#pragma once
// hipRAND and rocRAND device API names on the same generators: hipRAND on
// NVIDIA is cuRAND itself, so a HIP kernel draws what its CUDA twin draws.
#include "kq/sim/curand/distributions.hpp"

typedef curandStateXORWOW_t hiprandStateXORWOW_t;
typedef curandStateXORWOW_t hiprandState_t;
typedef curandStateXORWOW_t hiprandState;
typedef curandStatePhilox4_32_10_t hiprandStatePhilox4_32_10_t;
typedef curandStateXORWOW_t rocrand_state_xorwow;
typedef curandStatePhilox4_32_10_t rocrand_state_philox4x32_10;

// One forwarding function per cuRAND name; S is a state type above.
#define KQ_RAND_ALIAS(alias, target)                                    \
  template <class S, class... A>                                        \
  inline auto alias(S* state, A... args)->decltype(target(state, args...)) { \
    return target(state, args...);                                      \
  }
#define KQ_RAND_ALIASES(prefix)                                       \
  KQ_RAND_ALIAS(prefix, curand)                                       \
  KQ_RAND_ALIAS(prefix##4, curand4)                                   \
  KQ_RAND_ALIAS(prefix##_uniform, curand_uniform)                     \
  KQ_RAND_ALIAS(prefix##_uniform4, curand_uniform4)                   \
  KQ_RAND_ALIAS(prefix##_uniform_double, curand_uniform_double)       \
  KQ_RAND_ALIAS(prefix##_uniform2_double, curand_uniform2_double)     \
  KQ_RAND_ALIAS(prefix##_normal, curand_normal)                       \
  KQ_RAND_ALIAS(prefix##_normal2, curand_normal2)                     \
  KQ_RAND_ALIAS(prefix##_normal4, curand_normal4)                     \
  KQ_RAND_ALIAS(prefix##_normal_double, curand_normal_double)         \
  KQ_RAND_ALIAS(prefix##_normal2_double, curand_normal2_double)       \
  KQ_RAND_ALIAS(prefix##_log_normal, curand_log_normal)               \
  KQ_RAND_ALIAS(prefix##_log_normal2, curand_log_normal2)             \
  KQ_RAND_ALIAS(prefix##_log_normal_double, curand_log_normal_double) \
  KQ_RAND_ALIAS(prefix##_poisson, curand_poisson)
KQ_RAND_ALIASES(hiprand)
KQ_RAND_ALIASES(rocrand)
#undef KQ_RAND_ALIASES
#undef KQ_RAND_ALIAS

template <class S>
inline void hiprand_init(unsigned long long seed, unsigned long long subsequence, unsigned long long offset, S* state) {
  curand_init(seed, subsequence, offset, state);
}
template <class S>
inline void rocrand_init(unsigned long long seed, unsigned long long subsequence, unsigned long long offset, S* state) {
  curand_init(seed, subsequence, offset, state);
}
