#pragma once
// Kernel launch: checks the configuration like the CUDA runtime does, then
// hands the blocks, in schedule order, to the worker pool; each worker runs
// its blocks one at a time (see block.hpp). Launches are synchronous.
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "kq/sim/block.hpp"
#include "kq/sim/dynamic_shared.hpp"
#include "kq/sim/errors.hpp"
#include "kq/sim/grid_sync.hpp"
#include "kq/sim/limits.hpp"
#include "kq/sim/pool.hpp"
#include "kq/sim/schedule.hpp"

namespace kq::sim {

namespace detail {

// The name of the kernel running now, for diagnostics (null between launches).
inline std::atomic<const char*>& running_kernel() {
  static std::atomic<const char*> name{nullptr};
  return name;
}

inline BarrierMode barrier_mode_from_env() {
  const char* env = std::getenv("KQ_SIM_BARRIER");
  // Exited threads count as arrived by default, as on NVIDIA and AMD hardware:
  // real kernels return early for out-of-range threads and then meet at a
  // barrier. `strict` flags that pattern too, for authors who want to avoid it.
  if (env && std::strcmp(env, "strict") == 0) return BarrierMode::Strict;
  return BarrierMode::ExitedArrive;
}

// The H200 with CUDA 13 answers a block of more than 1024 threads with
// cudaErrorInvalidValue, like a kernel's own limits; an empty or oversized
// grid with cudaErrorInvalidConfiguration.
inline cudaError_t check_config(const KernelCall& call, const dim3& grid, const dim3& block, std::size_t shared_bytes) {
  const unsigned long long threads = 1ull * block.x * block.y * block.z;
  if (threads == 0) return cudaErrorInvalidConfiguration;
  if (threads > 1024 || block.x > 1024 || block.y > 1024 || block.z > 64) return cudaErrorInvalidValue;
  if (grid.x == 0 || grid.y == 0 || grid.z == 0 || grid.x > 0x7fffffffu || grid.y > 65535 || grid.z > 65535)
    return cudaErrorInvalidConfiguration;
  if (shared_bytes > KQ_SIM_MAX_DYNAMIC_SHARED) return cudaErrorInvalidValue;
  if (const char* why = kernel_limit_exceeded(call.name, call.kernel, block, shared_bytes)) {
    if (std::getenv("KQ_SIM_VERBOSE"))
      std::fprintf(stderr, "kq-sim: launch of '%s' refused: %s\n", call.name, why);
    return cudaErrorInvalidValue;
  }
  return cudaSuccess;
}

struct LaunchPlan {
  KernelCall call;
  dim3 grid, block;
  std::size_t shared_bytes = 0;
  Schedule schedule;
  BarrierMode mode = BarrierMode::Strict;
  std::vector<unsigned> block_order;   // linear block ids
  std::vector<unsigned> thread_order;  // forward/reverse: shared by all blocks
  std::atomic<std::size_t> next_block{0};
};

inline void run_blocks_on_worker(LaunchPlan& plan) {
  static thread_local std::vector<ThreadSlot> slots;
  static thread_local std::vector<unsigned> shuffled;
  const unsigned nthreads = plan.block.x * plan.block.y * plan.block.z;
  if (slots.size() < nthreads) slots.resize(nthreads);
  blockDim = plan.block;
  gridDim = plan.grid;
  for (;;) {
    const std::size_t i = plan.next_block.fetch_add(1, std::memory_order_relaxed);
    if (i >= plan.block_order.size()) break;
    const unsigned linear = plan.block_order[i];
    BlockRun b;
    b.call = plan.call;
    b.mode = plan.mode;
    b.block = uint3{linear % plan.grid.x, (linear / plan.grid.x) % plan.grid.y, linear / (plan.grid.x * plan.grid.y)};
    b.dims = plan.block;
    b.nthreads = nthreads;
    b.slots = &slots;
    if (plan.schedule.kind == Schedule::Kind::Shuffle) {
      make_order(shuffled, nthreads, plan.schedule, linear + 1);
      b.order = &shuffled;
    } else {
      b.order = &plan.thread_order;
    }
    blockIdx = b.block;
    run_block(b);
  }
}

// A cooperative launch's grid must be resident at once: on the GPU (see
// grid_sync.hpp), and here, where each block needs its own OS thread.
inline cudaError_t check_cooperative(const KernelCall& call, const dim3& grid, const dim3& block,
                                     std::size_t shared_bytes) {
  const unsigned long long nblocks = 1ull * grid.x * grid.y * grid.z;
  const std::size_t shared = shared_bytes + declared_static_shared(kernel_base_name(call.name));
  if (!cooperative_grid_fits(nblocks, 1ull * block.x * block.y * block.z, shared))
    return cudaErrorCooperativeLaunchTooLarge;
  if (WorkerPool::instance().reserve(static_cast<unsigned>(nblocks)) < nblocks) {
    std::fprintf(stderr,
                 "kq-sim: the cooperative launch of '%s' runs each of its %llu blocks on an OS thread, and the "
                 "process may not start that many\n",
                 call.name, nblocks);
    std::abort();
  }
  return cudaSuccess;
}

inline void launch_call(const KernelCall& call, dim3 grid, dim3 block, std::size_t shared_bytes,
                        bool cooperative = false) {
  static std::mutex one_launch_at_a_time;
  cudaError_t e = check_config(call, grid, block, shared_bytes);
  if (e == cudaSuccess && cooperative) e = check_cooperative(call, grid, block, shared_bytes);
  if (e != cudaSuccess) {
    record_error(e);
    return;
  }
  std::lock_guard<std::mutex> lock(one_launch_at_a_time);
  LaunchPlan plan;
  plan.call = call;
  plan.grid = grid;
  plan.block = block;
  plan.shared_bytes = shared_bytes;
  plan.schedule = schedule_from_env();
  plan.mode = barrier_mode_from_env();
  const unsigned long long nblocks = 1ull * grid.x * grid.y * grid.z;
  make_order(plan.block_order, static_cast<unsigned>(nblocks), plan.schedule, 0);
  make_order(plan.thread_order, block.x * block.y * block.z, plan.schedule, 1);
  // Cooperative: one worker per block, so every block is resident at once.
  const unsigned workers = static_cast<unsigned>(
      cooperative ? nblocks : std::min<unsigned long long>(worker_threads_from_env(), nblocks));
  GridBarrier barrier(nblocks);
  if (cooperative) cooperative_barrier() = &barrier;
  running_kernel().store(call.name);
  WorkerPool::instance().run(workers, [&plan](unsigned) { run_blocks_on_worker(plan); });
  running_kernel().store(nullptr);
  cooperative_barrier() = nullptr;
}

// The kernel and its arguments, converted to the parameter types once; each
// simulated thread calls the kernel with its own copies, as on a GPU.
template <class... P>
struct KernelClosure {
  void (*kernel)(P...);
  std::tuple<std::decay_t<P>...> args;
  static void invoke(const void* self) {
    const KernelClosure& c = *static_cast<const KernelClosure*>(self);
    std::apply(c.kernel, c.args);
  }
};

}  // namespace detail

// Runs kernel<<<grid, block, shared_bytes>>>(args...) to completion.
template <class... P, class... A>
void launch_named(const char* name, void (*kernel)(P...), dim3 grid, dim3 block, std::size_t shared_bytes,
                  A&&... args) {
  static_assert(sizeof...(P) == sizeof...(A), "kernel launched with the wrong number of arguments");
  detail::KernelClosure<P...> closure{kernel, std::tuple<std::decay_t<P>...>(std::forward<A>(args)...)};
  detail::launch_call(detail::KernelCall{&detail::KernelClosure<P...>::invoke, &closure, name,
                                         reinterpret_cast<const void*>(kernel)},
                      grid, block,
                      shared_bytes);
}

namespace detail {
template <class... P, std::size_t... I>
std::tuple<std::decay_t<P>...> args_from_pointers(void** args, std::index_sequence<I...>) {
  return std::tuple<std::decay_t<P>...>(*static_cast<std::decay_t<P>*>(args[I])...);
}
}  // namespace detail

// The cudaLaunchKernel form: args[i] points at the i-th argument;
// cooperative as cudaLaunchCooperativeKernel launches.
template <class... P>
void launch_with_pointers(const char* name, void (*kernel)(P...), dim3 grid, dim3 block, std::size_t shared_bytes,
                          void** args, bool cooperative = false) {
  detail::KernelClosure<P...> closure{kernel, detail::args_from_pointers<P...>(args, std::index_sequence_for<P...>{})};
  detail::launch_call(detail::KernelCall{&detail::KernelClosure<P...>::invoke, &closure, name,
                                         reinterpret_cast<const void*>(kernel)},
                      grid, block, shared_bytes, cooperative);
}

template <class... P, class... A>
void launch(void (*kernel)(P...), dim3 grid, dim3 block, std::size_t shared_bytes, A&&... args) {
  launch_named("kernel", kernel, grid, block, shared_bytes, std::forward<A>(args)...);
}

}  // namespace kq::sim

// k<<<g, b, s, st>>>(args...) is written KQ_LAUNCH(k, g, b, s, args...); a
// kernel name with template arguments goes in parentheses: KQ_LAUNCH((k<T, 4>), ...).
#define KQ_LAUNCH(k, grid, block, shared, ...) \
  ::kq::sim::launch_named(#k, k, grid, block, static_cast<std::size_t>(shared), ##__VA_ARGS__)
#define KQ_LAUNCH_STREAM(k, grid, block, shared, stream, ...) \
  ((void)(stream), KQ_LAUNCH(k, grid, block, shared, ##__VA_ARGS__))
#define hipLaunchKernelGGL(k, grid, block, shared, stream, ...) \
  ((void)(stream), ::kq::sim::launch_named(#k, k, grid, block, static_cast<std::size_t>(shared), ##__VA_ARGS__))
