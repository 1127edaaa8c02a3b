#pragma once
// __half / half / __half2 and __nv_bfloat16 / hip_bfloat16 for host
// compilation. Storage is the 16-bit pattern; every operation computes in
// float and rounds to nearest even. For +, -, *, / and sqrt that equals the
// correctly rounded 16-bit result (float carries more than 2*11+2 bits), so
// results match GPU half arithmetic bit for bit.
#include <cmath>
#include <cstdint>

#include "kq/half_bits.hpp"

struct __half {
  unsigned short __x;
  __half() = default;
  __half(float f) : __x(::kq::half_bits_from_float(f)) {}
  __half(double d) : __x(::kq::half_bits_from_float(static_cast<float>(d))) {}
  __half(int i) : __x(::kq::half_bits_from_float(static_cast<float>(i))) {}
  __half(unsigned i) : __x(::kq::half_bits_from_float(static_cast<float>(i))) {}
  __half(long long i) : __x(::kq::half_bits_from_float(static_cast<float>(i))) {}
  operator float() const { return ::kq::float_from_half_bits(__x); }
  __half& operator+=(const __half& o) { return *this = __half(float(*this) + float(o)); }
  __half& operator-=(const __half& o) { return *this = __half(float(*this) - float(o)); }
  __half& operator*=(const __half& o) { return *this = __half(float(*this) * float(o)); }
  __half& operator/=(const __half& o) { return *this = __half(float(*this) / float(o)); }
};
typedef __half half;
struct __half_raw {
  unsigned short x;
};

struct __half2 {
  __half x, y;
};
typedef __half2 half2;

inline __half operator+(const __half& a, const __half& b) { return __half(float(a) + float(b)); }
inline __half operator-(const __half& a, const __half& b) { return __half(float(a) - float(b)); }
inline __half operator*(const __half& a, const __half& b) { return __half(float(a) * float(b)); }
inline __half operator/(const __half& a, const __half& b) { return __half(float(a) / float(b)); }
inline __half operator-(const __half& a) {
  __half r;
  r.__x = static_cast<unsigned short>(a.__x ^ 0x8000u);
  return r;
}
inline bool operator==(const __half& a, const __half& b) { return float(a) == float(b); }
inline bool operator!=(const __half& a, const __half& b) { return float(a) != float(b); }
inline bool operator<(const __half& a, const __half& b) { return float(a) < float(b); }
inline bool operator>(const __half& a, const __half& b) { return float(a) > float(b); }
inline bool operator<=(const __half& a, const __half& b) { return float(a) <= float(b); }
inline bool operator>=(const __half& a, const __half& b) { return float(a) >= float(b); }

inline unsigned short __half_as_ushort(__half h) { return h.__x; }
inline short __half_as_short(__half h) { return static_cast<short>(h.__x); }
inline __half __ushort_as_half(unsigned short u) {
  __half h;
  h.__x = u;
  return h;
}
inline __half __short_as_half(short s) { return __ushort_as_half(static_cast<unsigned short>(s)); }
inline __half __hadd(__half a, __half b) { return a + b; }
inline __half __hsub(__half a, __half b) { return a - b; }
inline __half __hmul(__half a, __half b) { return a * b; }
inline __half __hdiv(__half a, __half b) { return a / b; }
inline __half __hneg(__half a) { return -a; }
// Fused: the exact product fits a double; one rounding of the sum to half
// after one to double is off only in rare double-rounding ties.
inline __half __hfma(__half a, __half b, __half c) {
  return __half(static_cast<float>(static_cast<double>(float(a)) * float(b) + float(c)));
}
inline __half __habs(__half a) { return __ushort_as_half(static_cast<unsigned short>(a.__x & 0x7fffu)); }
inline __half __hmax(__half a, __half b) { return a < b ? b : a; }
inline __half __hmin(__half a, __half b) { return b < a ? b : a; }
inline bool __heq(__half a, __half b) { return a == b; }
inline bool __hne(__half a, __half b) { return a != b; }
inline bool __hlt(__half a, __half b) { return a < b; }
inline bool __hgt(__half a, __half b) { return a > b; }
inline bool __hle(__half a, __half b) { return a <= b; }
inline bool __hge(__half a, __half b) { return a >= b; }
inline bool __hisnan(__half a) { return (a.__x & 0x7fffu) > 0x7c00u; }
inline bool __hisinf(__half a) { return (a.__x & 0x7fffu) == 0x7c00u; }
inline __half hsqrt(__half a) { return __half(std::sqrt(float(a))); }
inline __half hexp(__half a) { return __half(std::exp(float(a))); }
inline __half hlog(__half a) { return __half(std::log(float(a))); }
inline __half hrsqrt(__half a) { return __half(1.0f / std::sqrt(float(a))); }

inline __half2 __halves2half2(__half a, __half b) { return __half2{a, b}; }
inline __half2 make_half2(__half a, __half b) { return __half2{a, b}; }
inline float __low2float(__half2 v) { return float(v.x); }
inline float __high2float(__half2 v) { return float(v.y); }
inline __half __low2half(__half2 v) { return v.x; }
inline __half __high2half(__half2 v) { return v.y; }
inline __half2 __hadd2(__half2 a, __half2 b) { return __half2{a.x + b.x, a.y + b.y}; }
inline __half2 __hsub2(__half2 a, __half2 b) { return __half2{a.x - b.x, a.y - b.y}; }
inline __half2 __hmul2(__half2 a, __half2 b) { return __half2{a.x * b.x, a.y * b.y}; }
inline __half2 __hfma2(__half2 a, __half2 b, __half2 c) { return __half2{__hfma(a.x, b.x, c.x), __hfma(a.y, b.y, c.y)}; }
inline __half2 operator+(const __half2& a, const __half2& b) { return __hadd2(a, b); }
inline __half2 operator-(const __half2& a, const __half2& b) { return __hsub2(a, b); }
inline __half2 operator*(const __half2& a, const __half2& b) { return __hmul2(a, b); }

// ---- bfloat16 -------------------------------------------------------------
struct __nv_bfloat16 {
  unsigned short __x;
  __nv_bfloat16() = default;
  __nv_bfloat16(float f) : __x(::kq::bf16_bits_from_float(f)) {}
  __nv_bfloat16(double d) : __x(::kq::bf16_bits_from_float(static_cast<float>(d))) {}
  __nv_bfloat16(int i) : __x(::kq::bf16_bits_from_float(static_cast<float>(i))) {}
  operator float() const { return ::kq::float_from_bf16_bits(__x); }
};
typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat16 __hip_bfloat16;
struct __nv_bfloat162 {
  __nv_bfloat16 x, y;
};
typedef __nv_bfloat162 nv_bfloat162;
inline __nv_bfloat16 operator+(const __nv_bfloat16& a, const __nv_bfloat16& b) { return __nv_bfloat16(float(a) + float(b)); }
inline __nv_bfloat16 operator-(const __nv_bfloat16& a, const __nv_bfloat16& b) { return __nv_bfloat16(float(a) - float(b)); }
inline __nv_bfloat16 operator*(const __nv_bfloat16& a, const __nv_bfloat16& b) { return __nv_bfloat16(float(a) * float(b)); }
inline __nv_bfloat16 operator/(const __nv_bfloat16& a, const __nv_bfloat16& b) { return __nv_bfloat16(float(a) / float(b)); }

// ROCm's hip_bfloat16: a struct with a `data` member, round-to-nearest-even.
struct hip_bfloat16 {
  std::uint16_t data;
  hip_bfloat16() = default;
  explicit hip_bfloat16(float f) : data(::kq::bf16_bits_from_float(f)) {}
  operator float() const { return ::kq::float_from_bf16_bits(data); }
  hip_bfloat16& operator+=(const hip_bfloat16& o) { return *this = hip_bfloat16(float(*this) + float(o)); }
  hip_bfloat16& operator*=(const hip_bfloat16& o) { return *this = hip_bfloat16(float(*this) * float(o)); }
};
inline hip_bfloat16 operator+(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) + float(b)); }
inline hip_bfloat16 operator-(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) - float(b)); }
inline hip_bfloat16 operator*(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) * float(b)); }
inline hip_bfloat16 operator/(hip_bfloat16 a, hip_bfloat16 b) { return hip_bfloat16(float(a) / float(b)); }
