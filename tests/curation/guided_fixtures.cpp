#include "tests/curation/guided_fixtures.hpp"

namespace kq::test {

FixtureKernel particle_step_fixture() {
  FixtureKernel k;
  k.repo_url = "https://example.org/particles";
  k.path = "src/integrate.cu";
  k.name = "particle_step";
  k.comment = "// p[i].pos += p[i].vel * dt for i < n.\n";
  k.kernel_source =
      "__global__ void particle_step(Particle* p, int n, float dt) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i >= n) return;\n"
      "  Particle q = p[i];\n"
      "  q.pos = add(q.pos, scale(q.vel, dt));\n"
      "  p[i] = q;\n"
      "}\n";
  k.unit =
      "#include <cuda_runtime.h>\n\n"
      "struct Vec3 {\n  float x, y, z;\n};\n\n"
      "__host__ __device__ inline Vec3 add(Vec3 a, Vec3 b) { return Vec3{a.x + b.x, a.y + b.y, a.z + b.z}; }\n\n"
      "__host__ __device__ inline Vec3 scale(Vec3 a, float s) { return Vec3{a.x * s, a.y * s, a.z * s}; }\n\n"
      "struct Particle {\n  Vec3 pos;\n  Vec3 vel;\n  float mass;\n};\n\n" +
      k.comment + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"p","type":"Particle *","elem_type":"Particle","is_pointer":true,"reads":true,"writes":true,"index_exprs":["i"]},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i >= n"]},
    {"name":"dt","type":"float","elem_type":"float"}],
    "index_pattern":"1d","stores":["p[i] = q"],"features":{}})";
  k.tests_json = R"([{"name":"typical","kernel":"particle_step","grid":[2,1,1],"block":[128,1,1],"shared_bytes":0,"args":[
    {"name":"p","kind":"buffer","type":"Particle","bytes":28,"count":200,"role":"inout","init":{"dist":"poison","seed":7}},
    {"name":"n","kind":"scalar","type":"int","value":200},
    {"name":"dt","kind":"scalar","type":"float","value":0.5}],
    "compare":{"rtol":1e-5,"atol":1e-6}}])";
  return k;
}

FixtureKernel shift_points_fixture() {
  FixtureKernel k;
  k.repo_url = "https://example.org/particles";
  k.path = "src/shift.cu";
  k.name = "shift_points";
  k.kernel_source =
      "__global__ void shift_points(Vec3* p, Vec3 d, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) p[i] = Vec3{p[i].x + d.x, p[i].y + d.y, p[i].z + d.z};\n"
      "}\n";
  k.unit = "#include <cuda_runtime.h>\n\nstruct Vec3 {\n  float x, y, z;\n};\n\n" + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"p","type":"Vec3 *","elem_type":"Vec3","is_pointer":true,"reads":true,"writes":true,"index_exprs":["i"]},
    {"name":"d","type":"Vec3","elem_type":"Vec3"},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i < n"]}],
    "index_pattern":"1d","stores":["p[i] = Vec3{p[i].x + d.x, p[i].y + d.y, p[i].z + d.z}"],"features":{}})";
  k.tests_json = R"([{"name":"typical","kernel":"shift_points","grid":[1,1,1],"block":[64,1,1],"shared_bytes":0,"args":[
    {"name":"p","kind":"buffer","type":"Vec3","bytes":12,"count":50,"role":"inout","init":{"dist":"zeros"}},
    {"name":"d","kind":"scalar","type":"Vec3","bytes":12,"value":[
      {"field":"x","type":"float","value":1.5},{"field":"y","type":"float","value":-2},{"field":"z","type":"float","value":0.25}]},
    {"name":"n","kind":"scalar","type":"int","value":50}],
    "compare":{"rtol":1e-5,"atol":1e-6}}])";
  return k;
}

FixtureKernel member_kernel_fixture() {
  FixtureKernel k;
  k.repo_url = "https://example.org/hipstream";
  k.path = "src/normalizer.hip";
  k.dialect = "hip";
  k.name = "apply";
  k.qualified_name = "Normalizer::apply";
  k.kernel_source =
      "  static __global__ void apply(float* data, int n, float shift, float inv_scale) {\n"
      "    int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "    if (i < n) data[i] = (data[i] - shift) * inv_scale;\n"
      "  }\n";
  k.unit = "#include <hip/hip_runtime.h>\n\nstruct Normalizer {\n" + k.kernel_source +
           "\n  static void twice(float* d, int n) { apply(d, n, 0.0f, 2.0f); }\n};\n";
  k.analysis_json = R"({"params":[
    {"name":"data","type":"float *","elem_type":"float","is_pointer":true,"reads":true,"writes":true,"index_exprs":["i"]},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i < n"]},
    {"name":"shift","type":"float","elem_type":"float"},
    {"name":"inv_scale","type":"float","elem_type":"float"}],
    "index_pattern":"1d","stores":["data[i] = (data[i] - shift) * inv_scale"],"features":{}})";
  k.tests_json = R"([{"name":"typical","kernel":"Normalizer::apply","grid":[4,1,1],"block":[256,1,1],"shared_bytes":0,"args":[
    {"name":"data","kind":"buffer","type":"float","count":1000,"role":"inout","init":{"dist":"uniform","lo":-1,"hi":1,"seed":3}},
    {"name":"n","kind":"scalar","type":"int","value":1000},
    {"name":"shift","kind":"scalar","type":"float","value":0.25},
    {"name":"inv_scale","kind":"scalar","type":"float","value":2.0}],
    "compare":{"rtol":1e-5,"atol":1e-6}}])";
  return k;
}

FixtureKernel count_above_fixture() {
  FixtureKernel k;
  k.repo_url = "https://example.org/reductions";
  k.path = "src/count.cu";
  k.name = "count_above";
  k.comment = "// *count += the number of x[i] > threshold for i < n.\n";
  k.kernel_source =
      "__global__ void count_above(const float* x, int* count, float threshold, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n && x[i] > threshold) atomicAdd(count, 1);\n"
      "}\n";
  k.unit = "#include <cuda_runtime.h>\n\n" + k.comment + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"x","type":"const float *","elem_type":"float","is_pointer":true,"is_const":true,"reads":true,"index_exprs":["i"]},
    {"name":"count","type":"int *","elem_type":"int","is_pointer":true,"writes":true,"atomic":true},
    {"name":"threshold","type":"float","elem_type":"float"},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i < n"]}],
    "index_pattern":"1d","stores":[],"features":{"atomics":true}})";
  k.tests_json = R"([{"name":"typical","kernel":"count_above","grid":[4,1,1],"block":[256,1,1],"shared_bytes":0,"args":[
    {"name":"x","kind":"buffer","type":"float","count":1000,"role":"in","init":{"dist":"uniform","lo":-1,"hi":1,"seed":11}},
    {"name":"count","kind":"buffer","type":"int","count":1,"role":"inout","init":{"dist":"zeros"}},
    {"name":"threshold","kind":"scalar","type":"float","value":10.0},
    {"name":"n","kind":"scalar","type":"int","value":1000}],
    "compare":{"rtol":0,"atol":0}}])";
  return k;
}

FixtureKernel pow2_loop_fixture() {
  FixtureKernel k;
  k.path = "src/pow2.cu";
  k.name = "times8";
  k.comment = "// y[i] *= 8 by three doublings, for i < n.\n";
  k.kernel_source =
      "__global__ void times8(float* y, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i >= n) return;\n"
      "  float v = y[i];\n"
      "  for (int s = 1; s < 8; s <<= 1) v += v;\n"
      "  y[i] = v;\n"
      "}\n";
  k.unit = "#include <cuda_runtime.h>\n\n" + k.comment + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"y","type":"float *","elem_type":"float","is_pointer":true,"reads":true,"writes":true,"index_exprs":["i"]},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i >= n"]}],
    "index_pattern":"1d","stores":["y[i] = v"],"features":{}})";
  k.tests_json = R"([{"name":"typical","kernel":"times8","grid":[4,1,1],"block":[256,1,1],"shared_bytes":0,"args":[
    {"name":"y","kind":"buffer","type":"float","count":1000,"role":"inout","init":{"dist":"uniform","lo":-1,"hi":1,"seed":5}},
    {"name":"n","kind":"scalar","type":"int","value":1000}],
    "compare":{"rtol":1e-6,"atol":0}}])";
  return k;
}

}  // namespace kq::test
