#pragma once
// Runs one thread block: every simulated thread is a fiber that switches only
// at a barrier or a warp collective. A fiber runs threads one after another
// until one of them waits; only then does the scheduler start another fiber
// for the threads not yet started, so a kernel without barriers costs one
// fiber per block. When no thread can go on and some have not finished, the
// block is stuck (divergent barrier) and the run stops with a report.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "kq/sim/fiber.hpp"
#include "kq/sim/keywords.hpp"

namespace kq::sim::detail {

enum class ThreadState : std::uint8_t { Unstarted, Running, Ready, AtBarrier, AtWarp, Done };

struct ThreadSlot;
// Computes the results of one warp collective once every participant is in:
// lanes[i] is the slot of lane i, or null when lane i does not take part.
using WarpResolver = void (*)(ThreadSlot* const* lanes, int width);

struct ThreadSlot {
  ThreadState state = ThreadState::Unstarted;
  // Block barrier: where it was called and the predicate for _count/_and/_or.
  int barrier_line = 0;
  const char* barrier_file = "";
  int barrier_pred = 0;
  int barrier_result = 0;
  // Warp collective: its resolver, lane mask, integer argument, data in/out.
  WarpResolver warp_op = nullptr;
  lane_mask_t warp_mask = 0;
  int warp_arg = 0;
  int warp_width = 0;
  alignas(16) unsigned char warp_in[16];
  alignas(16) unsigned char warp_out[16];
  // Suspended fiber of this thread and its stack.
  ctx::fiber fiber;
  const void* stack_bottom = nullptr;
};

// How to run the kernel body once for the current simulated thread.
struct KernelCall {
  void (*invoke)(const void* closure) = nullptr;
  const void* closure = nullptr;
  const char* name = "";
  const void* kernel = nullptr;  // the kernel function, for its per-kernel attributes
};

enum class BarrierMode { Strict, ExitedArrive };

struct BlockRun {
  KernelCall call;
  BarrierMode mode = BarrierMode::Strict;
  uint3 block{0, 0, 0};
  dim3 dims{1, 1, 1};
  unsigned nthreads = 0;
  std::vector<ThreadSlot>* slots = nullptr;
  const std::vector<unsigned>* order = nullptr;  // linear thread ids, in schedule order
  unsigned next_unstarted = 0;
  unsigned done = 0;
  unsigned at_barrier = 0;
  unsigned at_warp = 0;              // threads waiting at a warp collective
  unsigned current = 0;              // linear id of the thread running now
  const void* current_stack = nullptr;
  ctx::fiber scheduler;              // way back to the scheduler while a fiber runs
};

inline thread_local BlockRun* t_block = nullptr;

inline void set_thread_index(const BlockRun& b, unsigned linear) {
  if (b.dims.y == 1 && b.dims.z == 1) {  // 1-D blocks: no divisions
    threadIdx.x = linear;
    return;
  }
  threadIdx.x = linear % b.dims.x;
  threadIdx.y = (linear / b.dims.x) % b.dims.y;
  threadIdx.z = linear / (b.dims.x * b.dims.y);
}

[[noreturn]] inline void fail_block(const BlockRun& b, const char* what, const char* detail) {
  std::fprintf(stderr, "kq-sim: %s in kernel '%s' block (%u,%u,%u)%s%s\n", what, b.call.name, b.block.x,
               b.block.y, b.block.z, detail[0] ? ": " : "", detail);
  std::fflush(stderr);
  std::_Exit(3);
}

// Suspends the running simulated thread until the scheduler resumes it.
inline void suspend_current(BlockRun& b) {
  b.scheduler = switch_out(std::move(b.scheduler));
}

// ---- block barrier -------------------------------------------------------

enum BarrierKind { BarrierPlain = 0, BarrierCount = 1, BarrierAnd = 2, BarrierOr = 3 };

inline bool barrier_complete(const BlockRun& b) {
  if (b.at_barrier == 0) return false;
  if (b.mode == BarrierMode::ExitedArrive) return b.at_barrier + b.done == b.nthreads;
  return b.at_barrier == b.nthreads;
}

inline void release_barrier(BlockRun& b) {
  std::vector<ThreadSlot>& slots = *b.slots;
  const ThreadSlot* first = nullptr;
  int count = 0;
  for (unsigned t = 0; t < b.nthreads; ++t) {
    ThreadSlot& s = slots[t];
    if (s.state != ThreadState::AtBarrier) continue;
    if (first && (first->barrier_line != s.barrier_line ||
                  (first->barrier_file != s.barrier_file && std::strcmp(first->barrier_file, s.barrier_file) != 0))) {
      char detail[512];
      std::snprintf(detail, sizeof detail, "threads wait at different __syncthreads (%s:%d and %s:%d)",
                    first->barrier_file, first->barrier_line, s.barrier_file, s.barrier_line);
      fail_block(b, "barrier divergence", detail);
    }
    if (!first) first = &s;
    count += s.barrier_pred != 0;
  }
  for (unsigned t = 0; t < b.nthreads; ++t) {
    ThreadSlot& s = slots[t];
    if (s.state != ThreadState::AtBarrier) continue;
    s.barrier_result = count;
    s.state = ThreadState::Ready;
  }
  b.at_barrier = 0;
}

// Called by a simulated thread at __syncthreads*; returns the number of
// threads whose predicate was non-zero.
inline int block_barrier(int pred, int line, const char* file) {
  BlockRun& b = *t_block;
  ThreadSlot& me = (*b.slots)[b.current];
  me.state = ThreadState::AtBarrier;
  me.barrier_line = line;
  me.barrier_file = file;
  me.barrier_pred = pred;
  ++b.at_barrier;
  if (barrier_complete(b)) {
    release_barrier(b);
    me.state = ThreadState::Running;
  } else {
    suspend_current(b);
  }
  return me.barrier_result;
}

// ---- warp collectives ----------------------------------------------------

inline unsigned warp_of(unsigned linear) { return linear / KQ_SIM_WARP_SIZE; }

// Gathers the participants of the current thread's collective; false while
// some participant has not arrived.
inline bool gather_warp(BlockRun& b, ThreadSlot* lanes[KQ_SIM_WARP_SIZE]) {
  std::vector<ThreadSlot>& slots = *b.slots;
  const ThreadSlot& me = slots[b.current];
  const unsigned first = warp_of(b.current) * KQ_SIM_WARP_SIZE;
  for (unsigned lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane) {
    lanes[lane] = nullptr;
    const unsigned t = first + lane;
    if (t >= b.nthreads || !((me.warp_mask >> lane) & 1u)) continue;
    ThreadSlot& s = slots[t];
    if (s.state == ThreadState::Done) continue;
    if (s.state != ThreadState::AtWarp || s.warp_op != me.warp_op) return false;
    lanes[lane] = &s;
  }
  return true;
}

inline bool try_resolve_warp(BlockRun& b) {
  ThreadSlot* lanes[KQ_SIM_WARP_SIZE];
  if (!gather_warp(b, lanes)) return false;
  const ThreadSlot& me = (*b.slots)[b.current];
  me.warp_op(lanes, me.warp_width);
  for (ThreadSlot* s : lanes) {
    if (!s) continue;
    s->state = ThreadState::Ready;
    --b.at_warp;
  }
  return true;
}

// Called by a simulated thread at a warp collective whose inputs are already
// in its slot; on return the slot's warp_out holds this lane's result.
inline ThreadSlot& warp_collective(WarpResolver op, lane_mask_t mask, int arg, int width, const void* in,
                                   std::size_t bytes) {
  BlockRun& b = *t_block;
  ThreadSlot& me = (*b.slots)[b.current];
  const unsigned lane = b.current % KQ_SIM_WARP_SIZE;
  if (!((mask >> lane) & 1u)) mask = full_lane_mask;  // a lane always takes part in its own call
  me.warp_op = op;
  me.warp_mask = mask;
  me.warp_arg = arg;
  me.warp_width = (width <= 0 || width > KQ_SIM_WARP_SIZE) ? KQ_SIM_WARP_SIZE : width;
  if (bytes) std::memcpy(me.warp_in, in, bytes);
  me.state = ThreadState::AtWarp;
  ++b.at_warp;
  if (try_resolve_warp(b))
    me.state = ThreadState::Running;
  else
    suspend_current(b);
  return me;
}

// ---- thread exit ---------------------------------------------------------

inline void on_thread_exit(BlockRun& b) {
  (*b.slots)[b.current].state = ThreadState::Done;
  ++b.done;
  if (barrier_complete(b)) release_barrier(b);
  if (b.at_warp == 0) return;
  // Lanes waiting for this one at a warp collective may now be complete.
  const unsigned first = warp_of(b.current) * KQ_SIM_WARP_SIZE;
  std::vector<ThreadSlot>& slots = *b.slots;
  const unsigned saved = b.current;
  for (unsigned t = first; t < first + KQ_SIM_WARP_SIZE && t < b.nthreads; ++t) {
    if (slots[t].state != ThreadState::AtWarp) continue;
    b.current = t;
    const bool resolved = try_resolve_warp(b);
    b.current = saved;
    if (resolved) break;
  }
}

// ---- the fiber body and the scheduler ------------------------------------

inline void run_threads_in_fiber(BlockRun& b) {
  while (b.next_unstarted < b.nthreads) {
    const unsigned t = (*b.order)[b.next_unstarted++];
    b.current = t;
    (*b.slots)[t].state = ThreadState::Running;
    set_thread_index(b, t);
    b.call.invoke(b.call.closure);
    on_thread_exit(b);
  }
}

inline ctx::fiber fiber_body(ctx::fiber&& scheduler) {
  on_fiber_entry();
  BlockRun& b = *t_block;
  b.scheduler = std::move(scheduler);
  run_threads_in_fiber(b);
  on_fiber_exit();
  return std::move(b.scheduler);
}

// After a fiber hands control back: park it with the thread that waits.
inline void park(BlockRun& b, ctx::fiber&& back) {
  if (!back) return;  // the fiber ran out of threads and ended
  ThreadSlot& s = (*b.slots)[b.current];
  s.fiber = std::move(back);
  s.stack_bottom = b.current_stack;
}

inline void start_fiber(BlockRun& b) {
  ctx::fiber f{std::allocator_arg, PooledStack{}, fiber_body};
  b.current_stack = stack_pool().last_bottom();  // the stack the constructor just took
  park(b, switch_into(std::move(f), b.current_stack, fiber_stack_bytes()));
}

inline void resume_thread(BlockRun& b, unsigned t) {
  ThreadSlot& s = (*b.slots)[t];
  ctx::fiber f = std::move(s.fiber);
  b.current = t;
  b.current_stack = s.stack_bottom;
  s.state = ThreadState::Running;
  set_thread_index(b, t);
  park(b, switch_into(std::move(f), s.stack_bottom, fiber_stack_bytes()));
}

[[noreturn]] inline void report_stuck_block(const BlockRun& b) {
  const std::vector<ThreadSlot>& slots = *b.slots;
  unsigned barrier = 0, warp = 0;
  const ThreadSlot* at = nullptr;
  for (unsigned t = 0; t < b.nthreads; ++t) {
    if (slots[t].state == ThreadState::AtBarrier) {
      ++barrier;
      if (!at) at = &slots[t];
    }
    if (slots[t].state == ThreadState::AtWarp) ++warp;
  }
  char detail[512];
  if (barrier) {
    std::snprintf(detail, sizeof detail,
                  "%u of %u threads wait at __syncthreads (%s:%d) while %u exited and %u wait at a warp collective",
                  barrier, b.nthreads, at->barrier_file, at->barrier_line, b.done, warp);
    fail_block(b, "barrier divergence", detail);
  }
  std::snprintf(detail, sizeof detail, "%u threads wait at a warp collective that part of their warp never reaches",
                warp);
  fail_block(b, "warp divergence", detail);
}

inline void run_block(BlockRun& b) {
  t_block = &b;
  std::vector<ThreadSlot>& slots = *b.slots;
  for (unsigned t = 0; t < b.nthreads; ++t) slots[t].state = ThreadState::Unstarted;
  for (;;) {
    bool progress = false;
    while (b.next_unstarted < b.nthreads) {  // each fiber runs threads until one waits
      start_fiber(b);
      progress = true;
    }
    for (unsigned i = 0; i < b.nthreads; ++i) {
      const unsigned t = (*b.order)[i];
      if (slots[t].state != ThreadState::Ready || !slots[t].fiber) continue;
      resume_thread(b, t);
      progress = true;
    }
    if (b.done == b.nthreads) break;
    if (!progress) report_stuck_block(b);
  }
  t_block = nullptr;
}

}  // namespace kq::sim::detail
