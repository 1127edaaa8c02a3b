#pragma once
// A fixed set of buffers from the seeded generators (kq/host.hpp), as raw
// bytes. Compiled into the test itself and into host_gen.cpp under g++ and
// nvcc: every compiler must produce the same bytes.
#include <cstdint>
#include <string>
#include <vector>

#include "kq/host.hpp"

template <class T>
void append_bytes(std::string& out, const std::vector<T>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

inline std::string generated_buffer_bytes() {
  std::string out;
  std::vector<float> f(1000);
  kq::fill_uniform(f.data(), f.size(), -1.0, 1.0, 1);
  append_bytes(out, f);
  std::vector<double> d(1000);
  kq::fill_normal(d.data(), d.size(), 0.0, 1.0, 2);
  append_bytes(out, d);
  std::vector<std::int32_t> i32(1000);
  kq::fill_randint(i32.data(), i32.size(), -5, 17, 3);
  append_bytes(out, i32);
  std::vector<kq::half_t> h(1000);
  kq::fill_uniform(h.data(), h.size(), -2.0, 2.0, 4);
  append_bytes(out, h);
  std::vector<kq::bf16_t> b(500);
  kq::fill_uniform(b.data(), b.size(), -3.0, 3.0, 8);
  append_bytes(out, b);
  std::vector<float> g(1001);
  kq::fill_normal(g.data(), g.size(), 1.0, 0.5, 5);
  append_bytes(out, g);
  std::vector<unsigned char> poison(1003);
  kq::fill_poison(poison.data(), poison.size(), 6);
  append_bytes(out, poison);
  std::vector<std::int64_t> iota(100);
  kq::fill_iota(iota.data(), iota.size(), 5.0, 3.0);
  append_bytes(out, iota);
  std::vector<std::uint8_t> u8(300);
  kq::fill_uniform(u8.data(), u8.size(), 0.0, 255.0, 7);
  append_bytes(out, u8);
  std::vector<double> c(10);
  kq::fill_const(c.data(), c.size(), -0.125);
  append_bytes(out, c);
  return out;
}
