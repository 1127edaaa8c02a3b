// A model-written golden for a half-precision kernel names `__half` and the
// cuda_fp16.h functions as the kernel's signature does: the golden prompt
// says they are given, and the golden compiles with the runtime's host-side
// half types and agrees with the kernel run on cpu-sim.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "llm/prompt.hpp"
#include "llm/prompt_vars.hpp"
#include "synth/verify_stage.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth {
namespace {

const char* kUnit = R"(#include <cuda_fp16.h>
#include <cuda_runtime.h>
__global__ void half_scale_add(int n, __half a, const __half* x, const __nv_bfloat16* b, __half* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = __hadd(__hmul(a, x[i]), __float2half(__bfloat162float(b[i])));
}
)";

KernelInput half_kernel() {
  KernelInput k;
  k.kernel_id = 3;
  k.name = "half_scale_add";
  k.unit_source = kUnit;
  k.signature = "__global__ void half_scale_add(int n, __half a, const __half* x, const __nv_bfloat16* b, __half* y)";
  return k;
}

LaunchSpec half_case(int n) {
  return launch_spec_from_json({
      {"name", "typical"}, {"kernel", "half_scale_add"}, {"grid", {(n + 127) / 128, 1, 1}}, {"block", {128, 1, 1}},
      {"args",
       {{{"name", "n"}, {"kind", "scalar"}, {"type", "int"}, {"value", n}},
        {{"name", "a"}, {"kind", "scalar"}, {"type", "__half"}, {"value", 1.5}},
        {{"name", "x"}, {"kind", "buffer"}, {"type", "__half"}, {"count", n}, {"role", "in"},
         {"init", {{"dist", "uniform"}, {"lo", -2}, {"hi", 2}, {"seed", 1}}}},
        {{"name", "b"}, {"kind", "buffer"}, {"type", "__nv_bfloat16"}, {"count", n}, {"role", "in"},
         {"init", {{"dist", "uniform"}, {"lo", -1}, {"hi", 1}, {"seed", 2}}}},
        {{"name", "y"}, {"kind", "buffer"}, {"type", "__half"}, {"count", n}, {"role", "out"}}}},
      {"compare", {{"rtol", 0}, {"atol", 0}}}});
}

// The golden as a model writes it from the prompt: the half types by name, no includes for them.
std::string golden(const std::string& combine) {
  return "#include <cstddef>\n"
         "void kq_golden(int n, __half a, const __half* x, const __nv_bfloat16* b, __half* y) {\n"
         "  for (int i = 0; i < n; ++i) {\n"
         "    __half c = __float2half(__bfloat162float(b[i]));\n"
         "    y[i] = " + combine + ";\n"
         "  }\n"
         "}\n";
}

TEST(GoldenHalf, ThePromptSaysTheHalfTypesAreGiven) {
  llm::PromptLibrary lib(kq::test::source_root() / "llm" / "prompts");
  auto vars = llm::kernel_vars(half_kernel());
  vars["contract_json"] = "{}";
  vars["example_case"] = "{}";
  vars["reply_format"] = "";
  std::string text = lib.render("golden", vars);
  EXPECT_NE(text.find("void kq_golden(int n, __half a, const __half* x, const __nv_bfloat16* b, __half* y)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("host-side half types"), std::string::npos);
  EXPECT_NE(text.find("`__nv_bfloat16`"), std::string::npos);
  EXPECT_NE(text.find("`hip_bfloat16`"), std::string::npos);
}

TEST(GoldenHalf, AGoldenNamingHalfTypesCompilesAndAgreesWithTheKernel) {
  test::TempDir dir;
  verify::VerifierOptions vo;
  vo.cache_dir = dir / "cache";
  std::vector<LaunchSpec> cases{half_case(300)};
  auto right = verify_synthesis(half_kernel(), cases, golden("__hadd(__hmul(a, x[i]), c)"), {"cpu-sim"}, vo,
                                dir / "right");
  EXPECT_TRUE(right.passed) << right.reason;

  // Rounding once instead of after the product is a different kernel: caught, bit for bit.
  auto wrong = verify_synthesis(half_kernel(), cases,
                                golden("__float2half(float(a) * float(x[i]) + float(c))"), {"cpu-sim"}, vo,
                                dir / "wrong");
  EXPECT_FALSE(wrong.passed);
  EXPECT_EQ(wrong.status, "mismatch") << wrong.reason;
}

}  // namespace
}  // namespace kq::synth
