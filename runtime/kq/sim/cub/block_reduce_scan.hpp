#pragma once
// cub::BlockReduce and cub::BlockScan: each thread writes its value to the
// TempStorage, and after a barrier reads what it needs. Reductions combine
// as CUB's warp-reduction algorithm does (a shuffle tree per warp, then the
// warps in order), so floating-point sums round the same way.
#include "kq/sim/cub/common.hpp"

namespace cub {

template <class T, int BLOCK_DIM_X, BlockReduceAlgorithm ALGORITHM = BLOCK_REDUCE_WARP_REDUCTIONS, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockReduce {
  static constexpr int kThreads = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;

 public:
  struct TempStorage : RawStorage<T, kThreads> {};
  explicit BlockReduce(TempStorage& storage) : s_(storage) {}

  template <class Op>
  T Reduce(T input, Op op) {
    return Reduce(input, op, kThreads);
  }
  template <class Op>
  T Reduce(T input, Op op, int num_valid) {
    const int tid = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>();
    new (&s_[tid]) T(input);
    __syncthreads();
    if (tid != 0) return input;  // CUB defines the result in thread 0 only
    T warp_values[KQ_SIM_WARP_SIZE];
    T total{};
    for (int base = 0; base < num_valid && base < kThreads; base += KQ_SIM_WARP_SIZE) {
      const int n = std::min(KQ_SIM_WARP_SIZE, std::min(num_valid, kThreads) - base);
      for (int i = 0; i < n; ++i) warp_values[i] = s_[base + i];
      const T warp_total = detail::tree_fold(warp_values, n, op);
      total = base == 0 ? warp_total : op(total, warp_total);
    }
    return total;
  }
  template <int ITEMS, class Op>
  T Reduce(T (&inputs)[ITEMS], Op op) {
    T partial = inputs[0];
    for (int i = 1; i < ITEMS; ++i) partial = op(partial, inputs[i]);
    return Reduce(partial, op);
  }
  T Sum(T input) { return Reduce(input, cub::Sum()); }
  T Sum(T input, int num_valid) { return Reduce(input, cub::Sum(), num_valid); }
  template <int ITEMS>
  T Sum(T (&inputs)[ITEMS]) {
    return Reduce(inputs, cub::Sum());
  }

 private:
  TempStorage& s_;
};

template <class T, int BLOCK_DIM_X, BlockScanAlgorithm ALGORITHM = BLOCK_SCAN_RAKING, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockScan {
  static constexpr int kThreads = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;

 public:
  struct TempStorage {
    RawStorage<T, kThreads> values;
    RawStorage<T, 1> prefix;
  };
  explicit BlockScan(TempStorage& storage) : s_(storage) {}

  // ---- one value per thread ----
  template <class Op>
  void InclusiveScan(T input, T& output, Op op) {
    T aggregate;
    InclusiveScan(input, output, op, aggregate);
  }
  template <class Op>
  void InclusiveScan(T input, T& output, Op op, T& block_aggregate) {
    const int tid = share(input);
    output = fold(0, tid + 1, op);
    block_aggregate = fold(0, kThreads, op);
    __syncthreads();
  }
  template <class Op, class PrefixOp>
  void InclusiveScan(T input, T& output, Op op, PrefixOp& prefix_op) {
    T aggregate;
    InclusiveScan(input, output, op, aggregate);
    output = op(block_prefix(aggregate, prefix_op), output);
  }
  template <class Op>
  void ExclusiveScan(T input, T& output, T initial_value, Op op) {
    T aggregate;
    ExclusiveScan(input, output, initial_value, op, aggregate);
  }
  template <class Op>
  void ExclusiveScan(T input, T& output, T initial_value, Op op, T& block_aggregate) {
    const int tid = share(input);
    output = tid == 0 ? initial_value : op(initial_value, fold(0, tid, op));
    block_aggregate = fold(0, kThreads, op);
    __syncthreads();
  }
  // Without an initial value thread 0's output is undefined; it keeps its input.
  template <class Op>
  void ExclusiveScan(T input, T& output, Op op) {
    const int tid = share(input);
    output = tid == 0 ? input : fold(0, tid, op);
    __syncthreads();
  }
  template <class Op, class PrefixOp>
  void ExclusiveScan(T input, T& output, Op op, PrefixOp& prefix_op) {
    T aggregate;
    const int tid = share(input);
    const T before = tid == 0 ? T() : fold(0, tid, op);
    aggregate = fold(0, kThreads, op);
    __syncthreads();
    const T prefix = block_prefix(aggregate, prefix_op);
    output = tid == 0 ? prefix : op(prefix, before);
  }
  void InclusiveSum(T input, T& output) { InclusiveScan(input, output, cub::Sum()); }
  void InclusiveSum(T input, T& output, T& block_aggregate) { InclusiveScan(input, output, cub::Sum(), block_aggregate); }
  template <class PrefixOp>
  void InclusiveSum(T input, T& output, PrefixOp& prefix_op) {
    InclusiveScan(input, output, cub::Sum(), prefix_op);
  }
  void ExclusiveSum(T input, T& output) { ExclusiveScan(input, output, T(), cub::Sum()); }
  void ExclusiveSum(T input, T& output, T& block_aggregate) {
    ExclusiveScan(input, output, T(), cub::Sum(), block_aggregate);
  }
  template <class PrefixOp>
  void ExclusiveSum(T input, T& output, PrefixOp& prefix_op) {
    ExclusiveScan(input, output, cub::Sum(), prefix_op);
  }

  // ---- ITEMS values per thread, blocked ----
  template <int ITEMS, class Op>
  void InclusiveScan(T (&input)[ITEMS], T (&output)[ITEMS], Op op) {
    T aggregate;
    InclusiveScan(input, output, op, aggregate);
  }
  template <int ITEMS, class Op>
  void InclusiveScan(T (&input)[ITEMS], T (&output)[ITEMS], Op op, T& block_aggregate) {
    T partial = thread_fold(input, op), prefix;
    ExclusiveScan(partial, prefix, op);
    const bool first = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>() == 0;
    thread_scan(input, output, op, prefix, !first, true);
    block_aggregate = shared_total(partial, op);
  }
  template <int ITEMS, class Op>
  void ExclusiveScan(T (&input)[ITEMS], T (&output)[ITEMS], T initial_value, Op op) {
    T aggregate;
    ExclusiveScan(input, output, initial_value, op, aggregate);
  }
  template <int ITEMS, class Op>
  void ExclusiveScan(T (&input)[ITEMS], T (&output)[ITEMS], T initial_value, Op op, T& block_aggregate) {
    T partial = thread_fold(input, op), prefix;
    ExclusiveScan(partial, prefix, initial_value, op, block_aggregate);
    thread_scan(input, output, op, prefix, true, false);
  }
  template <int ITEMS>
  void InclusiveSum(T (&input)[ITEMS], T (&output)[ITEMS]) {
    InclusiveScan(input, output, cub::Sum());
  }
  template <int ITEMS>
  void InclusiveSum(T (&input)[ITEMS], T (&output)[ITEMS], T& block_aggregate) {
    InclusiveScan(input, output, cub::Sum(), block_aggregate);
  }
  template <int ITEMS>
  void ExclusiveSum(T (&input)[ITEMS], T (&output)[ITEMS]) {
    ExclusiveScan(input, output, T(), cub::Sum());
  }
  template <int ITEMS>
  void ExclusiveSum(T (&input)[ITEMS], T (&output)[ITEMS], T& block_aggregate) {
    ExclusiveScan(input, output, T(), cub::Sum(), block_aggregate);
  }

 private:
  int share(const T& input) {
    const int tid = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>();
    new (&s_.values[tid]) T(input);
    __syncthreads();
    return tid;
  }
  template <class Op>
  T fold(int begin, int end, Op op) {
    T acc = s_.values[begin];
    for (int i = begin + 1; i < end; ++i) acc = op(acc, s_.values[i]);
    return acc;
  }
  template <int ITEMS, class Op>
  static T thread_fold(T (&input)[ITEMS], Op op) {
    T acc = input[0];
    for (int i = 1; i < ITEMS; ++i) acc = op(acc, input[i]);
    return acc;
  }
  // output[i] = prefix (if used) op input[0..i] (inclusive) or ..i-1 (exclusive).
  template <int ITEMS, class Op>
  static void thread_scan(T (&input)[ITEMS], T (&output)[ITEMS], Op op, T prefix, bool use_prefix, bool inclusive) {
    T acc = prefix;
    bool have = use_prefix;
    for (int i = 0; i < ITEMS; ++i) {
      const T x = input[i];
      if (!inclusive) output[i] = acc;
      acc = have ? op(acc, x) : x;
      have = true;
      if (inclusive) output[i] = acc;
    }
  }
  template <class Op>
  T shared_total(const T& partial, Op op) {
    share(partial);
    const T total = fold(0, kThreads, op);
    __syncthreads();
    return total;
  }
  // The first warp calls the callback with the block's total; lane 0's
  // answer is the prefix of every thread.
  template <class PrefixOp>
  T block_prefix(const T& aggregate, PrefixOp& prefix_op) {
    const int tid = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>();
    if (tid < KQ_SIM_WARP_SIZE) {
      const T p = prefix_op(aggregate);
      if (tid == 0) new (&s_.prefix[0]) T(p);
    }
    __syncthreads();
    const T prefix = s_.prefix[0];
    __syncthreads();
    return prefix;
  }

  TempStorage& s_;
};

}  // namespace cub
