// CUB block and warp primitives with their TempStorage in shared memory:
// reductions, scans, loads/stores, exchanges and radix sorts over two blocks
// of 128 threads holding 4 items each.
#include <cub/cub.cuh>

#include "dual.hpp"

constexpr int kThreads = 128, kItems = 4, kBlocks = 2, kTile = kThreads * kItems;

struct MaxOp {
  __device__ int operator()(int a, int b) const { return a < b ? b : a; }
};

int input_value(int i) { return ((i * 7919) % 1009) - 500; }

// Per thread: warp results (6), block results (5), scans over items (4 each).
constexpr int kPerThread = 6 + 5 + 2 * kItems;

__global__ void reductions_and_scans(const int* in, const float* fin, int* out, float* fout) {
  typedef cub::WarpReduce<int> WarpReduce;
  typedef cub::WarpScan<int> WarpScan;
  typedef cub::BlockReduce<int, kThreads> BlockReduce;
  typedef cub::BlockReduce<float, kThreads> BlockReduceF;
  typedef cub::BlockScan<int, kThreads> BlockScan;
  __shared__ typename WarpReduce::TempStorage warp_reduce[kThreads / 32];
  __shared__ typename WarpScan::TempStorage warp_scan[kThreads / 32];
  __shared__ typename BlockReduce::TempStorage block_reduce;
  __shared__ typename BlockReduceF::TempStorage block_reduce_f;
  __shared__ typename BlockScan::TempStorage block_scan;
  const int t = threadIdx.x, warp = t / 32;
  const int base = blockIdx.x * kTile;
  const int x = in[base + t];
  int* o = out + (blockIdx.x * kThreads + t) * kPerThread;
  o[0] = WarpReduce(warp_reduce[warp]).Sum(x);
  o[1] = WarpReduce(warp_reduce[warp]).Reduce(x, MaxOp());
  o[2] = WarpReduce(warp_reduce[warp]).Sum(x, 20);
  int inclusive, exclusive, aggregate;
  WarpScan(warp_scan[warp]).InclusiveSum(x, inclusive);
  __syncwarp();
  WarpScan(warp_scan[warp]).ExclusiveSum(x, exclusive, aggregate);
  o[3] = inclusive;
  o[4] = exclusive;
  o[5] = aggregate;
  o[6] = BlockReduce(block_reduce).Sum(x);
  __syncthreads();
  o[7] = BlockReduce(block_reduce).Reduce(x, MaxOp());
  __syncthreads();
  o[8] = BlockReduce(block_reduce).Sum(x, 100);
  int block_inclusive, block_aggregate;
  BlockScan(block_scan).InclusiveSum(x, block_inclusive);
  __syncthreads();
  int block_exclusive;
  BlockScan(block_scan).ExclusiveSum(x, block_exclusive, block_aggregate);
  __syncthreads();
  o[9] = block_inclusive;
  o[10] = block_exclusive + 0 * block_aggregate;
  int items[kItems], scanned[kItems];
  for (int i = 0; i < kItems; ++i) items[i] = in[base + t * kItems + i];
  BlockScan(block_scan).ExclusiveSum(items, scanned);
  __syncthreads();
  for (int i = 0; i < kItems; ++i) o[11 + i] = scanned[i];
  BlockScan(block_scan).InclusiveScan(items, scanned, MaxOp());
  __syncthreads();
  for (int i = 0; i < kItems; ++i) o[11 + kItems + i] = scanned[i];
  const float f = fin[base + t];
  const float fsum = BlockReduceF(block_reduce_f).Sum(f);
  if (t == 0) fout[blockIdx.x] = fsum;
}

// Loads, exchanges and stores: every thread's blocked items after each step.
__global__ void load_exchange_store(const int* in, int* blocked, int* striped, int* warp_striped, int* stored) {
  typedef cub::BlockLoad<int, kThreads, kItems, cub::BLOCK_LOAD_TRANSPOSE> Load;
  typedef cub::BlockLoad<int, kThreads, kItems, cub::BLOCK_LOAD_WARP_TRANSPOSE> LoadWarp;
  typedef cub::BlockExchange<int, kThreads, kItems> Exchange;
  typedef cub::BlockStore<int, kThreads, kItems, cub::BLOCK_STORE_TRANSPOSE> Store;
  __shared__ typename Load::TempStorage load;
  __shared__ typename LoadWarp::TempStorage load_warp;
  __shared__ typename Exchange::TempStorage exchange;
  __shared__ typename Store::TempStorage store;
  const int t = threadIdx.x, base = blockIdx.x * kTile;
  int items[kItems];
  Load(load).Load(in + base, items);
  for (int i = 0; i < kItems; ++i) blocked[base + t * kItems + i] = items[i];
  __syncthreads();
  Exchange(exchange).BlockedToStriped(items, items);
  for (int i = 0; i < kItems; ++i) striped[base + t * kItems + i] = items[i];
  __syncthreads();
  int w[kItems];
  LoadWarp(load_warp).Load(in + base, w, kTile - 37, -1);
  for (int i = 0; i < kItems; ++i) warp_striped[base + t * kItems + i] = w[i];
  __syncthreads();
  Exchange(exchange).StripedToBlocked(items, items);
  Store(store).Store(stored + base, items);
}

__global__ void radix_sorts(const int* in, const float* fin, int* keys_out, int* values_out, float* fkeys_out,
                            int* desc_out) {
  typedef cub::BlockRadixSort<int, kThreads, kItems, int> SortPairs;
  typedef cub::BlockRadixSort<float, kThreads, kItems> SortFloat;
  typedef cub::BlockRadixSort<int, kThreads, kItems> SortKeys;
  __shared__ typename SortPairs::TempStorage pairs;
  __shared__ typename SortFloat::TempStorage floats;
  __shared__ typename SortKeys::TempStorage keys_only;
  const int t = threadIdx.x, base = blockIdx.x * kTile;
  int keys[kItems], values[kItems], desc[kItems];
  float fkeys[kItems];
  for (int i = 0; i < kItems; ++i) {
    keys[i] = in[base + t * kItems + i] % 50;  // many equal keys: the sort must be stable
    values[i] = t * kItems + i;
    desc[i] = in[base + t * kItems + i];
    fkeys[i] = fin[base + t * kItems + i];
  }
  SortPairs(pairs).Sort(keys, values);
  SortFloat(floats).Sort(fkeys);
  SortKeys(keys_only).SortDescending(desc);
  for (int i = 0; i < kItems; ++i) {
    keys_out[base + t * kItems + i] = keys[i];
    values_out[base + t * kItems + i] = values[i];
    fkeys_out[base + t * kItems + i] = fkeys[i];
    desc_out[base + t * kItems + i] = desc[i];
  }
}

int main() {
  const int n = kBlocks * kTile;
  std::vector<int> in(n);
  std::vector<float> fin(n);
  for (int i = 0; i < n; ++i) {
    in[i] = input_value(i);
    fin[i] = static_cast<float>(input_value(i * 3 + 1)) * 0.37f + (i % 5 == 0 ? -0.0f : 0.0f);
  }
  const int* d_in = dual_upload(in);
  const float* d_fin = dual_upload(fin);
  int* out = dual_alloc<int>(kBlocks * kThreads * kPerThread);
  float* fout = dual_alloc<float>(kBlocks);
  KQ_LAUNCH(reductions_and_scans, kBlocks, kThreads, 0, d_in, d_fin, out, fout);
  if (dual_check_launch("reductions_and_scans")) return 1;
  dual_print_all("scan", dual_fetch(out, kBlocks * kThreads * kPerThread));
  dual_print_all("fsum", dual_fetch(fout, kBlocks));
  int *blocked = dual_alloc<int>(n), *striped = dual_alloc<int>(n), *warp = dual_alloc<int>(n), *stored = dual_alloc<int>(n);
  KQ_LAUNCH(load_exchange_store, kBlocks, kThreads, 0, d_in, blocked, striped, warp, stored);
  if (dual_check_launch("load_exchange_store")) return 1;
  dual_print_all("blocked", dual_fetch(blocked, n));
  dual_print_all("striped", dual_fetch(striped, n));
  dual_print_all("warp_load", dual_fetch(warp, n));
  dual_print_all("stored", dual_fetch(stored, n));
  int *keys = dual_alloc<int>(n), *values = dual_alloc<int>(n), *desc = dual_alloc<int>(n);
  float* fkeys = dual_alloc<float>(n);
  KQ_LAUNCH(radix_sorts, kBlocks, kThreads, 0, d_in, d_fin, keys, values, fkeys, desc);
  if (dual_check_launch("radix_sorts")) return 1;
  dual_print_all("keys", dual_fetch(keys, n));
  dual_print_all("values", dual_fetch(values, n));
  dual_print_all("fkeys", dual_fetch(fkeys, n));
  dual_print_all("desc", dual_fetch(desc, n));
  return 0;
}
