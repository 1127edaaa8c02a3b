// Conversion, rounding and integer intrinsics over edge and random inputs.
// Every result is printed as its bit pattern, labelled by intrinsic.
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "dual.hpp"

template <class T>
__device__ unsigned long long bits_of(T v) {
  unsigned long long b = 0;
  memcpy(&b, &v, sizeof(T));
  return b;
}

// clang-format off
#define FLOAT_OPS(X)                                                                                      \
  X(__float2int_rn) X(__float2int_rz) X(__float2int_ru) X(__float2int_rd)                                 \
  X(__float2uint_rn) X(__float2uint_rz) X(__float2uint_ru) X(__float2uint_rd)                             \
  X(__float2ll_rn) X(__float2ll_rz) X(__float2ll_ru) X(__float2ll_rd)                                     \
  X(__float2ull_rn) X(__float2ull_rz) X(__float2ull_ru) X(__float2ull_rd)                                 \
  X(__float2half) X(__float2half_rn) X(__float2half_rz) X(__float2half_ru) X(__float2half_rd)             \
  X(__float2bfloat16) X(__float2bfloat16_rn) X(__float2bfloat16_rz) X(__float2bfloat16_ru) X(__float2bfloat16_rd) \
  X(__frcp_rn) X(__frcp_rz) X(__frcp_ru) X(__frcp_rd)                                                     \
  X(__fsqrt_rn) X(__fsqrt_rz) X(__fsqrt_ru) X(__fsqrt_rd)                                                 \
  X(__frsqrt_rn) X(__saturatef) X(half_rn_to_int_rn) X(half_rn_to_int_rz) X(half_rn_to_int_ru)           \
  X(half_rn_to_int_rd) X(half_rn_to_float) X(__expf) X(__exp10f) X(__logf) X(__log2f) X(__log10f)   \
  X(__sinf) X(__cosf) X(__tanf)
#define FLOAT_BINARY_OPS(X)                                                                               \
  X(__fadd_rn) X(__fadd_rz) X(__fadd_ru) X(__fadd_rd) X(__fsub_rn) X(__fsub_rz) X(__fsub_ru) X(__fsub_rd) \
  X(__fmul_rn) X(__fmul_rz) X(__fmul_ru) X(__fmul_rd) X(__fdiv_rn) X(__fdiv_rz) X(__fdiv_ru) X(__fdiv_rd) \
  X(fmaf_rn_ab_b) X(fmaf_rz_ab_b) X(fmaf_ru_ab_b) X(fmaf_rd_ab_b) X(__fdividef) X(__powf)
#define DOUBLE_OPS(X)                                                                                     \
  X(__double2int_rn) X(__double2int_rz) X(__double2int_ru) X(__double2int_rd)                             \
  X(__double2uint_rn) X(__double2uint_rz) X(__double2uint_ru) X(__double2uint_rd)                         \
  X(__double2ll_rn) X(__double2ll_rz) X(__double2ll_ru) X(__double2ll_rd)                                 \
  X(__double2ull_rn) X(__double2ull_rz) X(__double2ull_ru) X(__double2ull_rd)                             \
  X(__double2float_rn) X(__double2float_rz) X(__double2float_ru) X(__double2float_rd) X(__double2half)    \
  X(__drcp_rn) X(__drcp_rz) X(__drcp_ru) X(__drcp_rd) X(__dsqrt_rn) X(__dsqrt_rz) X(__dsqrt_ru) X(__dsqrt_rd)
#define DOUBLE_BINARY_OPS(X)                                                                              \
  X(__dadd_rn) X(__dadd_rz) X(__dadd_ru) X(__dadd_rd) X(__dsub_rn) X(__dsub_rz) X(__dsub_ru) X(__dsub_rd) \
  X(__dmul_rn) X(__dmul_rz) X(__dmul_ru) X(__dmul_rd) X(__ddiv_rn) X(__ddiv_rz) X(__ddiv_ru) X(__ddiv_rd) \
  X(fma_rn_ab_b) X(fma_rz_ab_b) X(fma_ru_ab_b) X(fma_rd_ab_b)
#define INT_OPS(X)                                                                                        \
  X(__int2float_rn) X(__int2float_rz) X(__int2float_ru) X(__int2float_rd) X(__int2double_rn)             \
  X(__int2half_rn) X(__int2half_rz) X(__int2half_ru) X(__int2half_rd)                                     \
  X(__uint2float_rn) X(__uint2float_rz) X(__uint2float_ru) X(__uint2float_rd) X(__uint2double_rn)         \
  X(__brev) X(__clz) X(__ffs) X(__popc)
#define LL_OPS(X)                                                                                         \
  X(__ll2float_rn) X(__ll2float_rz) X(__ll2float_ru) X(__ll2float_rd)                                     \
  X(__ll2double_rn) X(__ll2double_rz) X(__ll2double_ru) X(__ll2double_rd)                                 \
  X(__ull2float_rn) X(__ull2float_rz) X(__ull2float_ru) X(__ull2float_rd)                                 \
  X(__ull2double_rn) X(__ull2double_rz) X(__ull2double_ru) X(__ull2double_rd)                             \
  X(__brevll) X(__clzll) X(__ffsll) X(__popcll)
#define INT_BINARY_OPS(X)                                                                                 \
  X(__mulhi) X(__umulhi) X(__hadd) X(__rhadd) X(__uhadd) X(__urhadd) X(__mul24) X(__umul24)               \
  X(__sad) X(__usad) X(__byte_perm) X(__funnelshift_l) X(__funnelshift_lc) X(__funnelshift_r)             \
  X(__funnelshift_rc) X(__mul64hi) X(__umul64hi)
// clang-format on

// Inputs of the forms the mapped intrinsics take.
__device__ int half_rn_to_int_rn(float x) { return __half2int_rn(__float2half_rn(x)); }
__device__ int half_rn_to_int_rz(float x) { return __half2int_rz(__float2half_rn(x)); }
__device__ int half_rn_to_int_ru(float x) { return __half2int_ru(__float2half_rn(x)); }
__device__ int half_rn_to_int_rd(float x) { return __half2int_rd(__float2half_rn(x)); }
__device__ float half_rn_to_float(float x) { return __half2float(__float2half_rn(x)); }
__device__ float fmaf_rn_ab_b(float a, float b) { return __fmaf_rn(a, b, b); }
__device__ float fmaf_rz_ab_b(float a, float b) { return __fmaf_rz(a, b, b); }
__device__ float fmaf_ru_ab_b(float a, float b) { return __fmaf_ru(a, b, b); }
__device__ float fmaf_rd_ab_b(float a, float b) { return __fmaf_rd(a, b, b); }
__device__ double fma_rn_ab_b(double a, double b) { return __fma_rn(a, b, b); }
__device__ double fma_rz_ab_b(double a, double b) { return __fma_rz(a, b, b); }
__device__ double fma_ru_ab_b(double a, double b) { return __fma_ru(a, b, b); }
__device__ double fma_rd_ab_b(double a, double b) { return __fma_rd(a, b, b); }

#define COUNT(f) +1
constexpr int kFloatOps = 0 FLOAT_OPS(COUNT), kFloatBinary = 0 FLOAT_BINARY_OPS(COUNT);
constexpr int kDoubleOps = 0 DOUBLE_OPS(COUNT), kDoubleBinary = 0 DOUBLE_BINARY_OPS(COUNT);
constexpr int kIntOps = 0 INT_OPS(COUNT), kLlOps = 0 LL_OPS(COUNT), kIntBinary = 0 INT_BINARY_OPS(COUNT);
#undef COUNT

#define UNARY_KERNEL(name, T, OPS, nops)                                           \
  __global__ void name(const T* in, unsigned long long* out, int n) {              \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                           \
    if (i >= n) return;                                                            \
    const T x = in[i];                                                             \
    unsigned long long* o = out + static_cast<size_t>(i) * nops;                   \
    int k = 0;                                                                     \
    OPS(APPLY1)                                                                    \
  }
#define BINARY_KERNEL(name, T, OPS, nops)                                          \
  __global__ void name(const T* in, unsigned long long* out, int n) {              \
    const int i = blockIdx.x * blockDim.x + threadIdx.x;                           \
    if (i >= n) return;                                                            \
    const T a = in[i], b = in[(i * 7 + 3) % n];                                    \
    unsigned long long* o = out + static_cast<size_t>(i) * nops;                   \
    int k = 0;                                                                     \
    OPS(APPLY2)                                                                    \
  }
#define APPLY1(f) o[k++] = bits_of(f(x));
#define APPLY2(f) o[k++] = bits_of(f(a, b));
UNARY_KERNEL(float_ops, float, FLOAT_OPS, kFloatOps)
UNARY_KERNEL(double_ops, double, DOUBLE_OPS, kDoubleOps)
UNARY_KERNEL(ll_ops, long long, LL_OPS, kLlOps)
BINARY_KERNEL(float_binary, float, FLOAT_BINARY_OPS, kFloatBinary)
BINARY_KERNEL(double_binary, double, DOUBLE_BINARY_OPS, kDoubleBinary)
#undef APPLY1
#undef APPLY2
// Integer intrinsics take int or unsigned: each gets its own argument types.
#define APPLY1(f) o[k++] = bits_of(f(x));
UNARY_KERNEL(int_ops, int, INT_OPS, kIntOps)
#undef APPLY1

__global__ void int_binary(const int* in, unsigned long long* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const int a = in[i], b = in[(i * 7 + 3) % n], c = in[(i * 13 + 5) % n];
  const unsigned ua = a, ub = b, uc = c;
  const long long la = (static_cast<long long>(a) << 32) ^ c, lb = (static_cast<long long>(b) << 29) ^ a;
  unsigned long long* o = out + static_cast<size_t>(i) * kIntBinary;
  int k = 0;
  o[k++] = bits_of(__mulhi(a, b));
  o[k++] = bits_of(__umulhi(ua, ub));
  o[k++] = bits_of(__hadd(a, b));
  o[k++] = bits_of(__rhadd(a, b));
  o[k++] = bits_of(__uhadd(ua, ub));
  o[k++] = bits_of(__urhadd(ua, ub));
  o[k++] = bits_of(__mul24(a, b));
  o[k++] = bits_of(__umul24(ua, ub));
  o[k++] = bits_of(__sad(a, b, uc));
  o[k++] = bits_of(__usad(ua, ub, uc));
  o[k++] = bits_of(__byte_perm(ua, ub, uc));
  o[k++] = bits_of(__funnelshift_l(ua, ub, uc));
  o[k++] = bits_of(__funnelshift_lc(ua, ub, uc));
  o[k++] = bits_of(__funnelshift_r(ua, ub, uc));
  o[k++] = bits_of(__funnelshift_rc(ua, ub, uc));
  o[k++] = bits_of(__mul64hi(la, lb));
  o[k++] = bits_of(__umul64hi(static_cast<unsigned long long>(la), static_cast<unsigned long long>(lb)));
}

// ---- inputs -------------------------------------------------------------------
struct Lcg {
  unsigned long long s;
  unsigned long long next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return s >> 11;
  }
};

std::vector<float> float_inputs() {
  std::vector<float> v = {0.0f, -0.0f, 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0.49999997f, 1.0f, -1.0f, 3.0f,
                          1e10f, -1e10f, 2147483520.0f, 2147483648.0f, -2147483648.0f, 4294967040.0f, 4294967296.0f,
                          3e9f, 4.5e9f, 9.3e18f, 1.9e19f, -9.3e18f, 1e30f, 65504.0f, 65520.0f, 65519.0f, 1e-8f,
                          6.1e-5f, 5.9e-8f, 1.17549435e-38f, 1e-40f, -1e-40f, 16777217.0f, 0.1f, 123456.789f, -0.7f,
                          std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                          std::nanf(""), 3.4028235e38f};
  Lcg g{12345};
  for (int i = 0; i < 200; ++i) {
    const float m = 1.0f + static_cast<float>(g.next() % 8388608) / 8388608.0f;
    const int e = static_cast<int>(g.next() % 90) - 24;
    v.push_back((g.next() & 1 ? -1.0f : 1.0f) * std::ldexp(m, e));
  }
  for (int i = 0; i < 40; ++i) v.push_back(static_cast<float>(static_cast<int>(g.next() % 2001) - 1000) + 0.5f);
  return v;
}

std::vector<double> double_inputs() {
  std::vector<double> v = {0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.0, -1.0, 1e10, -1e10, 2147483647.5,
                           2147483648.0, -2147483648.5, -2147483649.0, 4294967295.5, 4294967296.0, 9.3e18, 1.9e19,
                           -9.3e18, 1e300, 3.4028235677973366e38, 3.5e38, 1.401298464324817e-45, 7e-46, 1e-310, 0.1,
                           16777217.0, 16777217.5, 9007199254740993.0, 65520.0,
                           std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                           std::nan("")};
  Lcg g{777};
  for (int i = 0; i < 200; ++i) {
    const double m = 1.0 + static_cast<double>(g.next() % (1ull << 52)) / 4503599627370496.0;
    const int e = static_cast<int>(g.next() % 140) - 40;
    v.push_back((g.next() & 1 ? -1.0 : 1.0) * std::ldexp(m, e));
  }
  return v;
}

std::vector<int> int_inputs() {
  std::vector<int> v = {0, 1, -1, 2, 3, 7, 31, 32, 33, 255, 256, 16777216, 16777217, 16777219, -16777217,
                        2147483647, -2147483647 - 1, 0x7fffff80, 0x40000001, -0x40000001, 0x01020304, 0x0e4};
  Lcg g{99};
  for (int i = 0; i < 200; ++i) v.push_back(static_cast<int>(g.next()));
  return v;
}

std::vector<long long> ll_inputs() {
  std::vector<long long> v = {0, 1, -1, 9007199254740993ll, -9007199254740993ll, 9223372036854775807ll,
                              -9223372036854775807ll - 1, 16777217, (1ll << 40) + 1, (1ll << 62) + 3};
  Lcg g{4242};
  for (int i = 0; i < 200; ++i) v.push_back(static_cast<long long>(g.next() << 11 ^ g.next()) >> (g.next() % 40));
  return v;
}

template <class T>
int run(const char* label, void (*kernel)(const T*, unsigned long long*, int), const std::vector<T>& in, int nops) {
  const int n = static_cast<int>(in.size());
  const T* d_in = dual_upload(in);
  unsigned long long* d_out = dual_alloc<unsigned long long>(static_cast<size_t>(n) * nops);
  KQ_LAUNCH(kernel, (n + 127) / 128, 128, 0, d_in, d_out, n);
  if (dual_check_launch(label)) return 1;
  dual_print_all(label, dual_fetch(d_out, static_cast<size_t>(n) * nops));
  return 0;
}

#define NAME(f) " " #f
void print_names() {
  std::printf("ops float%s\n", FLOAT_OPS(NAME));
  std::printf("ops float2%s\n", FLOAT_BINARY_OPS(NAME));
  std::printf("ops double%s\n", DOUBLE_OPS(NAME));
  std::printf("ops double2%s\n", DOUBLE_BINARY_OPS(NAME));
  std::printf("ops int%s\n", INT_OPS(NAME));
  std::printf("ops ll%s\n", LL_OPS(NAME));
  std::printf("ops int3%s\n", INT_BINARY_OPS(NAME));
}
#undef NAME

int main() {
  print_names();
  int bad = 0;
  bad += run("float", float_ops, float_inputs(), kFloatOps);
  bad += run("float2", float_binary, float_inputs(), kFloatBinary);
  bad += run("double", double_ops, double_inputs(), kDoubleOps);
  bad += run("double2", double_binary, double_inputs(), kDoubleBinary);
  bad += run("int", int_ops, int_inputs(), kIntOps);
  bad += run("ll", ll_ops, ll_inputs(), kLlOps);
  bad += run("int3", int_binary, int_inputs(), kIntBinary);
  return bad;
}
