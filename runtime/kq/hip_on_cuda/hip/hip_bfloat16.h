#pragma once
// ROCm's hip_bfloat16 struct (a `data` member holding the bits, conversion
// from float rounding to nearest even) for HIP code compiled by nvcc.
#include <cstdint>
#include <cstring>

struct hip_bfloat16 {
  std::uint16_t data;
  hip_bfloat16() = default;
  __host__ __device__ explicit hip_bfloat16(float f) : data(round_to_bits(f)) {}
  __host__ __device__ operator float() const {
    const std::uint32_t bits = static_cast<std::uint32_t>(data) << 16;
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
  }
  __host__ __device__ static std::uint16_t round_to_bits(float f) {
    std::uint32_t x;
    memcpy(&x, &f, sizeof x);
    if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((x >> 16) | 0x40u);
    return static_cast<std::uint16_t>((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
  }
};
__host__ __device__ inline hip_bfloat16 operator+(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) + float(b)); }
__host__ __device__ inline hip_bfloat16 operator-(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) - float(b)); }
__host__ __device__ inline hip_bfloat16 operator*(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) * float(b)); }
__host__ __device__ inline hip_bfloat16 operator/(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) / float(b)); }
