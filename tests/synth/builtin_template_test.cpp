// Builtin synthesis of a template kernel launched only from inside another
// template (`reduce0<T><<<...>>>`) on buffers of an aliased type: float and
// unsigned int instantiations run clean on cpu-sim.
#include <gtest/gtest.h>

#include "extractor/launches.hpp"
#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth {
namespace {

const char* kUnit =
    "#include <cuda_runtime.h>\n"
    "typedef unsigned int uint;\n"
    "template <class T>\n"
    "__global__ void reduce0(const T* g_idata, T* g_odata, uint n) {\n"
    "  extern __shared__ unsigned char smem_raw[];\n"
    "  T* sdata = reinterpret_cast<T*>(smem_raw);\n"
    "  uint tid = threadIdx.x;\n"
    "  uint i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  sdata[tid] = (i < n) ? g_idata[i] : T(0);\n"
    "  __syncthreads();\n"
    "  for (uint s = 1; s < blockDim.x; s *= 2) {\n"
    "    if ((tid % (2 * s)) == 0) sdata[tid] += sdata[tid + s];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  if (tid == 0) g_odata[blockIdx.x] = sdata[0];\n"
    "}\n";

const char* kHost =
    "template <class T>\n"
    "void reduce(int size, int threads, int blocks, T* d_idata, T* d_odata) {\n"
    "  dim3 dimBlock(threads, 1, 1);\n"
    "  dim3 dimGrid(blocks, 1, 1);\n"
    "  int smemSize = threads * sizeof(T);\n"
    "  reduce0<T><<<dimGrid, dimBlock, smemSize>>>(d_idata, d_odata, size);\n"
    "}\n";

ParamAnalysis param(const std::string& name, const std::string& type, bool pointer, bool writes,
                    std::vector<std::string> text) {
  ParamAnalysis p;
  p.name = name;
  p.elem_type = type;
  p.type = pointer ? (writes ? type + " *" : "const " + type + " *") : type;
  p.is_pointer = pointer;
  p.is_const = pointer && !writes;
  p.reads = pointer && !writes;
  p.writes = writes;
  if (pointer) p.index_exprs = std::move(text);
  else p.bounds = std::move(text), p.size_like = true;
  return p;
}

KernelInput reduce_kernel() {
  KernelInput k;
  k.kernel_id = 115;
  k.name = "reduce0";
  k.unit_source = k.kernel_source = kUnit;
  k.analysis.index_pattern = "1d";
  k.analysis.template_params = {"class T"};
  k.analysis.features = {Feature::shared_dynamic, Feature::syncthreads, Feature::template_kernel};
  k.analysis.params = {param("g_idata", "T", true, false, {"i"}), param("g_odata", "T", true, true, {"blockIdx.x"}),
                       param("n", "uint", false, false, {"i < n"})};
  for (const auto& l : extractor::find_launches(kHost, "reduction.cu")) k.launches.push_back(extractor::to_json(l));
  return k;
}

TEST(BuiltinTemplate, LaunchedFromAnotherTemplateRunsCleanAsFloat) {
  test::TempDir dir;
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  o.example = false;
  auto s = BuiltinSynthesizer(o).synthesize(reduce_kernel(), std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason << s.extra.dump(1);
  EXPECT_EQ(s.extra["plan"]["template_args"], nlohmann::json({"float"}));
  ASSERT_FALSE(s.cases.empty());
  const auto& c = s.cases[0];
  EXPECT_EQ(c.find_arg("n")->type, "unsigned int");
  EXPECT_EQ(c.find_arg("g_odata")->count, c.grid[0]);  // one partial sum per block
  EXPECT_EQ(c.shared_bytes, c.block[0] * 4u);           // threads * sizeof(T), T = float
}

}  // namespace
}  // namespace kq::synth
