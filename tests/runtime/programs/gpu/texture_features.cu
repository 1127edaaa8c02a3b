// Texture and surface objects on the CPU execution runtime. Each line of
// output is one sub-test's values, recomputed by tests/runtime/sim_texture_test.cpp;
// it also builds with nvcc, to compare with a GPU (gpu_agreement_test.cpp).
#include <cuda_runtime.h>

#include <cstdio>
#include <vector>

#ifndef KQ_LAUNCH
#define KQ_LAUNCH(k, grid, block, shared, ...) k<<<grid, block, shared>>>(__VA_ARGS__)
#endif

__global__ void sample2d(cudaTextureObject_t t, const float* xs, const float* ys, float* out, int n) {
  const int i = threadIdx.x;
  if (i < n) out[i] = tex2D<float>(t, xs[i], ys[i]);
}
__global__ void sample1d(cudaTextureObject_t t, const float* xs, float* out, int n) {
  const int i = threadIdx.x;
  if (i < n) out[i] = tex1D<float>(t, xs[i]);
}
__global__ void fetch_linear(cudaTextureObject_t t, int* out, int n) {
  const int i = threadIdx.x;
  if (i < n) out[i] = tex1Dfetch<int>(t, i - 1);  // index -1 and n-1 past the end read 0
}
__global__ void normalized_uchar4(cudaTextureObject_t t, float4* out) {
  out[threadIdx.x] = tex2D<float4>(t, threadIdx.x + 0.5f, 1.5f);
}
__global__ void surface_double(cudaSurfaceObject_t s, int w, int h) {
  const int x = threadIdx.x, y = blockIdx.x;
  if (x >= w || y >= h) return;
  const float v = surf2Dread<float>(s, x * 4, y);
  surf2Dwrite(v * 2.0f + 1.0f, s, x * 4, y);
}

template <class T>
T* upload(const std::vector<T>& h) {
  T* d = nullptr;
  cudaMalloc(&d, h.size() * sizeof(T));
  cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice);
  return d;
}
template <class T>
void print(const T* d, int n) {
  std::vector<T> h(n);
  cudaMemcpy(h.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost);
  for (const T& v : h) std::printf("%.12g ", static_cast<double>(v));
  std::printf("\n");
}

cudaTextureObject_t array_texture(cudaArray_t a, cudaTextureAddressMode mode, cudaTextureFilterMode filter, int normalized) {
  cudaResourceDesc r = {};
  r.resType = cudaResourceTypeArray;
  r.res.array.array = a;
  cudaTextureDesc d = {};
  d.addressMode[0] = d.addressMode[1] = mode;
  d.filterMode = filter;
  d.readMode = cudaReadModeElementType;
  d.normalizedCoords = normalized;
  cudaTextureObject_t t = 0;
  cudaCreateTextureObject(&t, &r, &d, nullptr);
  return t;
}

int main() {
  // A 4 x 3 float array with value 10 * y + x.
  const int w = 4, h = 3;
  std::vector<float> grid(w * h);
  for (int i = 0; i < w * h; ++i) grid[i] = static_cast<float>(10 * (i / w) + i % w);
  cudaChannelFormatDesc fd = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  cudaMallocArray(&a, &fd, w, h);
  cudaMemcpy2DToArray(a, 0, 0, grid.data(), w * sizeof(float), w * sizeof(float), h, cudaMemcpyHostToDevice);
  const std::vector<float> xs = {0.5f, 3.5f, -1.5f, 4.7f, 2.2f, 1.0f}, ys = {0.5f, 2.5f, 1.5f, -3.0f, 9.0f, 1.0f};
  float* d_xs = upload(xs);
  float* d_ys = upload(ys);
  float* out = nullptr;
  cudaMalloc(&out, 64 * sizeof(float));
  const int n = static_cast<int>(xs.size());
  KQ_LAUNCH(sample2d, 1, 32, 0, array_texture(a, cudaAddressModeClamp, cudaFilterModePoint, 0), d_xs, d_ys, out, n);
  print(out, n);  // line 0: point, clamp
  KQ_LAUNCH(sample2d, 1, 32, 0, array_texture(a, cudaAddressModeBorder, cudaFilterModePoint, 0), d_xs, d_ys, out, n);
  print(out, n);  // line 1: point, border
  const std::vector<float> us = {0.125f, 1.125f, -0.125f, 0.875f, 2.6f, 0.5f}, vs = {0.5f, 0.5f, 0.5f, 1.2f, -0.4f, 0.99f};
  KQ_LAUNCH(sample2d, 1, 32, 0, array_texture(a, cudaAddressModeWrap, cudaFilterModePoint, 1), upload(us), upload(vs), out, n);
  print(out, n);  // line 2: normalized, wrap
  KQ_LAUNCH(sample2d, 1, 32, 0, array_texture(a, cudaAddressModeMirror, cudaFilterModePoint, 1), upload(us), upload(vs), out, n);
  print(out, n);  // line 3: normalized, mirror
  KQ_LAUNCH(sample2d, 1, 32, 0, array_texture(a, cudaAddressModeClamp, cudaFilterModeLinear, 0), d_xs, d_ys, out, n);
  print(out, n);  // line 4: linear, clamp

  // Line 5: 1-D linear filtering of 0, 10, 20, 30 (weights in 1/256 steps).
  cudaArray_t line = nullptr;
  cudaMallocArray(&line, &fd, 4);
  const std::vector<float> ramp = {0, 10, 20, 30};
  cudaMemcpy2DToArray(line, 0, 0, ramp.data(), sizeof ramp[0] * 4, sizeof ramp[0] * 4, 1, cudaMemcpyHostToDevice);
  const std::vector<float> lx = {1.3f, 0.5f, 2.0f, 3.999f, 0.1f};
  KQ_LAUNCH(sample1d, 1, 32, 0, array_texture(line, cudaAddressModeClamp, cudaFilterModeLinear, 0), upload(lx), out, 5);
  print(out, 5);

  // Line 6: tex1Dfetch on linear memory of ints 100, 101, ...
  std::vector<int> ints(6);
  for (int i = 0; i < 6; ++i) ints[i] = 100 + i;
  cudaResourceDesc lr = {};
  lr.resType = cudaResourceTypeLinear;
  lr.res.linear.devPtr = upload(ints);
  lr.res.linear.desc = cudaCreateChannelDesc<int>();
  lr.res.linear.sizeInBytes = ints.size() * sizeof(int);
  cudaTextureDesc ld = {};
  cudaTextureObject_t lt = 0;
  cudaCreateTextureObject(&lt, &lr, &ld, nullptr);
  int* iout = nullptr;
  cudaMalloc(&iout, 8 * sizeof(int));
  KQ_LAUNCH(fetch_linear, 1, 8, 0, lt, iout, 8);
  print(iout, 8);

  // Line 7: uchar4 in pitch-2D memory read as normalized floats (row 1: 0, 51, 102, 255).
  const int pitch = 64;
  std::vector<unsigned char> img(pitch * 2, 0);
  const unsigned char row1[8] = {0, 51, 102, 255, 255, 0, 17, 34};
  for (int i = 0; i < 8; ++i) img[pitch + i] = row1[i];
  cudaResourceDesc pr = {};
  pr.resType = cudaResourceTypePitch2D;
  pr.res.pitch2D.devPtr = upload(img);
  pr.res.pitch2D.desc = cudaCreateChannelDesc<uchar4>();
  pr.res.pitch2D.width = 2;
  pr.res.pitch2D.height = 2;
  pr.res.pitch2D.pitchInBytes = pitch;
  cudaTextureDesc pd = {};
  pd.readMode = cudaReadModeNormalizedFloat;
  cudaTextureObject_t pt = 0;
  cudaCreateTextureObject(&pt, &pr, &pd, nullptr);
  float4* f4 = nullptr;
  cudaMalloc(&f4, 2 * sizeof(float4));
  KQ_LAUNCH(normalized_uchar4, 1, 2, 0, pt, f4);
  print(reinterpret_cast<float*>(f4), 8);

  // Line 8: a surface over the float array, each texel v -> 2v + 1, read back.
  cudaResourceDesc sr = {};
  sr.resType = cudaResourceTypeArray;
  sr.res.array.array = a;
  cudaSurfaceObject_t s = 0;
  cudaCreateSurfaceObject(&s, &sr);
  KQ_LAUNCH(surface_double, h, w, 0, s, w, h);
  std::vector<float> back(w * h);
  cudaMemcpy2DFromArray(back.data(), w * sizeof(float), a, 0, 0, w * sizeof(float), h, cudaMemcpyDeviceToHost);
  for (float v : back) std::printf("%.12g ", v);
  std::printf("\n");
  cudaFreeArray(line);
  cudaFreeArray(a);
  return 0;
}
