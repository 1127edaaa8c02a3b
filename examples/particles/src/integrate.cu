// Time integration of the particle system.
#include <cstdio>
#include <vector>

#include <cuda_runtime.h>

#include "particles.cuh"

/// One explicit Euler step of length dt under gravity and drag.
__global__ void integrate_euler(Particle* p, int n, float dt, float drag) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  Particle q = p[i];
  Vec3 a = acceleration(q, drag);
  q.vel = add(q.vel, scale(a, dt));
  q.pos = add(q.pos, scale(q.vel, dt));
  p[i] = q;
}

/// energy[i] = 0.5 * mass * |vel|^2 for each particle.
__global__ void kinetic_energy(const Particle* p, float* energy, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) energy[i] = 0.5f * p[i].mass * dot(p[i].vel, p[i].vel);
}

int main() {
  const int n = 4096;
  std::vector<Particle> host(n);
  for (int i = 0; i < n; ++i)
    host[i] = Particle{make_vec3(float(i), 10.0f, 0.0f), make_vec3(1.0f, 0.0f, 0.0f), 1.0f};
  Particle* d = nullptr;
  float* energy = nullptr;
  cudaMalloc(&d, n * sizeof(Particle));
  cudaMalloc(&energy, n * sizeof(float));
  cudaMemcpy(d, host.data(), n * sizeof(Particle), cudaMemcpyHostToDevice);
  for (int step = 0; step < 100; ++step) integrate_euler<<<(n + 127) / 128, 128>>>(d, n, 0.01f, 0.1f);
  kinetic_energy<<<(n + 127) / 128, 128>>>(d, energy, n);
  std::vector<float> e(n);
  cudaMemcpy(e.data(), energy, n * sizeof(float), cudaMemcpyDeviceToHost);
  std::printf("E[0] = %f\n", e[0]);
  cudaFree(d);
  cudaFree(energy);
  return 0;
}
