#pragma once
// cub::WarpReduce and cub::WarpScan over logical warps of LOGICAL_WARP_THREADS
// lanes, with the simulated warp shuffles. Reductions follow CUB's
// shuffle-down tree (lane 0 holds the result); integer Sum gives every lane
// the total, as the GPU's redux instruction does.
#include "kq/sim/cub/common.hpp"

namespace cub {

template <class T, int LOGICAL_WARP_THREADS = KQ_SIM_WARP_SIZE, int LEGACY_PTX_ARCH = 0>
class WarpReduce {
 public:
  struct TempStorage {
    unsigned char unused;
  };
  WarpReduce() = default;
  explicit WarpReduce(TempStorage&) {}

  template <class Op>
  T Reduce(T input, Op op) {
    return Reduce(input, op, LOGICAL_WARP_THREADS);
  }
  template <class Op>
  T Reduce(T input, Op op, int valid_items) {
    const int lane = static_cast<int>(LaneId()) % LOGICAL_WARP_THREADS;
    for (int offset = 1; offset < LOGICAL_WARP_THREADS; offset *= 2) {
      const T other = __shfl_down_sync(~0ull, input, offset, LOGICAL_WARP_THREADS);
      if (lane + offset < valid_items) input = op(input, other);
    }
    return input;
  }
  T Sum(T input) {
    T total = Reduce(input, cub::Sum());
    if (std::is_integral<T>::value) total = __shfl_sync(~0ull, total, 0, LOGICAL_WARP_THREADS);
    return total;
  }
  T Sum(T input, int valid_items) { return Reduce(input, cub::Sum(), valid_items); }
};

template <class T, int LOGICAL_WARP_THREADS = KQ_SIM_WARP_SIZE, int LEGACY_PTX_ARCH = 0>
class WarpScan {
 public:
  struct TempStorage {
    unsigned char unused;
  };
  WarpScan() = default;
  explicit WarpScan(TempStorage&) {}

  template <class Op>
  void InclusiveScan(T input, T& output, Op op) {
    const int lane = static_cast<int>(LaneId()) % LOGICAL_WARP_THREADS;
    for (int offset = 1; offset < LOGICAL_WARP_THREADS; offset *= 2) {
      const T other = __shfl_up_sync(~0ull, input, offset, LOGICAL_WARP_THREADS);
      if (lane >= offset) input = op(other, input);
    }
    output = input;
  }
  template <class Op>
  void InclusiveScan(T input, T& output, Op op, T& warp_aggregate) {
    InclusiveScan(input, output, op);
    warp_aggregate = __shfl_sync(~0ull, output, LOGICAL_WARP_THREADS - 1, LOGICAL_WARP_THREADS);
  }
  void InclusiveSum(T input, T& output) { InclusiveScan(input, output, cub::Sum()); }
  void InclusiveSum(T input, T& output, T& warp_aggregate) { InclusiveScan(input, output, cub::Sum(), warp_aggregate); }

  // Without an initial value lane 0's output is undefined; it keeps its input.
  template <class Op>
  void ExclusiveScan(T input, T& output, Op op) {
    T inclusive, aggregate;
    InclusiveScan(input, inclusive, op, aggregate);
    const T previous = __shfl_up_sync(~0ull, inclusive, 1, LOGICAL_WARP_THREADS);
    output = LaneId() % LOGICAL_WARP_THREADS == 0 ? input : previous;
  }
  template <class Op>
  void ExclusiveScan(T input, T& output, T initial_value, Op op) {
    T aggregate;
    ExclusiveScan(input, output, initial_value, op, aggregate);
  }
  template <class Op>
  void ExclusiveScan(T input, T& output, T initial_value, Op op, T& warp_aggregate) {
    T inclusive;
    InclusiveScan(input, inclusive, op, warp_aggregate);
    const T previous = __shfl_up_sync(~0ull, inclusive, 1, LOGICAL_WARP_THREADS);
    output = LaneId() % LOGICAL_WARP_THREADS == 0 ? initial_value : op(initial_value, previous);
  }
  void ExclusiveSum(T input, T& output) {
    T aggregate;
    ExclusiveSum(input, output, aggregate);
  }
  void ExclusiveSum(T input, T& output, T& warp_aggregate) {
    T inclusive;
    InclusiveScan(input, inclusive, cub::Sum(), warp_aggregate);
    const T previous = __shfl_up_sync(~0ull, inclusive, 1, LOGICAL_WARP_THREADS);
    output = LaneId() % LOGICAL_WARP_THREADS == 0 ? T() : previous;
  }
  T Broadcast(T input, unsigned src_lane) { return __shfl_sync(~0ull, input, static_cast<int>(src_lane), LOGICAL_WARP_THREADS); }
};

}  // namespace cub
