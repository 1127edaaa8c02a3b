#pragma once
// The CUDA texture and surface types the host creates: channel formats, CUDA
// arrays, resource and texture descriptions, texture/surface object handles.
#include <cstddef>
#include <type_traits>
#include <vector>

#include "kq/sim/half.hpp"
#include "kq/sim/vector_types.hpp"

enum cudaChannelFormatKind {
  cudaChannelFormatKindSigned = 0,
  cudaChannelFormatKindUnsigned = 1,
  cudaChannelFormatKindFloat = 2,
  cudaChannelFormatKindNone = 3,
};
struct cudaChannelFormatDesc {
  int x, y, z, w;
  cudaChannelFormatKind f;
};

struct cudaArray {
  cudaChannelFormatDesc desc;
  std::size_t width, height, depth;
  std::vector<unsigned char> bytes;  // rows of width texels, no padding
};
typedef cudaArray* cudaArray_t;
typedef const cudaArray* cudaArray_const_t;
struct cudaMipmappedArray;
typedef cudaMipmappedArray* cudaMipmappedArray_t;
struct cudaExtent {
  std::size_t width, height, depth;
};
inline cudaExtent make_cudaExtent(std::size_t w, std::size_t h, std::size_t d) { return cudaExtent{w, h, d}; }

enum cudaResourceType {
  cudaResourceTypeArray = 0,
  cudaResourceTypeMipmappedArray = 1,
  cudaResourceTypeLinear = 2,
  cudaResourceTypePitch2D = 3,
};
struct cudaResourceDesc {
  cudaResourceType resType;
  union {
    struct {
      cudaArray_t array;
    } array;
    struct {
      cudaMipmappedArray_t mipmap;
    } mipmap;
    struct {
      void* devPtr;
      cudaChannelFormatDesc desc;
      std::size_t sizeInBytes;
    } linear;
    struct {
      void* devPtr;
      cudaChannelFormatDesc desc;
      std::size_t width, height, pitchInBytes;
    } pitch2D;
  } res;
};
struct cudaResourceViewDesc;

enum cudaTextureAddressMode { cudaAddressModeWrap = 0, cudaAddressModeClamp = 1, cudaAddressModeMirror = 2, cudaAddressModeBorder = 3 };
enum cudaTextureFilterMode { cudaFilterModePoint = 0, cudaFilterModeLinear = 1 };
enum cudaTextureReadMode { cudaReadModeElementType = 0, cudaReadModeNormalizedFloat = 1 };
enum cudaSurfaceBoundaryMode { cudaBoundaryModeZero = 0, cudaBoundaryModeClamp = 1, cudaBoundaryModeTrap = 2 };
struct cudaTextureDesc {
  cudaTextureAddressMode addressMode[3];
  cudaTextureFilterMode filterMode;
  cudaTextureReadMode readMode;
  int sRGB;
  float borderColor[4];
  int normalizedCoords;
  unsigned maxAnisotropy;
  cudaTextureFilterMode mipmapFilterMode;
  float mipmapLevelBias, minMipmapLevelClamp, maxMipmapLevelClamp;
  int disableTrilinearOptimization;
  int seamlessCubemap;
};
typedef unsigned long long cudaTextureObject_t;
typedef unsigned long long cudaSurfaceObject_t;
#define cudaArrayDefault 0x00
#define cudaArraySurfaceLoadStore 0x02
#define cudaArrayTextureGather 0x08

namespace kq::sim::detail {

// Components of a texel or of a fetched value: float2 has 2 floats, int 1 int.
template <class T, class = void>
struct VecInfo {
  using Scalar = T;
  static constexpr int n = 1;
};
template <class T>
struct VecInfo<T, std::void_t<decltype(T::x)>> {
  using Scalar = decltype(T::x);
  static constexpr int n = static_cast<int>(sizeof(T) / sizeof(Scalar));
};

template <class S>
constexpr cudaChannelFormatKind kind_of() {
  return std::is_floating_point<S>::value || std::is_same<S, __half>::value ? cudaChannelFormatKindFloat
         : std::is_signed<S>::value                                          ? cudaChannelFormatKindSigned
                                                                             : cudaChannelFormatKindUnsigned;
}

}  // namespace kq::sim::detail

inline cudaChannelFormatDesc cudaCreateChannelDesc(int x, int y, int z, int w, cudaChannelFormatKind f) {
  return cudaChannelFormatDesc{x, y, z, w, f};
}
template <class T>
cudaChannelFormatDesc cudaCreateChannelDesc() {
  using Info = kq::sim::detail::VecInfo<T>;
  const int bits = static_cast<int>(8 * sizeof(typename Info::Scalar));
  return cudaChannelFormatDesc{bits, Info::n > 1 ? bits : 0, Info::n > 2 ? bits : 0, Info::n > 3 ? bits : 0,
                               kq::sim::detail::kind_of<typename Info::Scalar>()};
}
inline cudaChannelFormatDesc cudaCreateChannelDescHalf() { return {16, 0, 0, 0, cudaChannelFormatKindFloat}; }
inline cudaChannelFormatDesc cudaCreateChannelDescHalf2() { return {16, 16, 0, 0, cudaChannelFormatKindFloat}; }
inline cudaChannelFormatDesc cudaCreateChannelDescHalf4() { return {16, 16, 16, 16, cudaChannelFormatKindFloat}; }
