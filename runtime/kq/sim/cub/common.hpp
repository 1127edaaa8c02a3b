#pragma once
// What CUB's block and warp primitives share on the CPU execution runtime:
// the operators, algorithm tags, thread ranks and raw TempStorage. Block
// primitives exchange values through their TempStorage (shared memory, as
// on the GPU) and meet at block barriers; warp primitives use the simulated
// warp shuffles. Results that CUB defines equal the GPU's; what CUB leaves
// undefined (a reduction's value outside thread 0) is whatever is left.
#include <algorithm>
#include <cstddef>
#include <new>
#include <type_traits>

#include "kq/sim/sync.hpp"

namespace cub {

struct NullType {};

struct Sum {
  template <class T> T operator()(const T& a, const T& b) const { return a + b; }
};
struct Max {
  template <class T> T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};
struct Min {
  template <class T> T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};
struct Equality {
  template <class T> bool operator()(const T& a, const T& b) const { return a == b; }
};
struct Inequality {
  template <class T> bool operator()(const T& a, const T& b) const { return !(a == b); }
};

template <class K, class V>
struct KeyValuePair {
  typedef K Key;
  typedef V Value;
  K key;
  V value;
  KeyValuePair() = default;
  KeyValuePair(const K& k, const V& v) : key(k), value(v) {}
};
// The first of equal extremes wins, as in CUB.
struct ArgMax {
  template <class K, class V>
  KeyValuePair<K, V> operator()(const KeyValuePair<K, V>& a, const KeyValuePair<K, V>& b) const {
    return (b.value > a.value || (b.value == a.value && b.key < a.key)) ? b : a;
  }
};
struct ArgMin {
  template <class K, class V>
  KeyValuePair<K, V> operator()(const KeyValuePair<K, V>& a, const KeyValuePair<K, V>& b) const {
    return (b.value < a.value || (b.value == a.value && b.key < a.key)) ? b : a;
  }
};

enum BlockReduceAlgorithm { BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY, BLOCK_REDUCE_RAKING, BLOCK_REDUCE_WARP_REDUCTIONS };
enum BlockScanAlgorithm { BLOCK_SCAN_RAKING, BLOCK_SCAN_RAKING_MEMOIZE, BLOCK_SCAN_WARP_SCANS };
enum BlockLoadAlgorithm {
  BLOCK_LOAD_DIRECT, BLOCK_LOAD_STRIPED, BLOCK_LOAD_VECTORIZE, BLOCK_LOAD_TRANSPOSE, BLOCK_LOAD_WARP_TRANSPOSE,
  BLOCK_LOAD_WARP_TRANSPOSE_TIMESLICED
};
enum BlockStoreAlgorithm {
  BLOCK_STORE_DIRECT, BLOCK_STORE_STRIPED, BLOCK_STORE_VECTORIZE, BLOCK_STORE_TRANSPOSE, BLOCK_STORE_WARP_TRANSPOSE,
  BLOCK_STORE_WARP_TRANSPOSE_TIMESLICED
};
enum BlockHistogramAlgorithm { BLOCK_HISTO_SORT, BLOCK_HISTO_ATOMIC };
enum CacheLoadModifier { LOAD_DEFAULT, LOAD_CA, LOAD_CG, LOAD_CS, LOAD_CV, LOAD_LDG, LOAD_VOLATILE };
enum CacheStoreModifier { STORE_DEFAULT, STORE_WB, STORE_CG, STORE_CS, STORE_WT, STORE_VOLATILE };

// Storage for N values of T that needs no constructor, so it can be __shared__.
template <class T, std::size_t N = 1>
struct RawStorage {
  alignas(T) unsigned char bytes[sizeof(T) * N];
  T* data() { return reinterpret_cast<T*>(bytes); }
  T& operator[](std::size_t i) { return data()[i]; }
};
template <class T>
struct Uninitialized : RawStorage<T, 1> {
  T& Alias() { return *this->data(); }
};

inline unsigned RowMajorTid(int x, int y, int z) {
  return threadIdx.x + (y == 1 ? 0 : threadIdx.y * x) + (z == 1 ? 0 : threadIdx.z * x * y);
}
inline unsigned LaneId() { return RowMajorTid(blockDim.x, blockDim.y, blockDim.z) % KQ_SIM_WARP_SIZE; }
inline unsigned WarpId() { return RowMajorTid(blockDim.x, blockDim.y, blockDim.z) / KQ_SIM_WARP_SIZE; }
inline void CTA_SYNC() { __syncthreads(); }
inline void WARP_SYNC(unsigned mask) { __syncwarp(mask); }

template <CacheLoadModifier M = LOAD_DEFAULT, class T>
T ThreadLoad(const T* p) {
  return *p;
}
template <CacheStoreModifier M = STORE_DEFAULT, class T>
void ThreadStore(T* p, const T& v) {
  *p = v;
}

namespace detail {

template <int X, int Y, int Z>
inline int block_rank() {
  return static_cast<int>(RowMajorTid(X, Y, Z));
}

// Folds a[0..n) in the order of CUB's warp reduction: a shuffle-down tree
// with offsets 1, 2, 4, ... (lane i takes lane i + offset while in range).
template <class T, class Op>
T tree_fold(T* a, int n, Op op) {
  for (int offset = 1; offset < n; offset *= 2)
    for (int i = 0; i + offset < n; i += 2 * offset) a[i] = op(a[i], a[i + offset]);
  return a[0];
}

}  // namespace detail
}  // namespace cub
