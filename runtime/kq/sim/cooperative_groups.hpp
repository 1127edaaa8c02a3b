#pragma once
// cooperative_groups on the simulator: the thread block, static tiles
// (thread_block_tile<N>) with their shuffles and votes, dynamic tiles
// (tiled_partition(parent, n)), coalesced groups of the active lanes, and the
// collectives reduce / inclusive_scan / exclusive_scan. Grid-wide groups have
// their ranks and sizes everywhere; grid.sync() needs a cooperative launch,
// which runs every block at once (grid_sync.hpp), and stops any other run
// with a diagnostic, as a GPU gives no grid barrier there either.
#include <cstdio>
#include <cstdlib>
#include <type_traits>

#include "kq/sim/grid_sync.hpp"
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

class grid_group {
 public:
  bool is_valid() const { return ::kq::sim::detail::cooperative_barrier() != nullptr; }
  // The block meets first; one of its threads then waits for every other
  // block (holding its OS thread, which runs no other block), and the block
  // meets again, so no thread goes on before the whole grid arrived.
  void sync() const {
    ::kq::sim::detail::GridBarrier* grid = ::kq::sim::detail::cooperative_barrier();
    if (!grid) {
      std::fprintf(stderr, "kq-sim: this_grid().sync() outside a cooperative launch (cudaLaunchCooperativeKernel)\n");
      std::abort();
    }
    this_thread_block().sync();
    if (this_thread_block().thread_rank() == 0) grid->arrive_and_wait();
    this_thread_block().sync();
  }
  unsigned long long thread_rank() const {
    const unsigned long long block = blockIdx.x + 1ull * gridDim.x * (blockIdx.y + 1ull * gridDim.y * blockIdx.z);
    return block * this_thread_block().size() + this_thread_block().thread_rank();
  }
  unsigned long long size() const { return 1ull * gridDim.x * gridDim.y * gridDim.z * this_thread_block().size(); }
  unsigned long long num_threads() const { return size(); }
  dim3 group_dim() const { return gridDim; }
  dim3 dim_blocks() const { return gridDim; }
  dim3 block_index() const { return dim3(blockIdx); }
};
inline grid_group this_grid() { return grid_group(); }

namespace detail {
inline unsigned lane() { return this_thread_block().thread_rank() % KQ_SIM_WARP_SIZE; }
inline unsigned long long low_bits(unsigned n) { return n >= 64 ? ~0ull : ((1ull << n) - 1); }
}  // namespace detail

// A tile of `size` consecutive threads of the block, size a power of two up
// to the warp (the result of tiled_partition(parent, size)), or the whole block.
class thread_group {
 public:
  explicit thread_group(unsigned size) : size_(size) {}
  // The whole block as a group: CUDA's and HIP's thread_block derives from
  // thread_group, so code passes a block where a thread_group is taken.
  thread_group(const thread_block& block) : size_(block.size()), whole_block_(true) {}
  unsigned thread_rank() const { return this_thread_block().thread_rank() % size_; }
  unsigned size() const { return size_; }
  unsigned num_threads() const { return size_; }
  unsigned meta_group_rank() const { return this_thread_block().thread_rank() / size_; }
  unsigned meta_group_size() const { return (this_thread_block().size() + size_ - 1) / size_; }
  void sync() const {
    if (whole_block_) return this_thread_block().sync();
    __syncwarp(detail::low_bits(size_) << (detail::lane() / size_ * size_));
  }

 private:
  unsigned size_;
  bool whole_block_ = false;
};

template <unsigned Size, class Parent = void>
class thread_block_tile {
  static_assert(Size >= 1 && Size <= KQ_SIM_WARP_SIZE && (Size & (Size - 1)) == 0, "tile size must be a power of two up to the warp size");

 public:
  thread_block_tile() = default;
  // Tiles are stateless: one of any parent converts to thread_block_tile<Size>.
  template <class OtherParent>
  thread_block_tile(const thread_block_tile<Size, OtherParent>&) {}
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
  unsigned ballot(int pred) const { return static_cast<unsigned>((__ballot_sync(mask(), pred) >> first_lane()) & detail::low_bits(Size)); }
  bool any(int pred) const { return __any_sync(mask(), pred) != 0; }
  bool all(int pred) const { return __all_sync(mask(), pred) != 0; }
  template <class T> unsigned match_any(T v) const {
    unsigned same = 0;
    for (unsigned r = 0; r < Size; ++r) same |= (shfl(v, static_cast<int>(r)) == v ? 1u : 0u) << r;
    return same;
  }
  operator thread_group() const { return thread_group(Size); }

 private:
  unsigned first_lane() const { return detail::lane() / Size * Size; }
  unsigned long long mask() const { return detail::low_bits(Size) << first_lane(); }
};

template <unsigned Size, class Parent>
inline thread_block_tile<Size> tiled_partition(const Parent&) {
  return thread_block_tile<Size>();
}
template <class Parent>
inline thread_group tiled_partition(const Parent&, unsigned size) {
  return thread_group(size);
}

// The lanes of the warp that call coalesced_threads() together, ranked in
// lane order: a warp vote, so the lanes that skip the call must exit or get
// there too (as after `if (cond) { auto g = cg::coalesced_threads(); ... }`).
class coalesced_group {
 public:
  coalesced_group() : mask_(::kq::sim::detail::ballot(::kq::sim::full_lane_mask, 1)) {}
  unsigned thread_rank() const { return static_cast<unsigned>(__builtin_popcountll(mask_ & __lanemask_lt())); }
  unsigned size() const { return static_cast<unsigned>(__builtin_popcountll(mask_)); }
  unsigned num_threads() const { return size(); }
  unsigned meta_group_rank() const { return 0; }
  unsigned meta_group_size() const { return 1; }
  void sync() const { __syncwarp(mask_); }
  template <class T> T shfl(T v, unsigned rank) const { return __shfl_sync(mask_, v, lane_of(rank)); }
  template <class T> T shfl_down(T v, unsigned d) const {
    const unsigned r = thread_rank() + d;
    return __shfl_sync(mask_, v, lane_of(r < size() ? r : thread_rank()));
  }
  template <class T> T shfl_up(T v, unsigned d) const {
    const unsigned r = thread_rank();
    return __shfl_sync(mask_, v, lane_of(r >= d ? r - d : r));
  }
  unsigned ballot(int pred) const {
    const unsigned long long lanes = __ballot_sync(mask_, pred);
    unsigned out = 0, rank = 0;
    for (unsigned l = 0; l < 64; ++l)
      if ((mask_ >> l) & 1ull) out |= static_cast<unsigned>((lanes >> l) & 1ull) << rank++;
    return out;
  }
  bool any(int pred) const { return __any_sync(mask_, pred) != 0; }
  bool all(int pred) const { return __all_sync(mask_, pred) != 0; }

 private:
  int lane_of(unsigned rank) const {
    unsigned long long m = mask_;
    for (unsigned i = 0; i < rank && m; ++i) m &= m - 1;
    return m ? __builtin_ctzll(m) : 0;
  }
  unsigned long long mask_;
};
inline coalesced_group coalesced_threads() { return coalesced_group(); }

template <class Group>
inline void sync(const Group& g) {
  g.sync();
}

template <class T = void>
struct plus {
  T operator()(const T& a, const T& b) const { return a + b; }
};
template <class T = void>
struct less {
  T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};
template <class T = void>
struct greater {
  T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};
template <class T = void>
struct bit_and {
  T operator()(const T& a, const T& b) const { return a & b; }
};
template <class T = void>
struct bit_or {
  T operator()(const T& a, const T& b) const { return a | b; }
};
template <class T = void>
struct bit_xor {
  T operator()(const T& a, const T& b) const { return a ^ b; }
};

// cg::reduce over a tile: butterfly with xor shuffles, every lane gets the result.
template <unsigned Size, class Parent, class T, class Op>
T reduce(const thread_block_tile<Size, Parent>& tile, T value, Op op) {
  for (unsigned offset = Size / 2; offset > 0; offset /= 2) value = op(value, tile.shfl_xor(value, offset));
  return value;
}
// ... and over a coalesced group: the members' values folded in rank order.
template <class T, class Op>
T reduce(const coalesced_group& g, T value, Op op) {
  T total = g.shfl(value, 0);
  for (unsigned r = 1; r < g.size(); ++r) total = op(total, g.shfl(value, r));
  return total;
}

// Scans by rank (Hillis-Steele with up-shuffles); the exclusive scan gives
// rank 0 a value-initialised T.
template <class Group, class T, class Op>
T inclusive_scan(const Group& g, T value, Op op) {
  const unsigned rank = g.thread_rank();
  for (unsigned offset = 1; offset < g.size(); offset *= 2) {
    const T other = g.shfl_up(value, offset);
    if (rank >= offset) value = op(other, value);
  }
  return value;
}
template <class Group, class T>
T inclusive_scan(const Group& g, T value) {
  return inclusive_scan(g, value, plus<T>());
}
template <class Group, class T, class Op>
T exclusive_scan(const Group& g, T value, Op op) {
  const T inclusive = inclusive_scan(g, value, op);
  const T previous = g.shfl_up(inclusive, 1);
  return g.thread_rank() == 0 ? T() : previous;
}
template <class Group, class T>
T exclusive_scan(const Group& g, T value) {
  return exclusive_scan(g, value, plus<T>());
}

}  // namespace cooperative_groups
