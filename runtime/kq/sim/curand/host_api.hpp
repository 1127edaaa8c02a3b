#pragma once
// cuRAND's host API: its types, so declarations and wrappers that name them
// compile. Host-side generation is refused with an error status rather than
// filled with numbers that would differ from the GPU's (cuRAND's host
// generators lay their streams out over many GPU threads).
#include <cstddef>
#include <cstdio>

typedef enum curandStatus {
  CURAND_STATUS_SUCCESS = 0,
  CURAND_STATUS_VERSION_MISMATCH = 100,
  CURAND_STATUS_NOT_INITIALIZED = 101,
  CURAND_STATUS_ALLOCATION_FAILED = 102,
  CURAND_STATUS_TYPE_ERROR = 103,
  CURAND_STATUS_OUT_OF_RANGE = 104,
  CURAND_STATUS_LENGTH_NOT_MULTIPLE = 105,
  CURAND_STATUS_DOUBLE_PRECISION_REQUIRED = 106,
  CURAND_STATUS_LAUNCH_FAILURE = 201,
  CURAND_STATUS_PREEXISTING_FAILURE = 202,
  CURAND_STATUS_INITIALIZATION_FAILED = 203,
  CURAND_STATUS_ARCH_MISMATCH = 204,
  CURAND_STATUS_INTERNAL_ERROR = 999
} curandStatus_t;

typedef enum curandRngType {
  CURAND_RNG_TEST = 0,
  CURAND_RNG_PSEUDO_DEFAULT = 100,
  CURAND_RNG_PSEUDO_XORWOW = 101,
  CURAND_RNG_PSEUDO_MRG32K3A = 121,
  CURAND_RNG_PSEUDO_MTGP32 = 141,
  CURAND_RNG_PSEUDO_MT19937 = 142,
  CURAND_RNG_PSEUDO_PHILOX4_32_10 = 161,
  CURAND_RNG_QUASI_DEFAULT = 200,
  CURAND_RNG_QUASI_SOBOL32 = 201,
  CURAND_RNG_QUASI_SCRAMBLED_SOBOL32 = 202,
  CURAND_RNG_QUASI_SOBOL64 = 203,
  CURAND_RNG_QUASI_SCRAMBLED_SOBOL64 = 204
} curandRngType_t;

typedef enum curandOrdering {
  CURAND_ORDERING_PSEUDO_BEST = 100,
  CURAND_ORDERING_PSEUDO_DEFAULT = 101,
  CURAND_ORDERING_PSEUDO_SEEDED = 102,
  CURAND_ORDERING_PSEUDO_LEGACY = 103,
  CURAND_ORDERING_PSEUDO_DYNAMIC = 104,
  CURAND_ORDERING_QUASI_DEFAULT = 201
} curandOrdering_t;

struct curandGenerator_st {
  curandRngType_t type;
  unsigned long long seed;
  unsigned long long offset;
};
typedef struct curandGenerator_st* curandGenerator_t;

inline curandStatus_t curandCreateGenerator(curandGenerator_t* g, curandRngType_t type) {
  *g = new curandGenerator_st{type, 0, 0};
  return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandCreateGeneratorHost(curandGenerator_t* g, curandRngType_t type) {
  return curandCreateGenerator(g, type);
}
inline curandStatus_t curandDestroyGenerator(curandGenerator_t g) {
  delete g;
  return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetPseudoRandomGeneratorSeed(curandGenerator_t g, unsigned long long seed) {
  g->seed = seed;
  return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetGeneratorOffset(curandGenerator_t g, unsigned long long offset) {
  g->offset = offset;
  return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandSetGeneratorOrdering(curandGenerator_t, curandOrdering_t) { return CURAND_STATUS_SUCCESS; }
template <class Stream>
curandStatus_t curandSetStream(curandGenerator_t, Stream) {
  return CURAND_STATUS_SUCCESS;
}
inline curandStatus_t curandGetVersion(int* version) {
  *version = 10400;
  return CURAND_STATUS_SUCCESS;
}

namespace kq::sim::curand_detail {
inline curandStatus_t host_generation_refused(const char* call) {
  std::fprintf(stderr, "kq-sim: %s: cuRAND host generation is not available on cpu-sim\n", call);
  return CURAND_STATUS_INTERNAL_ERROR;
}
}  // namespace kq::sim::curand_detail

#define KQ_CURAND_HOST_GENERATE(name, T, ...)                                  \
  inline curandStatus_t name(curandGenerator_t, T*, std::size_t __VA_ARGS__) { \
    return kq::sim::curand_detail::host_generation_refused(#name);             \
  }
KQ_CURAND_HOST_GENERATE(curandGenerate, unsigned int)
KQ_CURAND_HOST_GENERATE(curandGenerateLongLong, unsigned long long)
KQ_CURAND_HOST_GENERATE(curandGenerateUniform, float)
KQ_CURAND_HOST_GENERATE(curandGenerateUniformDouble, double)
KQ_CURAND_HOST_GENERATE(curandGenerateNormal, float, , float, float)
KQ_CURAND_HOST_GENERATE(curandGenerateNormalDouble, double, , double, double)
KQ_CURAND_HOST_GENERATE(curandGenerateLogNormal, float, , float, float)
KQ_CURAND_HOST_GENERATE(curandGenerateLogNormalDouble, double, , double, double)
KQ_CURAND_HOST_GENERATE(curandGeneratePoisson, unsigned int, , double)
#undef KQ_CURAND_HOST_GENERATE
