#pragma once
// cub::BlockLoad, cub::BlockStore and cub::BlockExchange, and the direct
// load/store helpers. Every load algorithm but STRIPED yields the blocked
// arrangement (thread t holds items t*ITEMS .. t*ITEMS+ITEMS-1), as in CUB.
#include "kq/sim/cub/common.hpp"

namespace cub {

template <class T, int ITEMS, class InputIt>
void LoadDirectBlocked(int tid, InputIt in, T (&items)[ITEMS]) {
  for (int i = 0; i < ITEMS; ++i) items[i] = in[tid * ITEMS + i];
}
template <class T, int ITEMS, class InputIt>
void LoadDirectBlocked(int tid, InputIt in, T (&items)[ITEMS], int valid) {
  for (int i = 0; i < ITEMS; ++i)
    if (tid * ITEMS + i < valid) items[i] = in[tid * ITEMS + i];
}
template <class T, int ITEMS, class InputIt, class D>
void LoadDirectBlocked(int tid, InputIt in, T (&items)[ITEMS], int valid, D oob_default) {
  for (int i = 0; i < ITEMS; ++i) items[i] = static_cast<T>(oob_default);
  LoadDirectBlocked(tid, in, items, valid);
}
template <int BLOCK_THREADS, class T, int ITEMS, class InputIt>
void LoadDirectStriped(int tid, InputIt in, T (&items)[ITEMS]) {
  for (int i = 0; i < ITEMS; ++i) items[i] = in[i * BLOCK_THREADS + tid];
}
template <int BLOCK_THREADS, class T, int ITEMS, class InputIt>
void LoadDirectStriped(int tid, InputIt in, T (&items)[ITEMS], int valid) {
  for (int i = 0; i < ITEMS; ++i)
    if (i * BLOCK_THREADS + tid < valid) items[i] = in[i * BLOCK_THREADS + tid];
}
template <int BLOCK_THREADS, class T, int ITEMS, class InputIt, class D>
void LoadDirectStriped(int tid, InputIt in, T (&items)[ITEMS], int valid, D oob_default) {
  for (int i = 0; i < ITEMS; ++i) items[i] = static_cast<T>(oob_default);
  LoadDirectStriped<BLOCK_THREADS>(tid, in, items, valid);
}
template <class T, int ITEMS, class OutputIt>
void StoreDirectBlocked(int tid, OutputIt out, T (&items)[ITEMS]) {
  for (int i = 0; i < ITEMS; ++i) out[tid * ITEMS + i] = items[i];
}
template <class T, int ITEMS, class OutputIt>
void StoreDirectBlocked(int tid, OutputIt out, T (&items)[ITEMS], int valid) {
  for (int i = 0; i < ITEMS; ++i)
    if (tid * ITEMS + i < valid) out[tid * ITEMS + i] = items[i];
}
template <int BLOCK_THREADS, class T, int ITEMS, class OutputIt>
void StoreDirectStriped(int tid, OutputIt out, T (&items)[ITEMS]) {
  for (int i = 0; i < ITEMS; ++i) out[i * BLOCK_THREADS + tid] = items[i];
}
template <int BLOCK_THREADS, class T, int ITEMS, class OutputIt>
void StoreDirectStriped(int tid, OutputIt out, T (&items)[ITEMS], int valid) {
  for (int i = 0; i < ITEMS; ++i)
    if (i * BLOCK_THREADS + tid < valid) out[i * BLOCK_THREADS + tid] = items[i];
}

template <class T, int BLOCK_DIM_X, int ITEMS, BlockLoadAlgorithm ALGORITHM = BLOCK_LOAD_DIRECT, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockLoad {
  static constexpr int kThreads = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
  static constexpr bool kStriped = ALGORITHM == BLOCK_LOAD_STRIPED;

 public:
  struct TempStorage {
    unsigned char unused;
  };
  BlockLoad() = default;
  explicit BlockLoad(TempStorage&) {}

  template <class InputIt>
  void Load(InputIt in, T (&items)[ITEMS]) {
    if (kStriped) LoadDirectStriped<kThreads>(tid(), in, items);
    else LoadDirectBlocked(tid(), in, items);
  }
  template <class InputIt>
  void Load(InputIt in, T (&items)[ITEMS], int valid) {
    if (kStriped) LoadDirectStriped<kThreads>(tid(), in, items, valid);
    else LoadDirectBlocked(tid(), in, items, valid);
  }
  template <class InputIt, class D>
  void Load(InputIt in, T (&items)[ITEMS], int valid, D oob_default) {
    if (kStriped) LoadDirectStriped<kThreads>(tid(), in, items, valid, oob_default);
    else LoadDirectBlocked(tid(), in, items, valid, oob_default);
  }

 private:
  static int tid() { return detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>(); }
};

template <class T, int BLOCK_DIM_X, int ITEMS, BlockStoreAlgorithm ALGORITHM = BLOCK_STORE_DIRECT, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockStore {
  static constexpr int kThreads = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
  static constexpr bool kStriped = ALGORITHM == BLOCK_STORE_STRIPED;

 public:
  struct TempStorage {
    unsigned char unused;
  };
  BlockStore() = default;
  explicit BlockStore(TempStorage&) {}

  template <class OutputIt>
  void Store(OutputIt out, T (&items)[ITEMS]) {
    if (kStriped) StoreDirectStriped<kThreads>(tid(), out, items);
    else StoreDirectBlocked(tid(), out, items);
  }
  template <class OutputIt>
  void Store(OutputIt out, T (&items)[ITEMS], int valid) {
    if (kStriped) StoreDirectStriped<kThreads>(tid(), out, items, valid);
    else StoreDirectBlocked(tid(), out, items, valid);
  }

 private:
  static int tid() { return detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>(); }
};

// Rearrangements through shared memory: each thread writes its items where
// they belong, and after a barrier reads back its share.
template <class T, int BLOCK_DIM_X, int ITEMS, bool WARP_TIME_SLICING = false, int BLOCK_DIM_Y = 1,
          int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockExchange {
  static constexpr int kThreads = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
  static constexpr int kWarp = KQ_SIM_WARP_SIZE < kThreads ? KQ_SIM_WARP_SIZE : kThreads;

 public:
  struct TempStorage : RawStorage<T, kThreads * ITEMS> {};
  explicit BlockExchange(TempStorage& storage) : s_(storage) {}

  template <class U>
  void StripedToBlocked(const T (&in)[ITEMS], U (&out)[ITEMS]) {
    move(in, out, [](int t, int i) { return i * kThreads + t; }, [](int t, int i) { return t * ITEMS + i; });
  }
  template <class U>
  void BlockedToStriped(const T (&in)[ITEMS], U (&out)[ITEMS]) {
    move(in, out, [](int t, int i) { return t * ITEMS + i; }, [](int t, int i) { return i * kThreads + t; });
  }
  // Warp-striped: warp w's segment of kWarp * ITEMS items, lane l holding l, l + kWarp, ...
  template <class U>
  void WarpStripedToBlocked(const T (&in)[ITEMS], U (&out)[ITEMS]) {
    move(in, out, warp_striped, [](int t, int i) { return t * ITEMS + i; });
  }
  template <class U>
  void BlockedToWarpStriped(const T (&in)[ITEMS], U (&out)[ITEMS]) {
    move(in, out, [](int t, int i) { return t * ITEMS + i; }, warp_striped);
  }
  void StripedToBlocked(T (&items)[ITEMS]) { StripedToBlocked(items, items); }
  void BlockedToStriped(T (&items)[ITEMS]) { BlockedToStriped(items, items); }
  void WarpStripedToBlocked(T (&items)[ITEMS]) { WarpStripedToBlocked(items, items); }
  void BlockedToWarpStriped(T (&items)[ITEMS]) { BlockedToWarpStriped(items, items); }

  template <class U, class Rank>
  void ScatterToBlocked(const T (&in)[ITEMS], U (&out)[ITEMS], const Rank (&ranks)[ITEMS]) {
    scatter(in, out, ranks, [](int t, int i) { return t * ITEMS + i; });
  }
  template <class U, class Rank>
  void ScatterToStriped(const T (&in)[ITEMS], U (&out)[ITEMS], const Rank (&ranks)[ITEMS]) {
    scatter(in, out, ranks, [](int t, int i) { return i * kThreads + t; });
  }
  template <class Rank>
  void ScatterToBlocked(T (&items)[ITEMS], const Rank (&ranks)[ITEMS]) {
    ScatterToBlocked(items, items, ranks);
  }
  template <class Rank>
  void ScatterToStriped(T (&items)[ITEMS], const Rank (&ranks)[ITEMS]) {
    ScatterToStriped(items, items, ranks);
  }

 private:
  static int warp_striped(int t, int i) { return (t / kWarp) * kWarp * ITEMS + i * kWarp + t % kWarp; }

  template <class U, class From, class To>
  void move(const T (&in)[ITEMS], U (&out)[ITEMS], From from, To to) {
    const int t = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>();
    T mine[ITEMS];
    for (int i = 0; i < ITEMS; ++i) mine[i] = in[i];
    for (int i = 0; i < ITEMS; ++i) new (&s_[from(t, i)]) T(mine[i]);
    __syncthreads();
    for (int i = 0; i < ITEMS; ++i) out[i] = s_[to(t, i)];
    __syncthreads();
  }
  template <class U, class Rank, class To>
  void scatter(const T (&in)[ITEMS], U (&out)[ITEMS], const Rank (&ranks)[ITEMS], To to) {
    const int t = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>();
    T mine[ITEMS];
    for (int i = 0; i < ITEMS; ++i) mine[i] = in[i];
    for (int i = 0; i < ITEMS; ++i) new (&s_[static_cast<int>(ranks[i])]) T(mine[i]);
    __syncthreads();
    for (int i = 0; i < ITEMS; ++i) out[i] = s_[to(t, i)];
    __syncthreads();
  }

  TempStorage& s_;
};

}  // namespace cub
