#pragma once
// Legacy texture references on the simulator: `texture<T, dim, readMode> ref;`
// at file scope, bound by cudaBindTexture (linear memory), cudaBindTexture2D
// (pitched memory) or cudaBindTextureToArray (a CUDA array), read by
// tex1Dfetch / tex1D / tex2D / tex3D on the reference. Binding creates a
// texture object (texture.hpp) from the reference's attributes as they are at
// that moment (normalized, filterMode, addressMode), so every read follows the
// object rules: 9-bit linear weights, the addressing modes, normalized reads.
// The HIP names (hipBindTexture, hipReadModeElementType, ...) map to the same.
#include <climits>
#include <cstddef>
#include <utility>

#include "kq/sim/texture.hpp"

#define cudaTextureType1D 0x01
#define cudaTextureType2D 0x02
#define cudaTextureType3D 0x03

struct textureReference {
  int normalized = 0;
  cudaTextureFilterMode filterMode = cudaFilterModePoint;
  cudaTextureAddressMode addressMode[3] = {cudaAddressModeClamp, cudaAddressModeClamp, cudaAddressModeClamp};
  cudaChannelFormatDesc channelDesc{};
  int sRGB = 0;
  unsigned maxAnisotropy = 0;
  // The texture object the last bind made; 0 while unbound.
  mutable unsigned long long kq_object = 0;
};

template <class T, int dim = cudaTextureType1D, cudaTextureReadMode mode = cudaReadModeElementType>
struct texture : textureReference {
  texture() { channelDesc = cudaCreateChannelDesc<T>(); }
  texture(int norm, cudaTextureFilterMode filter = cudaFilterModePoint,
          cudaTextureAddressMode address = cudaAddressModeClamp) {
    normalized = norm;
    filterMode = filter;
    addressMode[0] = addressMode[1] = addressMode[2] = address;
    channelDesc = cudaCreateChannelDesc<T>();
  }
  texture(int norm, cudaTextureFilterMode filter, cudaTextureAddressMode address, cudaChannelFormatDesc desc) {
    normalized = norm;
    filterMode = filter;
    addressMode[0] = addressMode[1] = addressMode[2] = address;
    channelDesc = desc;
  }
};

namespace kq::sim::detail {

// What a read of a reference returns: the element type, or for a
// normalized-float read of integers, float with the element's components.
template <class T, cudaTextureReadMode mode, int n = VecInfo<T>::n>
struct ReferenceValue {
  using type = T;
};
template <class T>
struct ReferenceValue<T, cudaReadModeNormalizedFloat, 1> {
  using type = float;
};
template <class T>
struct ReferenceValue<T, cudaReadModeNormalizedFloat, 2> {
  using type = float2;
};
template <class T>
struct ReferenceValue<T, cudaReadModeNormalizedFloat, 4> {
  using type = float4;
};

template <class T, int dim, cudaTextureReadMode mode>
cudaError_t bind_reference(const texture<T, dim, mode>& ref, cudaResourceDesc res) {
  cudaTextureDesc td{};
  for (int d = 0; d < 3; ++d) td.addressMode[d] = ref.addressMode[d];
  td.filterMode = ref.filterMode;
  td.readMode = mode;
  td.normalizedCoords = ref.normalized;
  ref.kq_object = register_object(res, &td);
  return ref.kq_object ? cudaSuccess : record_error(cudaErrorInvalidValue);
}

inline unsigned long long bound_object(const textureReference& ref) {
  if (ref.kq_object == 0) {
    std::fprintf(stderr, "kq-sim: a texture reference is read before any cudaBindTexture*\n");
    std::abort();
  }
  return ref.kq_object;
}

}  // namespace kq::sim::detail

// ---- host --------------------------------------------------------------------
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaBindTexture(std::size_t* offset, const texture<T, dim, mode>& ref, const void* dev_ptr,
                            const cudaChannelFormatDesc& desc, std::size_t size = UINT_MAX) {
  if (offset) *offset = 0;  // cudaMalloc'd memory is aligned: reads start at the pointer
  cudaResourceDesc res{};
  res.resType = cudaResourceTypeLinear;
  res.res.linear.devPtr = const_cast<void*>(dev_ptr);
  res.res.linear.desc = desc;
  res.res.linear.sizeInBytes = size;
  return kq::sim::detail::bind_reference(ref, res);
}
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaBindTexture(std::size_t* offset, const texture<T, dim, mode>& ref, const void* dev_ptr,
                            std::size_t size = UINT_MAX) {
  return cudaBindTexture(offset, ref, dev_ptr, ref.channelDesc, size);
}
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaBindTexture2D(std::size_t* offset, const texture<T, dim, mode>& ref, const void* dev_ptr,
                              const cudaChannelFormatDesc& desc, std::size_t width, std::size_t height,
                              std::size_t pitch) {
  if (offset) *offset = 0;
  cudaResourceDesc res{};
  res.resType = cudaResourceTypePitch2D;
  res.res.pitch2D.devPtr = const_cast<void*>(dev_ptr);
  res.res.pitch2D.desc = desc;
  res.res.pitch2D.width = width;
  res.res.pitch2D.height = height;
  res.res.pitch2D.pitchInBytes = pitch;
  return kq::sim::detail::bind_reference(ref, res);
}
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaBindTexture2D(std::size_t* offset, const texture<T, dim, mode>& ref, const void* dev_ptr,
                              std::size_t width, std::size_t height, std::size_t pitch) {
  return cudaBindTexture2D(offset, ref, dev_ptr, ref.channelDesc, width, height, pitch);
}
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaBindTextureToArray(const texture<T, dim, mode>& ref, cudaArray_const_t array,
                                   const cudaChannelFormatDesc&) {
  cudaResourceDesc res{};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = const_cast<cudaArray_t>(array);
  return kq::sim::detail::bind_reference(ref, res);
}
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaBindTextureToArray(const texture<T, dim, mode>& ref, cudaArray_const_t array) {
  return cudaBindTextureToArray(ref, array, ref.channelDesc);
}
template <class T, int dim, cudaTextureReadMode mode>
cudaError_t cudaUnbindTexture(const texture<T, dim, mode>& ref) {
  ref.kq_object = 0;
  return cudaSuccess;
}

// ---- device ------------------------------------------------------------------
template <class T, int dim, cudaTextureReadMode mode>
typename kq::sim::detail::ReferenceValue<T, mode>::type tex1Dfetch(const texture<T, dim, mode>& ref, int x) {
  return tex1Dfetch<typename kq::sim::detail::ReferenceValue<T, mode>::type>(kq::sim::detail::bound_object(ref), x);
}
template <class T, int dim, cudaTextureReadMode mode>
typename kq::sim::detail::ReferenceValue<T, mode>::type tex1D(const texture<T, dim, mode>& ref, float x) {
  return tex1D<typename kq::sim::detail::ReferenceValue<T, mode>::type>(kq::sim::detail::bound_object(ref), x);
}
template <class T, int dim, cudaTextureReadMode mode>
typename kq::sim::detail::ReferenceValue<T, mode>::type tex2D(const texture<T, dim, mode>& ref, float x, float y) {
  return tex2D<typename kq::sim::detail::ReferenceValue<T, mode>::type>(kq::sim::detail::bound_object(ref), x, y);
}
template <class T, int dim, cudaTextureReadMode mode>
typename kq::sim::detail::ReferenceValue<T, mode>::type tex3D(const texture<T, dim, mode>& ref, float x, float y,
                                                               float z) {
  return tex3D<typename kq::sim::detail::ReferenceValue<T, mode>::type>(kq::sim::detail::bound_object(ref), x, y, z);
}

// ---- HIP names -----------------------------------------------------------------
#define hipReadModeElementType cudaReadModeElementType
#define hipReadModeNormalizedFloat cudaReadModeNormalizedFloat
#define hipFilterModePoint cudaFilterModePoint
#define hipFilterModeLinear cudaFilterModeLinear
#define hipAddressModeWrap cudaAddressModeWrap
#define hipAddressModeClamp cudaAddressModeClamp
#define hipAddressModeMirror cudaAddressModeMirror
#define hipAddressModeBorder cudaAddressModeBorder
#define hipTextureType1D cudaTextureType1D
#define hipTextureType2D cudaTextureType2D
#define hipTextureType3D cudaTextureType3D
using hipChannelFormatDesc = cudaChannelFormatDesc;
using hipArray = cudaArray;
using hipArray_t = cudaArray_t;
using hipArray_const_t = cudaArray_const_t;
using hipTextureReadMode = cudaTextureReadMode;
using hipTextureFilterMode = cudaTextureFilterMode;
using hipTextureAddressMode = cudaTextureAddressMode;
template <class T>
hipChannelFormatDesc hipCreateChannelDesc() {
  return cudaCreateChannelDesc<T>();
}
template <class... A>
hipError_t hipBindTexture(A&&... a) {
  return static_cast<hipError_t>(cudaBindTexture(std::forward<A>(a)...));
}
template <class... A>
hipError_t hipBindTexture2D(A&&... a) {
  return static_cast<hipError_t>(cudaBindTexture2D(std::forward<A>(a)...));
}
template <class... A>
hipError_t hipBindTextureToArray(A&&... a) {
  return static_cast<hipError_t>(cudaBindTextureToArray(std::forward<A>(a)...));
}
template <class T, int dim, cudaTextureReadMode mode>
hipError_t hipUnbindTexture(const texture<T, dim, mode>& ref) {
  return static_cast<hipError_t>(cudaUnbindTexture(ref));
}
