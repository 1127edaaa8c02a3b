#pragma once
// Texture and surface objects on the simulator: CUDA arrays, linear and
// pitch-2D memory; point and linear filtering (linear weights in the GPU's
// 9-bit fixed point, 8 fractional bits); wrap, clamp, mirror and border
// addressing; normalized coordinates; element and normalized-float reads;
// surf*Dread / surf*Dwrite with byte x coordinates.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>

#include "kq/sim/errors.hpp"
#include "kq/sim/texture_types.hpp"

namespace kq::sim::detail {

struct TextureObject {
  const unsigned char* base = nullptr;
  std::size_t width = 1, height = 1, depth = 1, pitch = 0;
  cudaChannelFormatDesc format{};
  cudaTextureDesc tex{};
};

struct TextureRegistry {
  std::mutex mutex;
  std::deque<TextureObject> objects;  // handle i + 1; deque keeps references stable
};
inline TextureRegistry& textures() {
  static TextureRegistry r;
  return r;
}
inline const TextureObject& texture_of(unsigned long long handle) {
  TextureRegistry& r = textures();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (handle == 0 || handle > r.objects.size()) {
    std::fprintf(stderr, "kq-sim: texture or surface object %llu was never created\n", handle);
    std::abort();
  }
  return r.objects[handle - 1];
}

inline int channel_count(const cudaChannelFormatDesc& d) { return (d.x > 0) + (d.y > 0) + (d.z > 0) + (d.w > 0); }
inline std::size_t texel_bytes(const cudaChannelFormatDesc& d) { return static_cast<std::size_t>(d.x + d.y + d.z + d.w) / 8; }

// Component c of the texel at p, as stored (read mode element) or mapped to
// [0, 1] / [-1, 1] for 8- and 16-bit integers (normalized-float read mode).
inline double read_component(const unsigned char* p, const cudaChannelFormatDesc& d, int c, bool normalized) {
  const int bits = d.x;  // CUDA formats have equal channel sizes
  p += static_cast<std::size_t>(c) * bits / 8;
  if (d.f == cudaChannelFormatKindFloat) {
    if (bits == 16) {
      unsigned short h;
      std::memcpy(&h, p, 2);
      return ::kq::float_from_half_bits(h);
    }
    float f;
    std::memcpy(&f, p, 4);
    return f;
  }
  long long v = 0;
  if (d.f == cudaChannelFormatKindSigned) {
    if (bits == 8) v = *reinterpret_cast<const signed char*>(p);
    else if (bits == 16) { short s; std::memcpy(&s, p, 2); v = s; }
    else { int s; std::memcpy(&s, p, 4); v = s; }
    if (normalized && bits < 32) return std::fmax(static_cast<double>(v) / ((1ll << (bits - 1)) - 1), -1.0);
  } else {
    if (bits == 8) v = *p;
    else if (bits == 16) { unsigned short s; std::memcpy(&s, p, 2); v = s; }
    else { unsigned s; std::memcpy(&s, p, 4); v = s; }
    if (normalized && bits < 32) return static_cast<double>(v) / ((1ll << bits) - 1);
  }
  return static_cast<double>(v);
}

// An integer texel index for one dimension, or -1 for a border texel.
inline long long address(long long i, long long n, cudaTextureAddressMode mode, bool normalized) {
  if (!normalized && (mode == cudaAddressModeWrap || mode == cudaAddressModeMirror)) mode = cudaAddressModeClamp;
  switch (mode) {
    case cudaAddressModeWrap: return ((i % n) + n) % n;
    case cudaAddressModeMirror: {
      const long long period = ((i % (2 * n)) + 2 * n) % (2 * n);
      return period < n ? period : 2 * n - 1 - period;
    }
    case cudaAddressModeBorder: return (i < 0 || i >= n) ? -1 : i;
    default: return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }
}

struct Texel {
  double c[4] = {0, 0, 0, 0};
};

inline Texel texel_at(const TextureObject& t, const long long (&i)[3], bool normalized_read) {
  Texel out;
  const long long n[3] = {static_cast<long long>(t.width), static_cast<long long>(t.height), static_cast<long long>(t.depth)};
  long long at[3];
  for (int d = 0; d < 3; ++d) {
    at[d] = address(i[d], n[d], t.tex.addressMode[d], t.tex.normalizedCoords != 0);
    if (at[d] < 0) {
      for (int c = 0; c < 4; ++c) out.c[c] = t.tex.borderColor[c];
      return out;
    }
  }
  const unsigned char* p = t.base + (static_cast<std::size_t>(at[2]) * t.height + static_cast<std::size_t>(at[1])) * t.pitch +
                           static_cast<std::size_t>(at[0]) * texel_bytes(t.format);
  for (int c = 0; c < channel_count(t.format); ++c) out.c[c] = read_component(p, t.format, c, normalized_read);
  return out;
}

// The texture unit's interpolation weight: 9-bit fixed point, 8 fraction bits.
inline double fixed_point_weight(double frac) { return std::round(frac * 256.0) / 256.0; }

inline Texel sample(const TextureObject& t, const float (&coord)[3], int dims) {
  const bool normalized_read = t.tex.readMode == cudaReadModeNormalizedFloat && t.format.f != cudaChannelFormatKindFloat;
  const std::size_t size[3] = {t.width, t.height, t.depth};
  double x[3] = {0, 0, 0};
  for (int d = 0; d < dims; ++d) x[d] = t.tex.normalizedCoords ? static_cast<double>(coord[d]) * size[d] : coord[d];
  if (t.tex.filterMode != cudaFilterModeLinear) {
    long long i[3] = {0, 0, 0};
    for (int d = 0; d < dims; ++d) i[d] = static_cast<long long>(std::floor(x[d]));
    return texel_at(t, i, normalized_read);
  }
  long long base[3] = {0, 0, 0};
  double w[3] = {0, 0, 0};
  for (int d = 0; d < dims; ++d) {
    const double b = x[d] - 0.5;
    base[d] = static_cast<long long>(std::floor(b));
    w[d] = fixed_point_weight(b - std::floor(b));
  }
  Texel out;
  for (int corner = 0; corner < (1 << dims); ++corner) {
    long long i[3] = {base[0], base[1], base[2]};
    double weight = 1;
    for (int d = 0; d < dims; ++d) {
      const bool high = (corner >> d) & 1;
      i[d] += high;
      weight *= high ? w[d] : 1 - w[d];
    }
    const Texel v = texel_at(t, i, normalized_read);
    for (int c = 0; c < 4; ++c) out.c[c] += weight * v.c[c];
  }
  return out;
}

template <class T>
T texel_as(const Texel& v) {
  using Info = VecInfo<T>;
  T out{};
  typename Info::Scalar parts[Info::n > 0 ? Info::n : 1];
  for (int c = 0; c < Info::n; ++c) parts[c] = static_cast<typename Info::Scalar>(static_cast<float>(v.c[c]));
  std::memcpy(&out, parts, sizeof(T));
  return out;
}

template <class T>
T fetch(unsigned long long handle, float x, float y, float z, int dims) {
  const float coord[3] = {x, y, z};
  return texel_as<T>(sample(texture_of(handle), coord, dims));
}

// Surfaces address bytes in x; out-of-range accesses follow the boundary mode
// (trap stops the run, as the GPU's fault would).
inline unsigned char* surface_texel(unsigned long long handle, int x_bytes, int y, int z, std::size_t bytes,
                                    cudaSurfaceBoundaryMode mode) {
  const TextureObject& t = texture_of(handle);
  const long long row_bytes = static_cast<long long>(t.width * texel_bytes(t.format));
  long long at[3] = {x_bytes, y, z};
  const long long limit[3] = {row_bytes - static_cast<long long>(bytes) + 1, static_cast<long long>(t.height),
                              static_cast<long long>(t.depth)};
  for (int d = 0; d < 3; ++d) {
    if (at[d] >= 0 && at[d] < limit[d]) continue;
    if (mode == cudaBoundaryModeZero) return nullptr;
    if (mode == cudaBoundaryModeClamp) {
      at[d] = at[d] < 0 ? 0 : limit[d] - 1;
      if (d == 0) at[0] -= at[0] % static_cast<long long>(bytes);
      continue;
    }
    std::fprintf(stderr, "kq-sim: surface access out of bounds at (%d, %d, %d) bytes\n", x_bytes, y, z);
    std::abort();
  }
  return const_cast<unsigned char*>(t.base) + (static_cast<std::size_t>(at[2]) * t.height + static_cast<std::size_t>(at[1])) * t.pitch +
         static_cast<std::size_t>(at[0]);
}

inline unsigned long long register_object(const cudaResourceDesc& r, const cudaTextureDesc* td) {
  TextureObject o;
  if (td) o.tex = *td;
  switch (r.resType) {
    case cudaResourceTypeArray:
      o.base = r.res.array.array->bytes.data();
      o.format = r.res.array.array->desc;
      o.width = r.res.array.array->width;
      o.height = std::max<std::size_t>(1, r.res.array.array->height);
      o.depth = std::max<std::size_t>(1, r.res.array.array->depth);
      o.pitch = o.width * texel_bytes(o.format);
      break;
    case cudaResourceTypeLinear:
      o.base = static_cast<const unsigned char*>(r.res.linear.devPtr);
      o.format = r.res.linear.desc;
      o.width = r.res.linear.sizeInBytes / std::max<std::size_t>(1, texel_bytes(o.format));
      o.pitch = r.res.linear.sizeInBytes;
      break;
    case cudaResourceTypePitch2D:
      o.base = static_cast<const unsigned char*>(r.res.pitch2D.devPtr);
      o.format = r.res.pitch2D.desc;
      o.width = r.res.pitch2D.width;
      o.height = r.res.pitch2D.height;
      o.pitch = r.res.pitch2D.pitchInBytes;
      break;
    default:
      return 0;
  }
  TextureRegistry& reg = textures();
  std::lock_guard<std::mutex> lock(reg.mutex);
  reg.objects.push_back(o);
  return reg.objects.size();
}

}  // namespace kq::sim::detail

// ---- host --------------------------------------------------------------------
inline cudaError_t cudaMallocArray(cudaArray_t* array, const cudaChannelFormatDesc* desc, std::size_t width,
                                   std::size_t height = 0, unsigned = 0) {
  const std::size_t rows = std::max<std::size_t>(1, height);
  *array = new cudaArray{*desc, width, height, 0, std::vector<unsigned char>(width * rows * kq::sim::detail::texel_bytes(*desc))};
  return cudaSuccess;
}
inline cudaError_t cudaMalloc3DArray(cudaArray_t* array, const cudaChannelFormatDesc* desc, cudaExtent e, unsigned = 0) {
  const std::size_t n = e.width * std::max<std::size_t>(1, e.height) * std::max<std::size_t>(1, e.depth);
  *array = new cudaArray{*desc, e.width, e.height, e.depth, std::vector<unsigned char>(n * kq::sim::detail::texel_bytes(*desc))};
  return cudaSuccess;
}
inline cudaError_t cudaFreeArray(cudaArray_t array) {
  delete array;
  return cudaSuccess;
}
inline cudaError_t cudaMemcpy2DToArray(cudaArray_t dst, std::size_t w_offset, std::size_t h_offset, const void* src,
                                       std::size_t spitch, std::size_t width_bytes, std::size_t height, cudaMemcpyKind) {
  const std::size_t row = dst->width * kq::sim::detail::texel_bytes(dst->desc);
  if (w_offset + width_bytes > row || (h_offset + height) * row > dst->bytes.size())
    return ::kq::sim::record_error(cudaErrorInvalidValue);
  for (std::size_t y = 0; y < height; ++y)
    std::memcpy(dst->bytes.data() + (h_offset + y) * row + w_offset, static_cast<const unsigned char*>(src) + y * spitch,
                width_bytes);
  return cudaSuccess;
}
inline cudaError_t cudaMemcpy2DFromArray(void* dst, std::size_t dpitch, cudaArray_const_t src, std::size_t w_offset,
                                         std::size_t h_offset, std::size_t width_bytes, std::size_t height, cudaMemcpyKind) {
  const std::size_t row = src->width * kq::sim::detail::texel_bytes(src->desc);
  if (w_offset + width_bytes > row || (h_offset + height) * row > src->bytes.size())
    return ::kq::sim::record_error(cudaErrorInvalidValue);
  for (std::size_t y = 0; y < height; ++y)
    std::memcpy(static_cast<unsigned char*>(dst) + y * dpitch, src->bytes.data() + (h_offset + y) * row + w_offset, width_bytes);
  return cudaSuccess;
}
// The deprecated row-major copy: `count` bytes from (w_offset, h_offset) on.
inline cudaError_t cudaMemcpyToArray(cudaArray_t dst, std::size_t w_offset, std::size_t h_offset, const void* src,
                                     std::size_t count, cudaMemcpyKind) {
  const std::size_t row = dst->width * kq::sim::detail::texel_bytes(dst->desc);
  if (h_offset * row + w_offset + count > dst->bytes.size()) return ::kq::sim::record_error(cudaErrorInvalidValue);
  std::memcpy(dst->bytes.data() + h_offset * row + w_offset, src, count);
  return cudaSuccess;
}
inline cudaError_t cudaGetChannelDesc(cudaChannelFormatDesc* desc, cudaArray_const_t array) {
  *desc = array->desc;
  return cudaSuccess;
}
inline cudaError_t cudaCreateTextureObject(cudaTextureObject_t* obj, const cudaResourceDesc* res, const cudaTextureDesc* tex,
                                           const cudaResourceViewDesc*) {
  *obj = kq::sim::detail::register_object(*res, tex);
  return *obj ? cudaSuccess : ::kq::sim::record_error(cudaErrorInvalidValue);
}
inline cudaError_t cudaDestroyTextureObject(cudaTextureObject_t) { return cudaSuccess; }
inline cudaError_t cudaCreateSurfaceObject(cudaSurfaceObject_t* obj, const cudaResourceDesc* res) {
  *obj = kq::sim::detail::register_object(*res, nullptr);
  return *obj ? cudaSuccess : ::kq::sim::record_error(cudaErrorInvalidValue);
}
inline cudaError_t cudaDestroySurfaceObject(cudaSurfaceObject_t) { return cudaSuccess; }

// ---- device ------------------------------------------------------------------
template <class T> T tex1Dfetch(cudaTextureObject_t t, int x) {
  // Linear memory is read by index, unfiltered and unnormalized.
  const kq::sim::detail::TextureObject& o = kq::sim::detail::texture_of(t);
  if (x < 0 || static_cast<std::size_t>(x) >= o.width) return T{};
  const long long i[3] = {x, 0, 0};
  return kq::sim::detail::texel_as<T>(
      kq::sim::detail::texel_at(o, i, o.tex.readMode == cudaReadModeNormalizedFloat && o.format.f != cudaChannelFormatKindFloat));
}
template <class T> T tex1D(cudaTextureObject_t t, float x) { return kq::sim::detail::fetch<T>(t, x, 0, 0, 1); }
template <class T> T tex2D(cudaTextureObject_t t, float x, float y) { return kq::sim::detail::fetch<T>(t, x, y, 0, 2); }
template <class T> T tex3D(cudaTextureObject_t t, float x, float y, float z) { return kq::sim::detail::fetch<T>(t, x, y, z, 3); }
template <class T> T tex1DLod(cudaTextureObject_t t, float x, float) { return tex1D<T>(t, x); }
template <class T> T tex2DLod(cudaTextureObject_t t, float x, float y, float) { return tex2D<T>(t, x, y); }
template <class T> T tex3DLod(cudaTextureObject_t t, float x, float y, float z, float) { return tex3D<T>(t, x, y, z); }
template <class T> void tex1Dfetch(T* out, cudaTextureObject_t t, int x) { *out = tex1Dfetch<T>(t, x); }
template <class T> void tex1D(T* out, cudaTextureObject_t t, float x) { *out = tex1D<T>(t, x); }
template <class T> void tex2D(T* out, cudaTextureObject_t t, float x, float y) { *out = tex2D<T>(t, x, y); }
template <class T> void tex3D(T* out, cudaTextureObject_t t, float x, float y, float z) { *out = tex3D<T>(t, x, y, z); }

template <class T>
T surf2Dread(cudaSurfaceObject_t s, int x, int y, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  T v{};
  if (const unsigned char* p = kq::sim::detail::surface_texel(s, x, y, 0, sizeof(T), mode)) std::memcpy(&v, p, sizeof(T));
  return v;
}
template <class T>
void surf2Dread(T* out, cudaSurfaceObject_t s, int x, int y, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  *out = surf2Dread<T>(s, x, y, mode);
}
template <class T>
void surf2Dwrite(T v, cudaSurfaceObject_t s, int x, int y, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  if (unsigned char* p = kq::sim::detail::surface_texel(s, x, y, 0, sizeof(T), mode)) std::memcpy(p, &v, sizeof(T));
}
template <class T>
T surf1Dread(cudaSurfaceObject_t s, int x, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  return surf2Dread<T>(s, x, 0, mode);
}
template <class T>
void surf1Dwrite(T v, cudaSurfaceObject_t s, int x, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  surf2Dwrite(v, s, x, 0, mode);
}
template <class T>
T surf3Dread(cudaSurfaceObject_t s, int x, int y, int z, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  T v{};
  if (const unsigned char* p = kq::sim::detail::surface_texel(s, x, y, z, sizeof(T), mode)) std::memcpy(&v, p, sizeof(T));
  return v;
}
template <class T>
void surf3Dwrite(T v, cudaSurfaceObject_t s, int x, int y, int z, cudaSurfaceBoundaryMode mode = cudaBoundaryModeTrap) {
  if (unsigned char* p = kq::sim::detail::surface_texel(s, x, y, z, sizeof(T), mode)) std::memcpy(p, &v, sizeof(T));
}
