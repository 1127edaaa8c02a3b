// A kernel writing a bool buffer: host copies are bytes (std::vector<bool>
// has no data()), so the program compiles and runs clean on cpu-sim.
#include <gtest/gtest.h>

#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"
#include "tests/synth/synth_fixtures.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::synth {
namespace {

TEST(BuiltinBoolBuffer, FlagsAreWrittenAndCompared) {
  KernelInput k;
  k.kernel_id = 51;
  k.name = "positive";
  k.unit_source = k.kernel_source =
      "#include <cuda_runtime.h>\n"
      "__global__ void positive(const float* x, bool* flag, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) flag[i] = x[i] > 0.0f;\n"
      "}\n";
  k.analysis.index_pattern = "1d";
  ParamAnalysis x, flag, n;
  x.name = "x", x.type = "const float *", x.elem_type = "float", x.is_pointer = x.is_const = x.reads = true;
  x.index_exprs = {"i"};
  flag.name = "flag", flag.type = "bool *", flag.elem_type = "bool", flag.is_pointer = flag.writes = true;
  flag.index_exprs = {"i"};
  n.name = "n", n.type = n.elem_type = "int", n.size_like = true, n.bounds = {"i < n"};
  k.analysis.params = {x, flag, n};
  test::TempDir dir;
  auto s = fixtures::synthesize_with_probes(k, dir);
  ASSERT_EQ(s.status, "ok") << s.reason;
  ASSERT_TRUE(s.doc.contains("example")) << s.doc.dump(1);
  const auto& ex = s.doc["example"];
  ASSERT_EQ(ex["outputs"]["flag"].size(), ex["inputs"]["x"].size());
  for (std::size_t i = 0; i < ex["inputs"]["x"].size(); ++i)
    EXPECT_EQ(ex["outputs"]["flag"][i].get<double>() != 0, ex["inputs"]["x"][i].get<double>() > 0) << i;
  auto text = wrapper_gen::render_wrapper(s.cases[0], {});
  EXPECT_NE(text.find("std::vector<unsigned char> h_flag("), std::string::npos) << text;
}

}  // namespace
}  // namespace kq::synth
