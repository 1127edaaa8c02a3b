// Kernels exercising the CPU execution runtime, one per sub-command. Inputs
// follow simple formulas the tests recompute; each sub-command prints its
// outputs as whitespace-separated numbers for the test to check.
#include <cooperative_groups.h>
#include <cublasLt.h>
#include <cublas_v2.h>
#include <cuda_fp16.h>
#include <cuda_profiler_api.h>
#include <cuda_runtime.h>
#include <nvtx3/nvToolsExt.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace cg = cooperative_groups;

#define CHECK(call)                                                            \
  do {                                                                         \
    cudaError_t e_ = (call);                                                   \
    if (e_ != cudaSuccess) {                                                   \
      std::printf("error %s at line %d\n", cudaGetErrorString(e_), __LINE__); \
      return 1;                                                                \
    }                                                                          \
  } while (0)

template <class T>
T* to_device(const std::vector<T>& h) {
  T* d = nullptr;
  cudaMalloc(&d, h.size() * sizeof(T));
  cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice);
  return d;
}

template <class T>
std::vector<T> to_host(const T* d, size_t n) {
  std::vector<T> h(n);
  cudaMemcpy(h.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost);
  return h;
}

template <class T>
void print_all(const std::vector<T>& v) {
  for (const T& x : v) std::printf("%s ", std::to_string(x).c_str());
  std::printf("\n");
}

int input_value(int i) { return (i * 37) % 101 - 50; }

// ---- block reduction with barriers ----------------------------------------
template <int BlockSize>
__global__ void block_sum(const int* in, int* out, int n) {
  __shared__ int partial[BlockSize];
  const int t = threadIdx.x;
  const int i = blockIdx.x * BlockSize + t;
  partial[t] = i < n ? in[i] : 0;
  __syncthreads();
  for (int stride = BlockSize / 2; stride > 0; stride /= 2) {
    if (t < stride) partial[t] += partial[t + stride];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = partial[0];
}

int run_reduce() {
  const int n = 5000, blocks = (n + 255) / 256;
  std::vector<int> in(n);
  for (int i = 0; i < n; ++i) in[i] = input_value(i);
  int* d_in = to_device(in);
  int* d_out = to_device(std::vector<int>(blocks, 0));
  KQ_LAUNCH((block_sum<256>), blocks, 256, 0, d_in, d_out, n);
  CHECK(cudaGetLastError());
  print_all(to_host(d_out, blocks));
  return 0;
}

// ---- warp shuffles and votes ----------------------------------------------
__global__ void warp_sums(const int* in, int* sums, unsigned* odd_ballots, int* xor_sums) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = in[i];
  const unsigned odd = __ballot_sync(0xffffffffu, v & 1);
  int down = v;
  for (int offset = warpSize / 2; offset > 0; offset /= 2) down += __shfl_down_sync(0xffffffffu, down, offset);
  int all = v;
  for (int mask = 1; mask < warpSize; mask *= 2) all += __shfl_xor_sync(0xffffffffu, all, mask);
  const int lane = threadIdx.x % warpSize;
  const int warp = i / warpSize;
  if (lane == 0) {
    sums[warp] = down;
    odd_ballots[warp] = odd;
  }
  if (lane == 5) xor_sums[warp] = all;  // every lane holds the total after a butterfly
}

int run_warp() {
  const int n = 256;
  std::vector<int> in(n);
  for (int i = 0; i < n; ++i) in[i] = input_value(i);
  int* d_in = to_device(in);
  int* d_sums = to_device(std::vector<int>(n / 32));
  unsigned* d_ballots = to_device(std::vector<unsigned>(n / 32));
  int* d_xor = to_device(std::vector<int>(n / 32));
  KQ_LAUNCH(warp_sums, 2, 128, 0, d_in, d_sums, d_ballots, d_xor);
  CHECK(cudaGetLastError());
  print_all(to_host(d_sums, n / 32));
  print_all(to_host(d_ballots, n / 32));
  print_all(to_host(d_xor, n / 32));
  return 0;
}

// ---- dynamic shared memory --------------------------------------------------
__global__ void reverse_in_block(const float* in, float* out) {
  extern __shared__ float staged[];
  const int t = threadIdx.x;
  staged[t] = in[blockIdx.x * blockDim.x + t];
  __syncthreads();
  out[blockIdx.x * blockDim.x + t] = staged[blockDim.x - 1 - t];
}

int run_dynshared() {
  const int block = 96, blocks = 3, n = block * blocks;
  std::vector<float> in(n);
  for (int i = 0; i < n; ++i) in[i] = static_cast<float>(input_value(i));
  float* d_in = to_device(in);
  float* d_out = to_device(std::vector<float>(n));
  KQ_LAUNCH(reverse_in_block, blocks, block, block * sizeof(float), d_in, d_out);
  CHECK(cudaGetLastError());
  print_all(to_host(d_out, n));
  return 0;
}

// ---- atomics across blocks ------------------------------------------------
__global__ void histogram(const int* values, int n, unsigned* bins, float* total, int* maximum) {
  __shared__ unsigned local[64];
  for (int b = threadIdx.x; b < 64; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    atomicAdd(&local[values[i]], 1u);
    atomicAdd(total, 0.5f);
    atomicMax(maximum, values[i] * 3);
  }
  __syncthreads();
  for (int b = threadIdx.x; b < 64; b += blockDim.x) atomicAdd(&bins[b], local[b]);
}

int run_histogram() {
  const int n = 100000;
  std::vector<int> values(n);
  for (int i = 0; i < n; ++i) values[i] = (i * 7919) % 64;
  int* d_values = to_device(values);
  unsigned* d_bins = to_device(std::vector<unsigned>(64, 0));
  float* d_total = to_device(std::vector<float>(1, 0.0f));
  int* d_max = to_device(std::vector<int>(1, -1));
  KQ_LAUNCH(histogram, 40, 128, 0, d_values, n, d_bins, d_total, d_max);
  CHECK(cudaGetLastError());
  print_all(to_host(d_bins, 64));
  std::printf("%.1f %d\n", to_host(d_total, 1)[0], to_host(d_max, 1)[0]);
  return 0;
}

// ---- transpose through shared memory (2-D grid) -----------------------------
constexpr int kTile = 16;
__global__ void transpose(const float* in, float* out, int rows, int cols) {
  __shared__ float tile[kTile][kTile + 1];
  int x = blockIdx.x * kTile + threadIdx.x;
  int y = blockIdx.y * kTile + threadIdx.y;
  if (x < cols && y < rows) tile[threadIdx.y][threadIdx.x] = in[y * cols + x];
  __syncthreads();
  x = blockIdx.y * kTile + threadIdx.x;
  y = blockIdx.x * kTile + threadIdx.y;
  if (x < rows && y < cols) out[y * rows + x] = tile[threadIdx.x][threadIdx.y];
}

int run_transpose() {
  const int rows = 37, cols = 50;
  std::vector<float> in(rows * cols);
  for (int i = 0; i < rows * cols; ++i) in[i] = static_cast<float>(i);
  float* d_in = to_device(in);
  float* d_out = to_device(std::vector<float>(rows * cols));
  const dim3 block(kTile, kTile);
  const dim3 grid((cols + kTile - 1) / kTile, (rows + kTile - 1) / kTile);
  KQ_LAUNCH(transpose, grid, block, 0, d_in, d_out, rows, cols);
  CHECK(cudaGetLastError());
  print_all(to_host(d_out, rows * cols));
  return 0;
}

// ---- a templated kernel ------------------------------------------------------
template <class T, int Factor>
__global__ void scale_add(const T* x, T* y, T offset, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i] * static_cast<T>(Factor) + offset;
}

int run_template() {
  const int n = 10;
  std::vector<double> x(n);
  std::vector<int> xi(n);
  for (int i = 0; i < n; ++i) x[i] = i * 0.25, xi[i] = i;
  double* d_x = to_device(x);
  double* d_y = to_device(std::vector<double>(n));
  int* d_xi = to_device(xi);
  int* d_yi = to_device(std::vector<int>(n));
  KQ_LAUNCH((scale_add<double, 3>), 1, 32, 0, d_x, d_y, 0.5, n);
  KQ_LAUNCH((scale_add<int, -2>), 2, 8, 0, d_xi, d_yi, 7, n);
  CHECK(cudaGetLastError());
  print_all(to_host(d_y, n));
  print_all(to_host(d_yi, n));
  return 0;
}

// ---- __half arithmetic ------------------------------------------------------
__global__ void half_ops(const float* in, unsigned short* out) {
  const __half a = __float2half(in[0]);
  const __half b = __float2half(in[1]);
  out[0] = __half_as_ushort(a);
  out[1] = __half_as_ushort(b);
  out[2] = __half_as_ushort(__hadd(a, b));
  out[3] = __half_as_ushort(__hmul(a, b));
  out[4] = __half_as_ushort(a - b);
  out[5] = __half_as_ushort(__float2half(in[2]));  // rounds to infinity
  out[6] = __half_as_ushort(__float2half(in[3]));  // subnormal
  out[7] = __half_as_ushort(__float2half(in[4]));  // tie, rounds to even
}

int run_half() {
  const std::vector<float> in = {1.0f / 3.0f, 2.7182817f, 65520.0f, 1.0e-6f, 2049.0f};
  float* d_in = to_device(in);
  unsigned short* d_out = to_device(std::vector<unsigned short>(8));
  KQ_LAUNCH(half_ops, 1, 1, 0, d_in, d_out);
  CHECK(cudaGetLastError());
  print_all(to_host(d_out, 8));
  return 0;
}

// ---- __constant__ memory ----------------------------------------------------
__constant__ float poly[4];

__global__ void eval_poly(const float* x, float* y, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = poly[0] + x[i] * (poly[1] + x[i] * (poly[2] + x[i] * poly[3]));
}

int run_constant() {
  const float coeffs[4] = {1.0f, -2.0f, 0.5f, 0.25f};
  CHECK(cudaMemcpyToSymbol(poly, coeffs, sizeof coeffs));
  const int n = 8;
  std::vector<float> x(n);
  for (int i = 0; i < n; ++i) x[i] = static_cast<float>(i);
  float* d_x = to_device(x);
  float* d_y = to_device(std::vector<float>(n));
  KQ_LAUNCH(eval_poly, 1, 64, 0, d_x, d_y, n);
  CHECK(cudaGetLastError());
  print_all(to_host(d_y, n));
  return 0;
}

// ---- cooperative groups -------------------------------------------------------
__global__ void tile_sums(const int* in, int* out) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<16> tile = cg::tiled_partition<16>(block);
  const int v = in[block.thread_rank()];
  block.sync();
  const int sum = cg::reduce(tile, v, cg::plus<int>());
  if (tile.thread_rank() == 0) out[tile.meta_group_rank()] = sum;
}

int run_coop() {
  std::vector<int> in(64);
  for (int i = 0; i < 64; ++i) in[i] = input_value(i);
  int* d_in = to_device(in);
  int* d_out = to_device(std::vector<int>(4));
  KQ_LAUNCH(tile_sums, 1, 64, 0, d_in, d_out);
  CHECK(cudaGetLastError());
  print_all(to_host(d_out, 4));
  return 0;
}

__global__ void grid_wide(int* out) {
  cg::grid_group grid = cg::this_grid();
  out[grid.thread_rank()] = 1;
  grid.sync();
}

int run_grid_sync() {
  int* d = to_device(std::vector<int>(64));
  KQ_LAUNCH(grid_wide, 2, 32, 0, d);
  return 0;
}

// ---- diagnostics -------------------------------------------------------------
__global__ void divergent_barrier(int* out) {
  // Half the block waits at one barrier and half at another: neither can go on.
  if (threadIdx.x < 16) {
    __syncthreads();
  } else {
    __syncthreads();
  }
  out[threadIdx.x] = 1;
}

__global__ void exit_before_barrier(int* out, int n) {
  if (static_cast<int>(threadIdx.x) >= n) return;
  __syncthreads();
  out[threadIdx.x] = 1;
}

int run_diverge(bool early_exit) {
  int* d_out = to_device(std::vector<int>(64, 0));
  if (early_exit)
    KQ_LAUNCH(exit_before_barrier, 2, 64, 0, d_out, 40);
  else
    KQ_LAUNCH(divergent_barrier, 2, 64, 0, d_out);
  print_all(to_host(d_out, 64));
  return 0;
}

__global__ void oob_write(float* y, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) y[i] = 1.0f;  // one element past the end
}

int run_oob() {
  const int n = 100;
  float* d_x = to_device(std::vector<float>(n));
  float* d_y = to_device(std::vector<float>(n));
  kq::sim::name_buffer(d_x, "x");
  kq::sim::name_buffer(d_y, "y");
  KQ_LAUNCH(oob_write, 4, 32, 0, d_y, n);
  std::printf("not reached\n");
  return 0;
}

// Each thread reads its right neighbour, which that neighbour also writes:
// the result depends on which runs first.
__global__ void racy_shift(int* data, int n) {
  const int i = threadIdx.x;
  if (i + 1 < n) data[i] = data[i + 1] + 1;
}

int run_racy() {
  std::vector<int> in(32);
  for (int i = 0; i < 32; ++i) in[i] = i * 10;
  int* d = to_device(in);
  KQ_LAUNCH(racy_shift, 1, 32, 0, d, 32);
  print_all(to_host(d, 32));
  return 0;
}

int run_config() {
  int* d = to_device(std::vector<int>(4));
  KQ_LAUNCH(racy_shift, 1, 2048, 0, d, 4);
  std::printf("%d\n", static_cast<int>(cudaGetLastError()));
  std::printf("%d\n", static_cast<int>(cudaGetLastError()));
  return 0;
}

__global__ void say_hello(int base) { printf("hello %d\n", base + static_cast<int>(threadIdx.x)); }

int run_printf() {
  KQ_LAUNCH(say_hello, 4, 8, 0, 100);
  std::fflush(stdout);
  return 0;
}

__global__ void add_value(int* data, int value) { data[threadIdx.x] += value; }

// cudaLaunchKernel passes arguments as an array of pointers.
int run_launch_kernel() {
  int* d = to_device(std::vector<int>(8, 1));
  int value = 5;
  void* args[] = {&d, &value};
  CHECK(cudaLaunchKernel(add_value, dim3(1), dim3(8), args, 0, nullptr));
  print_all(to_host(d, 8));
  return 0;
}

// Units keep their files' includes of host libraries (cuBLAS, the profiler,
// NVTX); kernels never call them, but host code around them may.
int run_host_libraries() {
  cublasHandle_t handle = nullptr;
  nvtxRangePushA("scale");
  CHECK(cudaProfilerStart());
  CHECK(cudaProfilerStop());
  nvtxRangePop();
  std::printf("%d\n", handle == nullptr ? 1 : 0);
  return 0;
}

int main(int argc, char** argv) {
  const std::string what = argc > 1 ? argv[1] : "";
  if (what == "reduce") return run_reduce();
  if (what == "warp") return run_warp();
  if (what == "dynshared") return run_dynshared();
  if (what == "histogram") return run_histogram();
  if (what == "transpose") return run_transpose();
  if (what == "template") return run_template();
  if (what == "half") return run_half();
  if (what == "constant") return run_constant();
  if (what == "coop") return run_coop();
  if (what == "grid_sync") return run_grid_sync();
  if (what == "diverge") return run_diverge(false);
  if (what == "exit_diverge") return run_diverge(true);
  if (what == "oob") return run_oob();
  if (what == "racy") return run_racy();
  if (what == "config") return run_config();
  if (what == "printf") return run_printf();
  if (what == "launch_kernel") return run_launch_kernel();
  if (what == "host_libraries") return run_host_libraries();
  std::printf("unknown sub-command '%s'\n", what.c_str());
  return 2;
}
