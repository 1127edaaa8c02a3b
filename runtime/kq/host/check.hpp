#pragma once
// KQ_CHECK(call): one macro for cudaError_t and hipError_t. The error string
// function is found by argument-dependent lookup on the error's type, so this
// header needs neither runtime's headers and works under g++, nvcc and hipcc.
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <string>
#include <utility>

#include "kq/host/run_result.hpp"

namespace kq::detail {

template <class E, class = void>
struct has_hip_error_string : std::false_type {};
template <class E>
struct has_hip_error_string<E, std::void_t<decltype(hipGetErrorString(std::declval<E>()))>> : std::true_type {};
template <class E, class = void>
struct has_cuda_error_string : std::false_type {};
template <class E>
struct has_cuda_error_string<E, std::void_t<decltype(cudaGetErrorString(std::declval<E>()))>> : std::true_type {};

template <class E>
const char* error_string(E e) {
  if constexpr (has_hip_error_string<E>::value)
    return hipGetErrorString(e);
  else if constexpr (has_cuda_error_string<E>::value)
    return cudaGetErrorString(e);
  else
    return "unknown error";
}

}  // namespace kq::detail

namespace kq {

// What happens when a KQ_CHECK fails: an installed handler runs first; then
// the live ResultFile records "runtime_error" with the message, the message
// goes to stderr and the program exits with 1.
using CheckHandler = void (*)(const char* call, int code, const char* message, const char* file, int line);

inline CheckHandler& check_handler() {
  static CheckHandler handler = nullptr;
  return handler;
}

inline void set_check_handler(CheckHandler handler) { check_handler() = handler; }

inline void check_failed(const char* call, int code, const char* message, const char* file, int line) {
  if (CheckHandler h = check_handler()) h(call, code, message, file, line);
  write_current_result("runtime_error", std::string(call) + " returned " + std::to_string(code) + " (" + message + ")");
  std::fprintf(stderr, "KQ_CHECK failed: %s returned %d (%s) at %s:%d\n", call, code, message, file, line);
  std::fflush(stderr);
  std::exit(1);
}

}  // namespace kq

#define KQ_CHECK(call)                                                                                  \
  do {                                                                                                  \
    const auto kq_check_status_ = (call);                                                               \
    if (static_cast<int>(kq_check_status_) != 0)                                                        \
      ::kq::check_failed(#call, static_cast<int>(kq_check_status_),                                     \
                         ::kq::detail::error_string(kq_check_status_), __FILE__, __LINE__);             \
  } while (0)
