// Buffer sizes the search finds on cpu-sim when no parameter gives them: a
// block that loads two elements a thread (input[tid] and input[tid + blockDim.x]);
// and a search that fails keeps the case that failed.
#include <gtest/gtest.h>

#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth {
namespace {

// The builtin synthesizer with its probes on cpu-sim, in a scratch folder.
Synthesis synthesize_on_cpu_sim(const KernelInput& k) {
  test::TempDir dir;
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  o.example = false;
  return BuiltinSynthesizer(o).synthesize(k, std::nullopt);
}

TEST(BuiltinSizes, TwoElementsPerThreadWithoutASizeParameter) {
  KernelInput k;
  k.kernel_id = 2;
  k.name = "pair_sums";
  k.unit_source = k.kernel_source =
      "#include <cuda_runtime.h>\n"
      "__global__ void pair_sums(const float* input, float* output) {\n"
      "  const int tid = threadIdx.x;\n"
      "  output[blockIdx.x * blockDim.x + tid] = input[tid] + input[tid + blockDim.x];\n"
      "}\n";
  k.analysis.index_pattern = "other";
  ParamAnalysis in, out;
  in.name = "input", in.type = "const float *", in.elem_type = "float", in.is_pointer = in.is_const = in.reads = true;
  in.index_exprs = {"tid", "tid + blockDim.x"};
  out.name = "output", out.type = "float *", out.elem_type = "float", out.is_pointer = out.writes = true;
  out.index_exprs = {"blockIdx.x * blockDim.x + tid"};
  k.analysis.params = {in, out};
  auto s = synthesize_on_cpu_sim(k);
  ASSERT_EQ(s.status, "ok") << s.reason << s.extra.dump(1);
  EXPECT_EQ(s.doc["params"][0]["shape"], "2*block") << s.extra["search"].dump();
  ASSERT_FALSE(s.cases.empty());
  EXPECT_EQ(s.cases[0].find_arg("input")->count, 2u * s.cases[0].block[0]);
}

TEST(BuiltinSizes, AFailedSearchKeepsTheCaseThatFailed) {
  KernelInput k;
  k.kernel_id = 3;
  k.name = "always_traps";
  k.unit_source = k.kernel_source =
      "#include <cuda_runtime.h>\n"
      "__global__ void always_traps(float* y, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) y[i] = 1.0f;\n"
      "  if (i == 0) __trap();\n"
      "}\n";
  k.analysis.index_pattern = "1d";
  ParamAnalysis y, n;
  y.name = "y", y.type = "float *", y.elem_type = "float", y.is_pointer = y.writes = true;
  y.index_exprs = {"i"};
  n.name = "n", n.type = n.elem_type = "int", n.size_like = true, n.bounds = {"i < n"};
  k.analysis.params = {y, n};
  auto s = synthesize_on_cpu_sim(k);
  ASSERT_NE(s.status, "ok");
  ASSERT_EQ(s.cases.size(), 1u) << "the failing probe is kept to be replayed";
  EXPECT_EQ(s.cases[0].name, "typical");
  EXPECT_TRUE(s.extra["plan"].contains("params")) << "the plan that failed goes with it";
}

}  // namespace
}  // namespace kq::synth
