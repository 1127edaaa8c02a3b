#pragma once
// The per-kernel limits a GPU enforces at launch: the thread count a kernel's
// __launch_bounds__ allows, and the dynamic shared memory it may take (48 KiB
// unless raised with cudaFuncSetAttribute, up to the 227 KiB an H100/H200
// block can opt into), with its static __shared__ arrays in the same budget. Launches past them fail with cudaErrorInvalidValue,
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

// "name:number,name:number" as a map.
inline std::map<std::string, unsigned long> parse_kernel_numbers(const std::string& list) {
  std::map<std::string, unsigned long> m;
  for (std::size_t begin = 0; begin < list.size();) {
    std::size_t end = list.find(',', begin);
    if (end == std::string::npos) end = list.size();
    const std::string entry = list.substr(begin, end - begin);
    if (const auto colon = entry.find(':'); colon != std::string::npos)
      m[entry.substr(0, colon)] = std::strtoul(entry.c_str() + colon + 1, nullptr, 10);
    begin = end + 1;
  }
  return m;
}

// KQ_SIM_LAUNCH_BOUNDS is "name:threads,name:threads": the literal
// __launch_bounds__ of the unit's kernels (see sim_tooling::launch_bounds).
inline const std::map<std::string, unsigned long>& declared_launch_bounds() {
#ifdef KQ_SIM_LAUNCH_BOUNDS
  static const std::map<std::string, unsigned long> bounds = parse_kernel_numbers(KQ_SIM_LAUNCH_BOUNDS);
#else
  static const std::map<std::string, unsigned long> bounds;
#endif
  return bounds;
}

// KQ_SIM_STATIC_SHARED is "name:bytes,...": the static __shared__ arrays of
// known size in each kernel's body (see sim_tooling::static_shared_bytes).
inline unsigned long declared_static_shared(const std::string& kernel) {
#ifdef KQ_SIM_STATIC_SHARED
  static const std::map<std::string, unsigned long> bytes = parse_kernel_numbers(KQ_SIM_STATIC_SHARED);
  const auto it = bytes.find(kernel);
  return it == bytes.end() ? 0 : it->second;
#else
  (void)kernel;
  return 0;
#endif
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

// The dynamic shared memory the kernel may take, and whether it opted in.
inline std::size_t dynamic_shared_limit(const void* kernel, bool* opted_in = nullptr) {
  SharedOptIns& s = shared_opt_ins();
  std::lock_guard<std::mutex> lock(s.mutex);
  const auto it = s.bytes.find(kernel);
  if (opted_in) *opted_in = it != s.bytes.end();
  return it == s.bytes.end() ? KQ_SIM_DEFAULT_BLOCK_SHARED : it->second;
}

// Why the launch is refused, or null when the kernel's own limits allow it.
inline const char* kernel_limit_exceeded(const char* name, const void* kernel, const dim3& block,
                                         std::size_t shared_bytes) {
  const unsigned long long threads = 1ull * block.x * block.y * block.z;
  const auto& bounds = declared_launch_bounds();
  const std::string base = kernel_base_name(name);
  if (const auto it = bounds.find(base); it != bounds.end() && threads > it->second)
    return "more threads per block than the kernel's __launch_bounds__";
  bool opted_in = false;
  if (kernel && shared_bytes > dynamic_shared_limit(kernel, &opted_in))
    return "more dynamic shared memory than the kernel may take (cudaFuncAttributeMaxDynamicSharedMemorySize)";
  // Static and dynamic together: 48 KiB a block, or what it can opt into.
  const std::size_t block_limit = opted_in ? KQ_SIM_MAX_BLOCK_SHARED_OPTIN : KQ_SIM_DEFAULT_BLOCK_SHARED;
  if (declared_static_shared(base) + shared_bytes > block_limit)
    return "more shared memory, static and dynamic together, than a block may have";
  return nullptr;
}

}  // namespace kq::sim::detail
