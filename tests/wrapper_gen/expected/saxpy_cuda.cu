// Host program for the CUDA kernel `saxpy`, test case "typical".
//
// Every buffer is filled from a fixed seed, so each backend sees the same
// bytes. The kernel runs once on fresh buffers; then each output is written as
// <name>.npy and each input, as the kernel left it, as <name>.in_after.npy, so
// the outputs can be compared with a reference and the inputs checked for
// stray writes. Device variables the kernel reads or writes are set and read
// back through their symbols like buffers; printed lines go to printf.txt.
// result.json records the status, the device and any error.
// Only after that are 10 launches timed, after one warm-up launch.
#include "saxpy.cu"

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kq/host.hpp"

int main() {
  // Written on every way out, a failed runtime call (KQ_CHECK) included.
  kq::RunResult result("result.json");

  cudaDeviceProp prop{};
  KQ_CHECK(cudaGetDeviceProperties(&prop, 0));
  result.set_device(prop.name);

  // Scalar arguments, passed by value.
  const int n = 1000;
  const float a = 2.0f;

  // x: 1000 x float (in), uniform in [-1, 1], seed 1.
  const std::size_t x_bytes = 1000 * sizeof(float);
  std::vector<float> h_x(1000);
  kq::fill_uniform(h_x.data(), h_x.size(), -1, 1, 1);
  float* d_x = nullptr;
  KQ_CHECK(cudaMalloc(&d_x, x_bytes));
  KQ_CHECK(cudaMemcpy(d_x, h_x.data(), x_bytes, cudaMemcpyHostToDevice));

  // y: 1000 x float (inout), normal(0, 1), seed 2.
  const std::size_t y_bytes = 1000 * sizeof(float);
  std::vector<float> h_y(1000);
  kq::fill_normal(h_y.data(), h_y.size(), 0, 1, 2);
  float* d_y = nullptr;
  KQ_CHECK(cudaMalloc(&d_y, y_bytes));
  KQ_CHECK(cudaMemcpy(d_y, h_y.data(), y_bytes, cudaMemcpyHostToDevice));

  const dim3 grid(4, 1, 1);
  const dim3 block(256, 1, 1);
  const std::size_t shared_bytes = 0;

  // Correctness run: one launch on the fresh buffers.
  saxpy<<<grid, block, shared_bytes>>>(n, a, d_x, d_y);
  KQ_CHECK(cudaGetLastError());
  KQ_CHECK(cudaDeviceSynchronize());

  // Outputs, and inputs as the kernel left them.
  bool saved = true;
  KQ_CHECK(cudaMemcpy(h_x.data(), d_x, x_bytes, cudaMemcpyDeviceToHost));
  saved = kq::write_npy("x.in_after.npy", h_x) && saved;
  KQ_CHECK(cudaMemcpy(h_y.data(), d_y, y_bytes, cudaMemcpyDeviceToHost));
  saved = kq::write_npy("y.npy", h_y) && saved;
  if (!saved) {
    result.set_error("could not write every output file");
    return 1;
  }

  // Timing: the outputs are saved, so relaunching on the same buffers is harmless.
  cudaEvent_t start = nullptr;
  cudaEvent_t stop = nullptr;
  KQ_CHECK(cudaEventCreate(&start));
  KQ_CHECK(cudaEventCreate(&stop));
  saxpy<<<grid, block, shared_bytes>>>(n, a, d_x, d_y);  // warm-up
  KQ_CHECK(cudaGetLastError());
  KQ_CHECK(cudaDeviceSynchronize());
  const int timed_launches = 10;
  KQ_CHECK(cudaEventRecord(start));
  for (int i = 0; i < timed_launches; ++i) {
    saxpy<<<grid, block, shared_bytes>>>(n, a, d_x, d_y);
  }
  KQ_CHECK(cudaEventRecord(stop));
  KQ_CHECK(cudaEventSynchronize(stop));
  KQ_CHECK(cudaGetLastError());
  float total_ms = 0;
  KQ_CHECK(cudaEventElapsedTime(&total_ms, start, stop));
  result.set_kernel_ms(total_ms / timed_launches);
  KQ_CHECK(cudaEventDestroy(start));
  KQ_CHECK(cudaEventDestroy(stop));

  KQ_CHECK(cudaFree(d_x));
  KQ_CHECK(cudaFree(d_y));
  result.set_status("pass");
  return 0;
}
