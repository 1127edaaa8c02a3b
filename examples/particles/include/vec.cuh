#pragma once
// Three-component vector with the algebra the particle kernels need.

struct Vec3 {
  float x, y, z;
};

__host__ __device__ inline Vec3 make_vec3(float x, float y, float z) { return Vec3{x, y, z}; }

__host__ __device__ inline Vec3 add(Vec3 a, Vec3 b) { return Vec3{a.x + b.x, a.y + b.y, a.z + b.z}; }

__host__ __device__ inline Vec3 scale(Vec3 a, float s) { return Vec3{a.x * s, a.y * s, a.z * s}; }

__device__ inline float dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

__device__ inline Vec3 cross(Vec3 a, Vec3 b) {
  return Vec3{a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

__device__ inline float length(Vec3 a) { return sqrtf(dot(a, a)); }
