#pragma once
// Dynamic shared memory. All `extern __shared__` arrays of a kernel start at
// the same address, the per-OS-thread buffer below; a block sees the first
// `shared_bytes` of it (what the launch asked for). Each name a unit declares
// with `extern __shared__` needs one KQ_SIM_DEFINE_DYNAMIC_SHARED(name) in the
// translation unit (anywhere; the build passes the names it found with
// -DKQ_SIM_EXTERN_SHARED_NAMES=a,b,... and they are defined at the end of
// cpu_sim.hpp), and the unit is compiled with -fno-extern-tls-init.
#include <cstddef>

#ifndef KQ_SIM_MAX_DYNAMIC_SHARED
#define KQ_SIM_MAX_DYNAMIC_SHARED (228 * 1024)
#endif

// Internal linkage (static) so the alias below can name it: "_ZL" + length +
// the identifier is its assembler name.
alignas(16) static thread_local unsigned char kq_sim_dynamic_shared_storage[KQ_SIM_MAX_DYNAMIC_SHARED];

#define KQ_SIM_DEFINE_DYNAMIC_SHARED(name)                                                          \
  extern thread_local unsigned char kq_sim_dynamic_shared_alias_##name[KQ_SIM_MAX_DYNAMIC_SHARED] \
      __asm__(#name) __attribute__((alias("_ZL29kq_sim_dynamic_shared_storage")));

#define HIP_DYNAMIC_SHARED(type, var) type* var = reinterpret_cast<type*>(kq_sim_dynamic_shared_storage);
#define HIP_DYNAMIC_SHARED_ATTRIBUTE

namespace kq::sim {
// The dynamic shared memory of the running block.
inline void* dynamic_shared() { return kq_sim_dynamic_shared_storage; }
}  // namespace kq::sim

// Up to 16 names from -DKQ_SIM_EXTERN_SHARED_NAMES=a,b,c.
#define KQ_SIM_DS_1(a) KQ_SIM_DEFINE_DYNAMIC_SHARED(a)
#define KQ_SIM_DS_2(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_1(__VA_ARGS__)
#define KQ_SIM_DS_3(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_2(__VA_ARGS__)
#define KQ_SIM_DS_4(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_3(__VA_ARGS__)
#define KQ_SIM_DS_5(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_4(__VA_ARGS__)
#define KQ_SIM_DS_6(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_5(__VA_ARGS__)
#define KQ_SIM_DS_7(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_6(__VA_ARGS__)
#define KQ_SIM_DS_8(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_7(__VA_ARGS__)
#define KQ_SIM_DS_9(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_8(__VA_ARGS__)
#define KQ_SIM_DS_10(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_9(__VA_ARGS__)
#define KQ_SIM_DS_11(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_10(__VA_ARGS__)
#define KQ_SIM_DS_12(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_11(__VA_ARGS__)
#define KQ_SIM_DS_13(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_12(__VA_ARGS__)
#define KQ_SIM_DS_14(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_13(__VA_ARGS__)
#define KQ_SIM_DS_15(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_14(__VA_ARGS__)
#define KQ_SIM_DS_16(a, ...) KQ_SIM_DS_1(a) KQ_SIM_DS_15(__VA_ARGS__)
#define KQ_SIM_DS_PICK(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, N, ...) N
#define KQ_SIM_DEFINE_DYNAMIC_SHARED_LIST(...)                                                          \
  KQ_SIM_DS_PICK(__VA_ARGS__, KQ_SIM_DS_16, KQ_SIM_DS_15, KQ_SIM_DS_14, KQ_SIM_DS_13, KQ_SIM_DS_12,  \
                 KQ_SIM_DS_11, KQ_SIM_DS_10, KQ_SIM_DS_9, KQ_SIM_DS_8, KQ_SIM_DS_7, KQ_SIM_DS_6,     \
                 KQ_SIM_DS_5, KQ_SIM_DS_4, KQ_SIM_DS_3, KQ_SIM_DS_2, KQ_SIM_DS_1, unused)(__VA_ARGS__)
