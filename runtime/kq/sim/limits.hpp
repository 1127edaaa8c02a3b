#pragma once
// The per-kernel limits a GPU enforces at launch: the thread count a kernel's
// __launch_bounds__ allows, and the dynamic shared memory it may take (48 KiB
// unless raised with cudaFuncSetAttribute, up to the 227 KiB an H100/H200
// block can opt into). Launches past them fail with cudaErrorInvalidValue,
// as on the H200.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include "kq/sim/vector_types.hpp"

#ifndef KQ_SIM_MAX_BLOCK_SHARED_OPTIN
#define KQ_SIM_MAX_BLOCK_SHARED_OPTIN (227 * 1024)
#endif
#define KQ_SIM_DEFAULT_BLOCK_SHARED (48 * 1024)

namespace kq::sim::detail {

// The bare name of a launched kernel: "(ns::k<T, 4>)" -> "k".
inline std::string kernel_base_name(const char* launched) {
  std::string s(launched ? launched : "");
  while (!s.empty() && (s.front() == '(' || s.front() == ' ')) s.erase(s.begin());
  if (const auto lt = s.find('<'); lt != std::string::npos) s.resize(lt);
  while (!s.empty() && (s.back() == ')' || s.back() == ' ')) s.pop_back();
  if (const auto colons = s.rfind("::"); colons != std::string::npos) s = s.substr(colons + 2);
  return s;
}

// KQ_SIM_LAUNCH_BOUNDS is "name:threads,name:threads": the literal
// __launch_bounds__ of the unit's kernels (see sim_tooling::launch_bounds).
inline const std::map<std::string, unsigned>& declared_launch_bounds() {
  static const std::map<std::string, unsigned> bounds = [] {
    std::map<std::string, unsigned> m;
#ifdef KQ_SIM_LAUNCH_BOUNDS
    const std::string list = KQ_SIM_LAUNCH_BOUNDS;
    for (std::size_t begin = 0; begin < list.size();) {
      std::size_t end = list.find(',', begin);
      if (end == std::string::npos) end = list.size();
      const std::string entry = list.substr(begin, end - begin);
      if (const auto colon = entry.find(':'); colon != std::string::npos)
        m[entry.substr(0, colon)] = static_cast<unsigned>(std::strtoul(entry.c_str() + colon + 1, nullptr, 10));
      begin = end + 1;
    }
#endif
    return m;
  }();
  return bounds;
}

struct SharedOptIns {
  std::mutex mutex;
  std::map<const void*, std::size_t> bytes;
};
inline SharedOptIns& shared_opt_ins() {
  static SharedOptIns s;
  return s;
}

inline bool opt_in_dynamic_shared(const void* kernel, int bytes) {
  if (bytes < 0 || static_cast<std::size_t>(bytes) > KQ_SIM_MAX_BLOCK_SHARED_OPTIN) return false;
  SharedOptIns& s = shared_opt_ins();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.bytes[kernel] = static_cast<std::size_t>(bytes);
  return true;
}

inline std::size_t dynamic_shared_limit(const void* kernel) {
  SharedOptIns& s = shared_opt_ins();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto it = s.bytes.find(kernel);
  return it == s.bytes.end() ? KQ_SIM_DEFAULT_BLOCK_SHARED : it->second;
}

// Why the launch is refused, or null when the kernel's own limits allow it.
inline const char* kernel_limit_exceeded(const char* name, const void* kernel, const dim3& block,
                                         std::size_t shared_bytes) {
  const unsigned long long threads = 1ull * block.x * block.y * block.z;
  const auto& bounds = declared_launch_bounds();
  if (const auto it = bounds.find(kernel_base_name(name)); it != bounds.end() && threads > it->second)
    return "more threads per block than the kernel's __launch_bounds__";
  if (kernel && shared_bytes > dynamic_shared_limit(kernel))
    return "more dynamic shared memory than the kernel may take (cudaFuncAttributeMaxDynamicSharedMemorySize)";
  return nullptr;
}

}  // namespace kq::sim::detail
