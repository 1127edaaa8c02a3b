#pragma once
// The thread-block and tile parts of cooperative_groups on the simulator.
// Grid-wide groups (this_grid().sync()) are not available.
#include <type_traits>

#include "kq/sim/sync.hpp"

namespace cooperative_groups {

class thread_block {
 public:
  void sync() const { __syncthreads(__builtin_LINE(), __builtin_FILE()); }
  unsigned thread_rank() const { return threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z); }
  unsigned size() const { return blockDim.x * blockDim.y * blockDim.z; }
  unsigned num_threads() const { return size(); }
  dim3 group_index() const { return dim3(blockIdx); }
  dim3 thread_index() const { return dim3(threadIdx); }
  dim3 group_dim() const { return blockDim; }
  dim3 dim_threads() const { return blockDim; }
};

inline thread_block this_thread_block() { return thread_block(); }
inline void sync(const thread_block& g) { g.sync(); }

// A tile of Size consecutive threads of the block (Size divides the warp).
template <unsigned Size, class Parent = void>
class thread_block_tile {
  static_assert(Size >= 1 && Size <= KQ_SIM_WARP_SIZE && (Size & (Size - 1)) == 0, "tile size must be a power of two up to the warp size");

 public:
  static constexpr unsigned num_threads() { return Size; }
  static constexpr unsigned size() { return Size; }
  unsigned thread_rank() const { return this_thread_block().thread_rank() % Size; }
  unsigned meta_group_rank() const { return this_thread_block().thread_rank() / Size; }
  unsigned meta_group_size() const { return (this_thread_block().size() + Size - 1) / Size; }
  void sync() const { __syncwarp(mask()); }
  template <class T> T shfl(T v, int src) const { return __shfl_sync(mask(), v, src, Size); }
  template <class T> T shfl_down(T v, unsigned d) const { return __shfl_down_sync(mask(), v, d, Size); }
  template <class T> T shfl_up(T v, unsigned d) const { return __shfl_up_sync(mask(), v, d, Size); }
  template <class T> T shfl_xor(T v, int m) const { return __shfl_xor_sync(mask(), v, m, Size); }
  unsigned long long ballot(int pred) const {
    return (__ballot_sync(mask(), pred) >> first_lane()) & low_bits();
  }
  bool any(int pred) const { return __any_sync(mask(), pred) != 0; }
  bool all(int pred) const { return __all_sync(mask(), pred) != 0; }

 private:
  static constexpr unsigned long long low_bits() { return Size >= 64 ? ~0ull : ((1ull << Size) - 1); }
  unsigned first_lane() const { return (this_thread_block().thread_rank() % KQ_SIM_WARP_SIZE) / Size * Size; }
  unsigned long long mask() const { return low_bits() << first_lane(); }
};

template <unsigned Size, class Parent>
inline thread_block_tile<Size> tiled_partition(const Parent&) {
  return thread_block_tile<Size>();
}

template <class T>
struct plus {
  T operator()(const T& a, const T& b) const { return a + b; }
};
template <class T>
struct less {
  T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};
template <class T>
struct greater {
  T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};

// cg::reduce over a tile: butterfly with xor shuffles, every lane gets the result.
template <class Tile, class T, class Op>
T reduce(const Tile& tile, T value, Op op) {
  for (unsigned offset = Tile::size() / 2; offset > 0; offset /= 2) value = op(value, tile.shfl_xor(value, offset));
  return value;
}

}  // namespace cooperative_groups
