#pragma once
// Fibers for simulated GPU threads: Boost.Context fibers on stacks taken from
// a per-OS-thread pool, with the AddressSanitizer stack-switch annotations
// (Boost's fcontext fibers carry none), so ASan follows each switch and
// reports no false stack errors.
#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/fiber.hpp>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define KQ_SIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KQ_SIM_ASAN 1
#endif
#endif
#ifndef KQ_SIM_ASAN
#define KQ_SIM_ASAN 0
#endif
#if KQ_SIM_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

namespace kq::sim::detail {

namespace ctx = boost::context;

// Stack size of one simulated thread: KQ_SIM_STACK_KB, 1 MiB by default, so
// that recursion and local arrays up to the GPU's 512 KiB of local memory per
// thread still fit with AddressSanitizer's redzones. Pages are reserved, not
// committed, so unused depth costs nothing.
inline std::size_t fiber_stack_bytes() {
  static const std::size_t bytes = [] {
    std::size_t kb = 1024;
    if (const char* env = std::getenv("KQ_SIM_STACK_KB")) kb = std::strtoul(env, nullptr, 10);
    if (kb < 32) kb = 32;
    return kb * 1024;
  }();
  return bytes;
}

// Stacks are mapped once per OS thread and reused; the lowest page is a guard
// page so a simulated thread that overflows its stack faults at once.
class StackPool {
 public:
  static constexpr std::size_t kAsanDirtyTopBytes = 16 * 1024;

  ctx::stack_context take() {
    ctx::stack_context sc;
    const std::size_t size = fiber_stack_bytes();
    if (!free_.empty()) {
      sc.sp = free_.back();
      free_.pop_back();
    } else {
      void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (base == MAP_FAILED) {
        std::fprintf(stderr, "kq-sim: cannot map a %zu-byte fiber stack\n", size);
        std::_Exit(3);
      }
      ::mprotect(base, static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), PROT_NONE);
      sc.sp = static_cast<char*>(base) + size;
    }
    sc.size = size;
    last_bottom_ = static_cast<char*>(sc.sp) - size;
#if KQ_SIM_ASAN
    // A stack whose last fiber ended still carries the redzone poison of the
    // frames that never returned: Boost's fiber entry frames at the very top.
    // Every simulated thread's own frames returned (and unpoisoned) before.
    const std::size_t top = size < kAsanDirtyTopBytes ? size - 4096 : kAsanDirtyTopBytes;
    __asan_unpoison_memory_region(static_cast<char*>(sc.sp) - top, top);
#endif
    return sc;
  }
  void give_back(ctx::stack_context& sc) { free_.push_back(sc.sp); }
  // Lowest address of the stack handed out last (for the ASan annotations).
  const void* last_bottom() const { return last_bottom_; }

 private:
  std::vector<void*> free_;
  const void* last_bottom_ = nullptr;
};

inline StackPool& stack_pool() {
  static thread_local StackPool pool;
  return pool;
}

// Boost.Context StackAllocator backed by the per-thread pool.
struct PooledStack {
  ctx::stack_context allocate() { return stack_pool().take(); }
  void deallocate(ctx::stack_context& sc) noexcept { stack_pool().give_back(sc); }
};

// Where the scheduler's own stack lies, learnt when a fiber is first entered.
struct StackBounds {
  const void* bottom = nullptr;
  std::size_t size = 0;
};

inline StackBounds& scheduler_stack() {
  static thread_local StackBounds bounds;
  return bounds;
}

// Scheduler -> fiber. Returns what the fiber hands back (empty when it ended).
inline ctx::fiber switch_into(ctx::fiber&& target, const void* stack_bottom, std::size_t stack_size) {
#if KQ_SIM_ASAN
  void* fake = nullptr;
  __sanitizer_start_switch_fiber(&fake, stack_bottom, stack_size);
  ctx::fiber back = std::move(target).resume();
  __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
  return back;
#else
  (void)stack_bottom;
  (void)stack_size;
  return std::move(target).resume();
#endif
}

// First thing a fiber does: complete the switch and note the scheduler stack.
inline void on_fiber_entry() {
#if KQ_SIM_ASAN
  StackBounds& s = scheduler_stack();
  __sanitizer_finish_switch_fiber(nullptr, &s.bottom, &s.size);
#endif
}

// Fiber -> scheduler, the fiber to be resumed later.
inline ctx::fiber switch_out(ctx::fiber&& scheduler) {
#if KQ_SIM_ASAN
  void* fake = nullptr;
  const StackBounds& s = scheduler_stack();
  __sanitizer_start_switch_fiber(&fake, s.bottom, s.size);
  ctx::fiber back = std::move(scheduler).resume();
  __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
  return back;
#else
  return std::move(scheduler).resume();
#endif
}

// Last thing a fiber does before returning the scheduler continuation.
inline void on_fiber_exit() {
#if KQ_SIM_ASAN
  const StackBounds& s = scheduler_stack();
  __sanitizer_start_switch_fiber(nullptr, s.bottom, s.size);
#endif
}

}  // namespace kq::sim::detail
