#pragma once
// cub::BlockRadixSort: a stable sort of the block's keys (and values) by the
// key bits [begin_bit, end_bit), in the bit order CUB's radix sort uses
// (signed integers by value, floats with -0 before +0 and NaNs by pattern).
// The block's items are gathered in TempStorage, thread 0 sorts them, and
// every thread reads its blocked (or striped) share back.
#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

#include "kq/sim/cub/common.hpp"

namespace cub {

namespace detail {

// The key as the unsigned pattern whose order is the radix sort's order.
template <class K>
unsigned long long radix_bits(const K& key) {
  static_assert(sizeof(K) <= 8, "radix sort of a key wider than 64 bits");
  unsigned long long bits = 0;
  std::memcpy(&bits, &key, sizeof(K));
  const unsigned long long sign = 1ull << (8 * sizeof(K) - 1);
  if (std::is_floating_point<K>::value) return (bits & sign) ? (~bits & (sign | (sign - 1))) : (bits | sign);
  if (std::is_signed<K>::value) return bits ^ sign;
  return bits;
}

inline unsigned long long bit_range(unsigned long long bits, int begin_bit, int end_bit) {
  const unsigned long long high = end_bit >= 64 ? ~0ull : ((1ull << end_bit) - 1);
  return (bits & high) >> begin_bit;
}

}  // namespace detail

template <class KeyT, int BLOCK_DIM_X, int ITEMS, class ValueT = NullType, int RADIX_BITS = 4,
          bool MEMOIZE_OUTER_SCAN = true, BlockScanAlgorithm INNER_SCAN_ALGORITHM = BLOCK_SCAN_WARP_SCANS,
          int SMEM_CONFIG = 0, int BLOCK_DIM_Y = 1, int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockRadixSort {
  static constexpr int kThreads = BLOCK_DIM_X * BLOCK_DIM_Y * BLOCK_DIM_Z;
  static constexpr int kItems = kThreads * ITEMS;
  static constexpr bool kHasValues = !std::is_same<ValueT, NullType>::value;
  using StoredValue = typename std::conditional<kHasValues, ValueT, char>::type;

 public:
  struct TempStorage {
    RawStorage<KeyT, kItems> keys;
    RawStorage<StoredValue, kItems> values;
  };
  explicit BlockRadixSort(TempStorage& storage) : s_(storage) {}

  void Sort(KeyT (&keys)[ITEMS], int begin_bit = 0, int end_bit = sizeof(KeyT) * 8) {
    sort(keys, nullptr, begin_bit, end_bit, false, false);
  }
  void SortDescending(KeyT (&keys)[ITEMS], int begin_bit = 0, int end_bit = sizeof(KeyT) * 8) {
    sort(keys, nullptr, begin_bit, end_bit, true, false);
  }
  void SortBlockedToStriped(KeyT (&keys)[ITEMS], int begin_bit = 0, int end_bit = sizeof(KeyT) * 8) {
    sort(keys, nullptr, begin_bit, end_bit, false, true);
  }
  void SortDescendingBlockedToStriped(KeyT (&keys)[ITEMS], int begin_bit = 0, int end_bit = sizeof(KeyT) * 8) {
    sort(keys, nullptr, begin_bit, end_bit, true, true);
  }
  template <class V = ValueT, class = typename std::enable_if<!std::is_same<V, NullType>::value>::type>
  void Sort(KeyT (&keys)[ITEMS], V (&values)[ITEMS], int begin_bit = 0, int end_bit = sizeof(KeyT) * 8) {
    sort(keys, values, begin_bit, end_bit, false, false);
  }
  template <class V = ValueT, class = typename std::enable_if<!std::is_same<V, NullType>::value>::type>
  void SortDescending(KeyT (&keys)[ITEMS], V (&values)[ITEMS], int begin_bit = 0, int end_bit = sizeof(KeyT) * 8) {
    sort(keys, values, begin_bit, end_bit, true, false);
  }
  template <class V = ValueT, class = typename std::enable_if<!std::is_same<V, NullType>::value>::type>
  void SortBlockedToStriped(KeyT (&keys)[ITEMS], V (&values)[ITEMS], int begin_bit = 0,
                            int end_bit = sizeof(KeyT) * 8) {
    sort(keys, values, begin_bit, end_bit, false, true);
  }
  template <class V = ValueT, class = typename std::enable_if<!std::is_same<V, NullType>::value>::type>
  void SortDescendingBlockedToStriped(KeyT (&keys)[ITEMS], V (&values)[ITEMS], int begin_bit = 0,
                                      int end_bit = sizeof(KeyT) * 8) {
    sort(keys, values, begin_bit, end_bit, true, true);
  }

 private:
  void sort(KeyT (&keys)[ITEMS], StoredValue* values, int begin_bit, int end_bit, bool descending, bool striped) {
    const int t = detail::block_rank<BLOCK_DIM_X, BLOCK_DIM_Y, BLOCK_DIM_Z>();
    for (int i = 0; i < ITEMS; ++i) {
      new (&s_.keys[t * ITEMS + i]) KeyT(keys[i]);
      if (values) new (&s_.values[t * ITEMS + i]) StoredValue(values[i]);
    }
    __syncthreads();
    if (t == 0) sort_gathered(values != nullptr, begin_bit, end_bit, descending);
    __syncthreads();
    for (int i = 0; i < ITEMS; ++i) {
      const int at = striped ? i * kThreads + t : t * ITEMS + i;
      keys[i] = s_.keys[at];
      if (values) values[i] = s_.values[at];
    }
    __syncthreads();
  }

  void sort_gathered(bool with_values, int begin_bit, int end_bit, bool descending) {
    std::vector<int> order(kItems);
    std::iota(order.begin(), order.end(), 0);
    std::vector<unsigned long long> digits(kItems);
    for (int i = 0; i < kItems; ++i) digits[i] = detail::bit_range(detail::radix_bits(s_.keys[i]), begin_bit, end_bit);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return descending ? digits[b] < digits[a] : digits[a] < digits[b];
    });
    std::vector<KeyT> keys(kItems);
    std::vector<StoredValue> values(with_values ? kItems : 0);
    for (int i = 0; i < kItems; ++i) {
      keys[i] = s_.keys[order[i]];
      if (with_values) values[i] = s_.values[order[i]];
    }
    for (int i = 0; i < kItems; ++i) {
      s_.keys[i] = keys[i];
      if (with_values) s_.values[i] = values[i];
    }
  }

  TempStorage& s_;
};

}  // namespace cub
