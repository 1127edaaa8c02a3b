#pragma once
// When the runner is built with AddressSanitizer, a memory error in a kernel
// ends the run with ASan's report; this adds one line that names the device
// buffer involved and the kernel that was running:
//   kq-sim: out-of-bounds access on buffer 'x' in kernel 'k'
#include <cstdio>
#include <cstring>
#include <string>

#include "kq/sim/buffers.hpp"
#include "kq/sim/fiber.hpp"
#include "kq/sim/launch.hpp"

#if KQ_SIM_ASAN
namespace kq::sim::detail {

// What kind of error ASan reported, from the report's first line.
inline const char* asan_error_kind(const char* report) {
  if (std::strstr(report, "heap-buffer-overflow")) return "out-of-bounds access";
  if (std::strstr(report, "heap-use-after-free")) return "use-after-free access";
  if (std::strstr(report, "stack-buffer-overflow")) return "stack overflow of a local array";
  if (std::strstr(report, "global-buffer-overflow")) return "out-of-bounds access of a global";
  return "invalid memory access";
}

inline void on_asan_report(const char* report) {
  const char* kernel = running_kernel().load();
  const auto address = reinterpret_cast<std::uintptr_t>(__asan_get_report_address());
  std::string name;
  std::uintptr_t base = 0;
  std::size_t bytes = 0;
  const char* kind = asan_error_kind(report);
  const char* where = kernel ? "kernel" : "host code";
  if (address && BufferRegistry::instance().find_near(address, 4096, name, base, bytes)) {
    const long long offset = static_cast<long long>(address - base);
    std::fprintf(stderr, "kq-sim: %s on buffer '%s' in %s%s%s%s (byte offset %lld of %zu)\n", kind,
                 name.empty() ? "?" : name.c_str(), where, kernel ? " '" : "", kernel ? kernel : "",
                 kernel ? "'" : "", offset, bytes);
  } else {
    std::fprintf(stderr, "kq-sim: %s outside every device buffer in %s%s%s%s\n", kind, where, kernel ? " '" : "",
                 kernel ? kernel : "", kernel ? "'" : "");
  }
  std::fflush(stderr);
}

inline const bool asan_report_hook_installed = [] {
  __asan_set_error_report_callback(&on_asan_report);
  return true;
}();

}  // namespace kq::sim::detail
#endif
