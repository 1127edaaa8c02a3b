// A kernel reading a 1-D texture reference: the reference is an input of its
// own, a buffer bound with cudaBindTexture, and the example run on cpu-sim
// shows the kernel reading it.
#include <gtest/gtest.h>

#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"
#include "tests/synth/synth_fixtures.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::synth {
namespace {

TEST(BuiltinTextureReference, TheBoundBufferIsTheKernelsInput) {
  KernelInput k;
  k.kernel_id = 52;
  k.name = "tex_scale";
  k.kernel_source =
      "__global__ void tex_scale(float* out, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) out[i] = 2.0f * tex1Dfetch(tex_in, i) + 1.0f;\n"
      "}\n";
  k.unit_source = "#include <cuda_runtime.h>\ntexture<float, 1, cudaReadModeElementType> tex_in;\n" + k.kernel_source;
  k.analysis.index_pattern = "1d";
  k.analysis.set(Feature::texture);
  ParamAnalysis out, n;
  out.name = "out", out.type = "float *", out.elem_type = "float", out.is_pointer = out.writes = true;
  out.index_exprs = {"i"};
  n.name = "n", n.type = n.elem_type = "int", n.size_like = true, n.bounds = {"i < n"};
  k.analysis.params = {out, n};
  test::TempDir dir;
  auto s = fixtures::synthesize_with_probes(k, dir);
  ASSERT_EQ(s.status, "ok") << s.reason;
  ASSERT_TRUE(s.doc.contains("example")) << s.doc.dump(1);
  const auto& ex = s.doc["example"];
  ASSERT_EQ(ex["outputs"]["out"].size(), ex["inputs"]["tex_in"].size()) << ex.dump();
  for (std::size_t i = 0; i < ex["inputs"]["tex_in"].size(); ++i)
    EXPECT_FLOAT_EQ(ex["outputs"]["out"][i].get<float>(), 2.0f * ex["inputs"]["tex_in"][i].get<float>() + 1.0f) << i;
  auto text = wrapper_gen::render_wrapper(s.cases[0], {});
  EXPECT_NE(text.find("cudaBindTexture(nullptr, tex_in, d_tex_in, tex_in_bytes)"), std::string::npos) << text;
  EXPECT_NE(text.find("tex_scale<<<grid, block, shared_bytes>>>(d_out, n);"), std::string::npos) << text;
}

}  // namespace
}  // namespace kq::synth
