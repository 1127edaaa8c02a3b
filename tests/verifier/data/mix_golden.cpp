// CPU reference over every kind of argument the runner reads from its case
// file: each scalar type, each init, a vector type (float4 comes with the
// golden toolchain's cpu_sim.hpp) and a struct buffer.
struct Pair { int a; int b; };

void kq_golden(int n, float a, double b, unsigned k, long long s, bool flag, const float* u, const double* g,
               const int* r, const float4* v, const int* o, const float* z, float* out, Pair* pairs) {
  for (int i = 0; i < n; ++i)
    out[i] = static_cast<float>(u[i] * a + g[i] * b + r[i] + s + (k % 7) + flag + v[i % 5].y + o[i % 3] + z[i % 10]);
  pairs[0].a = n;
  pairs[1].b = static_cast<int>(k % 1000);
}
