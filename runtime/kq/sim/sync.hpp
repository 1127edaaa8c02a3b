#pragma once
// Block barriers and warp collectives as seen by kernel code. Each call site
// of __syncthreads is identified by file and line (GCC's __builtin_FILE and
// __builtin_LINE as default arguments), so threads waiting at different
// barriers are reported as divergence instead of silently meeting.
#include <atomic>
#include <cstring>
#include <type_traits>

#include "kq/sim/block.hpp"

inline void __syncthreads(int line = __builtin_LINE(), const char* file = __builtin_FILE()) {
  ::kq::sim::detail::block_barrier(1, line, file);
}
inline int __syncthreads_count(int pred, int line = __builtin_LINE(), const char* file = __builtin_FILE()) {
  return ::kq::sim::detail::block_barrier(pred != 0, line, file);
}
inline int __syncthreads_and(int pred, int line = __builtin_LINE(), const char* file = __builtin_FILE()) {
  const int n = ::kq::sim::detail::block_barrier(pred != 0, line, file);
  return n == static_cast<int>(::kq::sim::detail::t_block->nthreads);
}
inline int __syncthreads_or(int pred, int line = __builtin_LINE(), const char* file = __builtin_FILE()) {
  return ::kq::sim::detail::block_barrier(pred != 0, line, file) != 0;
}

inline void __threadfence() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline void __threadfence_block() { std::atomic_thread_fence(std::memory_order_seq_cst); }
inline void __threadfence_system() { std::atomic_thread_fence(std::memory_order_seq_cst); }

namespace kq::sim::detail {

template <class T>
T load_bytes(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// Source lane of each shuffle flavour, or -1 for "keep my own value".
enum ShuffleKind { ShuffleIdx, ShuffleUp, ShuffleDown, ShuffleXor };

template <int Kind>
inline int shuffle_source(int lane, int arg, int width) {
  const int base = lane & ~(width - 1);
  const int in_segment = lane - base;
  switch (Kind) {
    case ShuffleIdx: return base + (arg & (width - 1));
    case ShuffleUp: return in_segment - arg < 0 ? lane : lane - arg;
    case ShuffleDown: return in_segment + arg >= width ? lane : lane + arg;
    default: {
      const int src = lane ^ arg;
      return (src & ~(width - 1)) > base ? lane : src;
    }
  }
}

template <int Kind, std::size_t Bytes>
void resolve_shuffle(ThreadSlot* const* lanes, int width) {
  for (int lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane) {
    ThreadSlot* s = lanes[lane];
    if (!s) continue;
    const int src = shuffle_source<Kind>(lane, s->warp_arg, width);
    const ThreadSlot* from = (src >= 0 && src < KQ_SIM_WARP_SIZE) ? lanes[src] : nullptr;
    if (from)
      std::memcpy(s->warp_out, from->warp_in, Bytes);
    else
      std::memset(s->warp_out, 0, Bytes);  // an absent lane reads as zero
  }
}

template <int Kind, class T>
T shuffle(lane_mask_t mask, T value, int arg, int width) {
  static_assert(sizeof(T) <= 16 && std::is_trivially_copyable<T>::value, "shuffle of an unsupported type");
  ThreadSlot& me = warp_collective(&resolve_shuffle<Kind, sizeof(T)>, mask, arg, width, &value, sizeof(T));
  return load_bytes<T>(me.warp_out);
}

// Ballot-like collectives: every lane gets the mask of lanes whose predicate held.
inline void resolve_ballot(ThreadSlot* const* lanes, int) {
  lane_mask_t bits = 0;
  for (int lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane)
    if (lanes[lane] && lanes[lane]->warp_arg) bits |= lane_mask_t{1} << lane;
  for (int lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane)
    if (lanes[lane]) std::memcpy(lanes[lane]->warp_out, &bits, sizeof bits);
}

inline lane_mask_t ballot(lane_mask_t mask, int pred) {
  ThreadSlot& me = warp_collective(&resolve_ballot, mask, pred != 0, 0, nullptr, 0);
  return load_bytes<lane_mask_t>(me.warp_out);
}

inline lane_mask_t participants_of(lane_mask_t mask) {
  const BlockRun& b = *t_block;
  const unsigned first = warp_of(b.current) * KQ_SIM_WARP_SIZE;
  lane_mask_t m = 0;
  for (unsigned lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane) {
    const unsigned t = first + lane;
    if (t < b.nthreads && ((mask >> lane) & 1u) && (*b.slots)[t].state != ThreadState::Done)
      m |= lane_mask_t{1} << lane;
  }
  return m;
}

// Lanes of the current warp that exist and have not exited.
inline lane_mask_t active_lanes() { return participants_of(full_lane_mask); }

// Warp reductions (__reduce_*_sync): the reducer folds every lane's value.
template <class T, class Op>
void resolve_reduce(ThreadSlot* const* lanes, int) {
  bool have = false;
  T acc{};
  for (int lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane) {
    if (!lanes[lane]) continue;
    const T v = load_bytes<T>(lanes[lane]->warp_in);
    acc = have ? Op{}(acc, v) : v;
    have = true;
  }
  for (int lane = 0; lane < KQ_SIM_WARP_SIZE; ++lane)
    if (lanes[lane]) std::memcpy(lanes[lane]->warp_out, &acc, sizeof acc);
}

template <class T, class Op>
T reduce(lane_mask_t mask, T value) {
  ThreadSlot& me = warp_collective(&resolve_reduce<T, Op>, mask, 0, 0, &value, sizeof(T));
  return load_bytes<T>(me.warp_out);
}

struct OpAdd { template <class T> T operator()(T a, T b) const { return a + b; } };
struct OpMin { template <class T> T operator()(T a, T b) const { return b < a ? b : a; } };
struct OpMax { template <class T> T operator()(T a, T b) const { return a < b ? b : a; } };
struct OpAnd { template <class T> T operator()(T a, T b) const { return a & b; } };
struct OpOr { template <class T> T operator()(T a, T b) const { return a | b; } };
struct OpXor { template <class T> T operator()(T a, T b) const { return a ^ b; } };

inline void resolve_none(ThreadSlot* const*, int) {}

}  // namespace kq::sim::detail

// ---- CUDA spellings (mask first) ----------------------------------------
template <class T>
inline T __shfl_sync(unsigned long long mask, T var, int src_lane, int width = warpSize) {
  return ::kq::sim::detail::shuffle<::kq::sim::detail::ShuffleIdx>(static_cast<::kq::sim::lane_mask_t>(mask), var, src_lane, width);
}
template <class T>
inline T __shfl_up_sync(unsigned long long mask, T var, unsigned delta, int width = warpSize) {
  return ::kq::sim::detail::shuffle<::kq::sim::detail::ShuffleUp>(static_cast<::kq::sim::lane_mask_t>(mask), var, static_cast<int>(delta), width);
}
template <class T>
inline T __shfl_down_sync(unsigned long long mask, T var, unsigned delta, int width = warpSize) {
  return ::kq::sim::detail::shuffle<::kq::sim::detail::ShuffleDown>(static_cast<::kq::sim::lane_mask_t>(mask), var, static_cast<int>(delta), width);
}
template <class T>
inline T __shfl_xor_sync(unsigned long long mask, T var, int lane_mask, int width = warpSize) {
  return ::kq::sim::detail::shuffle<::kq::sim::detail::ShuffleXor>(static_cast<::kq::sim::lane_mask_t>(mask), var, lane_mask, width);
}
inline ::kq::sim::lane_mask_t __ballot_sync(unsigned long long mask, int pred) {
  return ::kq::sim::detail::ballot(static_cast<::kq::sim::lane_mask_t>(mask), pred);
}
inline int __any_sync(unsigned long long mask, int pred) {
  return ::kq::sim::detail::ballot(static_cast<::kq::sim::lane_mask_t>(mask), pred) != 0;
}
inline int __all_sync(unsigned long long mask, int pred) {
  const auto m = static_cast<::kq::sim::lane_mask_t>(mask);
  const auto votes = ::kq::sim::detail::ballot(m, pred);
  return votes == ::kq::sim::detail::participants_of(m);
}
inline int __uni_sync(unsigned long long mask, int pred) {
  const auto m = static_cast<::kq::sim::lane_mask_t>(mask);
  const auto votes = ::kq::sim::detail::ballot(m, pred);
  return votes == 0 || votes == ::kq::sim::detail::participants_of(m);
}
inline void __syncwarp(unsigned long long mask = ~0ull) {
  ::kq::sim::detail::warp_collective(&::kq::sim::detail::resolve_none, static_cast<::kq::sim::lane_mask_t>(mask), 0, 0, nullptr, 0);
}
inline ::kq::sim::lane_mask_t __activemask() { return ::kq::sim::detail::active_lanes(); }
inline ::kq::sim::lane_mask_t __lanemask_lt() {
  const unsigned lane = ::kq::sim::detail::t_block->current % KQ_SIM_WARP_SIZE;
  return (::kq::sim::lane_mask_t{1} << lane) - 1;
}

#define KQ_SIM_REDUCE(name, T, Op)                                   \
  inline T name(unsigned long long mask, T value) {                  \
    return ::kq::sim::detail::reduce<T, ::kq::sim::detail::Op>(      \
        static_cast<::kq::sim::lane_mask_t>(mask), value);           \
  }
KQ_SIM_REDUCE(__reduce_add_sync, unsigned, OpAdd)
KQ_SIM_REDUCE(__reduce_add_sync, int, OpAdd)
KQ_SIM_REDUCE(__reduce_min_sync, unsigned, OpMin)
KQ_SIM_REDUCE(__reduce_min_sync, int, OpMin)
KQ_SIM_REDUCE(__reduce_max_sync, unsigned, OpMax)
KQ_SIM_REDUCE(__reduce_max_sync, int, OpMax)
KQ_SIM_REDUCE(__reduce_and_sync, unsigned, OpAnd)
KQ_SIM_REDUCE(__reduce_or_sync, unsigned, OpOr)
KQ_SIM_REDUCE(__reduce_xor_sync, unsigned, OpXor)
#undef KQ_SIM_REDUCE

// ---- HIP legacy spellings (no mask: the whole warp) ----------------------
template <class T>
inline T __shfl(T var, int src_lane, int width = warpSize) { return __shfl_sync(~0ull, var, src_lane, width); }
template <class T>
inline T __shfl_up(T var, unsigned delta, int width = warpSize) { return __shfl_up_sync(~0ull, var, delta, width); }
template <class T>
inline T __shfl_down(T var, unsigned delta, int width = warpSize) { return __shfl_down_sync(~0ull, var, delta, width); }
template <class T>
inline T __shfl_xor(T var, int lane_mask, int width = warpSize) { return __shfl_xor_sync(~0ull, var, lane_mask, width); }
inline unsigned long long __ballot(int pred) { return __ballot_sync(~0ull, pred); }
inline int __any(int pred) { return __any_sync(~0ull, pred); }
inline int __all(int pred) { return __all_sync(~0ull, pred); }
inline unsigned __lane_id() { return ::kq::sim::detail::t_block->current % KQ_SIM_WARP_SIZE; }
