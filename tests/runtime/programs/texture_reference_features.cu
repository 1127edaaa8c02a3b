// Legacy texture references on cpu-sim, each read compared with a texture
// object of the same settings (the objects are checked against the H200 in
// gpu/texture_features.cu). Prints one line per read kind: the reference's
// values, then the object's.
#include <cuda_runtime.h>

#include <cstdio>
#include <vector>

texture<float, cudaTextureType1D, cudaReadModeElementType> linear_ref;
texture<float, cudaTextureType2D, cudaReadModeElementType> array_ref;
texture<unsigned char, cudaTextureType1D, cudaReadModeNormalizedFloat> bytes_ref;

__global__ void read_refs(float* out) {
  const int i = static_cast<int>(threadIdx.x);
  out[i] = tex1Dfetch(linear_ref, i * 2 - 1);                               // index -1 reads 0
  out[8 + i] = tex2D(array_ref, 0.3f + 0.41f * i, 0.2f + 0.37f * i);        // linear filtering, normalized coords
  out[16 + i] = tex1Dfetch(bytes_ref, i);                                   // bytes read as [0, 1]
}

__global__ void read_objects(cudaTextureObject_t lin, cudaTextureObject_t arr, cudaTextureObject_t bytes, float* out) {
  const int i = static_cast<int>(threadIdx.x);
  out[i] = tex1Dfetch<float>(lin, i * 2 - 1);
  out[8 + i] = tex2D<float>(arr, 0.3f + 0.41f * i, 0.2f + 0.37f * i);
  out[16 + i] = tex1Dfetch<float>(bytes, i);
}

int main() {
  std::vector<float> values(16), grid(4 * 3);
  for (int i = 0; i < 16; ++i) values[i] = 1.5f * i - 4;
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 4; ++x) grid[y * 4 + x] = 10.0f * y + x;
  std::vector<unsigned char> bytes = {0, 51, 102, 153, 204, 255, 17, 34};
  float* d_values = nullptr;
  unsigned char* d_bytes = nullptr;
  float* out = nullptr;
  cudaMalloc(&d_values, 16 * sizeof(float));
  cudaMalloc(&d_bytes, bytes.size());
  cudaMalloc(&out, 48 * sizeof(float));
  cudaMemcpy(d_values, values.data(), 16 * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(d_bytes, bytes.data(), bytes.size(), cudaMemcpyHostToDevice);
  cudaChannelFormatDesc fdesc = cudaCreateChannelDesc<float>();
  cudaArray_t array = nullptr;
  cudaMallocArray(&array, &fdesc, 4, 3);
  cudaMemcpy2DToArray(array, 0, 0, grid.data(), 4 * sizeof(float), 4 * sizeof(float), 3, cudaMemcpyHostToDevice);

  size_t offset = 1;
  cudaBindTexture(&offset, linear_ref, d_values, 16 * sizeof(float));
  array_ref.normalized = 1;
  array_ref.filterMode = cudaFilterModeLinear;
  array_ref.addressMode[0] = cudaAddressModeWrap;
  array_ref.addressMode[1] = cudaAddressModeMirror;
  cudaBindTextureToArray(array_ref, array);
  cudaBindTexture(nullptr, bytes_ref, d_bytes, bytes.size());
  KQ_LAUNCH(read_refs, 1, 8, 0, out);
  cudaDeviceSynchronize();

  cudaResourceDesc lin{};
  lin.resType = cudaResourceTypeLinear;
  lin.res.linear.devPtr = d_values;
  lin.res.linear.desc = fdesc;
  lin.res.linear.sizeInBytes = 16 * sizeof(float);
  cudaTextureDesc plain{};
  cudaTextureObject_t lin_obj = 0, arr_obj = 0, bytes_obj = 0;
  cudaCreateTextureObject(&lin_obj, &lin, &plain, nullptr);
  cudaResourceDesc arr{};
  arr.resType = cudaResourceTypeArray;
  arr.res.array.array = array;
  cudaTextureDesc filtered{};
  filtered.normalizedCoords = 1;
  filtered.filterMode = cudaFilterModeLinear;
  filtered.addressMode[0] = cudaAddressModeWrap;
  filtered.addressMode[1] = cudaAddressModeMirror;
  cudaCreateTextureObject(&arr_obj, &arr, &filtered, nullptr);
  cudaResourceDesc byte_res = lin;
  byte_res.res.linear.devPtr = d_bytes;
  byte_res.res.linear.desc = cudaCreateChannelDesc<unsigned char>();
  byte_res.res.linear.sizeInBytes = bytes.size();
  cudaTextureDesc normalized{};
  normalized.readMode = cudaReadModeNormalizedFloat;
  cudaCreateTextureObject(&bytes_obj, &byte_res, &normalized, nullptr);
  KQ_LAUNCH(read_objects, 1, 8, 0, lin_obj, arr_obj, bytes_obj, out + 24);
  cudaDeviceSynchronize();

  std::vector<float> h(48);
  cudaMemcpy(h.data(), out, 48 * sizeof(float), cudaMemcpyDeviceToHost);
  for (int side = 0; side < 2; ++side)
    for (int kind = 0; kind < 3; ++kind) {
      for (int i = 0; i < 8; ++i) std::printf("%s%.9g", i ? " " : "", h[side * 24 + kind * 8 + i]);
      std::printf("\n");
    }
  std::printf("%d %d\n", static_cast<int>(offset), static_cast<int>(cudaUnbindTexture(linear_ref)));
  cudaFreeArray(array);
  cudaFree(d_values);
  cudaFree(d_bytes);
  cudaFree(out);
  return 0;
}
