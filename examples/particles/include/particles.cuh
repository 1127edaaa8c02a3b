#pragma once
// Particle record and the forces acting on it.
#include "vec.cuh"

struct Particle {
  Vec3 pos;
  Vec3 vel;
  float mass;
};

#define GRAVITY_Y (-9.81f)

/// Acceleration from gravity plus linear drag (drag / mass per unit velocity).
__device__ inline Vec3 acceleration(const Particle& p, float drag) {
  Vec3 g = make_vec3(0.0f, GRAVITY_Y, 0.0f);
  float k = p.mass > 0.0f ? drag / p.mass : 0.0f;
  return add(g, scale(p.vel, -k));
}
