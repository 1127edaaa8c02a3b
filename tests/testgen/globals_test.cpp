// Device variables as inputs and outputs: what the unit's text says about
// them (globals.hpp) and how the plan and the cases carry them.
#include <gtest/gtest.h>

#include "testgen/cases.hpp"
#include "testgen/globals.hpp"
#include "tests/testgen/testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

const UnitGlobal* find(const std::vector<UnitGlobal>& gs, const std::string& name) {
  for (const auto& g : gs)
    if (g.name == name) return &g;
  return nullptr;
}

TEST(UnitGlobals, ReadsSpacesExtentsAndUses) {
  auto gs = unit_globals(
      "#define TAPS 5\n"
      "#define ROWS (TAPS * 2)\n"
      "__constant__ float taps[TAPS];\n"
      "static __device__ unsigned int hits;\n"
      "__device__ __managed__ double grid_sum[ROWS][4];\n"
      "__device__ int last = 7;\n"
      "__constant__ const int table[3] = {1, 2, 3};\n"
      "__device__ float* scratch;\n"
      "extern __shared__ float dyn[];\n"
      "namespace inner { __device__ int hidden; }\n"
      "struct S { int hits; };\n"
      "__global__ void k(const float* x, S* s, int n) {\n"
      "  int i = threadIdx.x;\n"
      "  // taps[0] = 1;  a comment is no store\n"
      "  if (x[i] > taps[i % TAPS]) atomicAdd(&hits, 1u);\n"
      "  grid_sum[i][0] += x[i];\n"
      "  if (i == 0) last = n;\n"
      "  s[i].hits = table[i % 3] + inner::hidden;\n"
      "  scratch[i] = 0;\n"
      "}\n");
  ASSERT_EQ(gs.size(), 4u);
  const auto* taps = find(gs, "taps");
  ASSERT_NE(taps, nullptr);
  EXPECT_EQ(taps->space, "__constant__");
  EXPECT_EQ(taps->type, "float");
  EXPECT_EQ(taps->count, 5);
  EXPECT_TRUE(taps->read);
  EXPECT_FALSE(taps->written);
  const auto* hits = find(gs, "hits");
  ASSERT_NE(hits, nullptr);
  EXPECT_EQ(hits->type, "unsigned int");
  EXPECT_TRUE(hits->atomic && hits->written);  // the member s[i].hits is another variable
  const auto* sum = find(gs, "grid_sum");
  ASSERT_NE(sum, nullptr);
  EXPECT_EQ(sum->space, "__managed__");
  EXPECT_EQ(sum->count, 40);
  EXPECT_TRUE(sum->written && sum->read);
  const auto* last = find(gs, "last");
  ASSERT_NE(last, nullptr);
  EXPECT_TRUE(last->initialized);
  EXPECT_EQ(last->initializer, "7");
  EXPECT_TRUE(last->written);
  EXPECT_FALSE(last->read);
  // Left out: a const table with its values, a pointer, extern shared, a namespaced variable.
  EXPECT_EQ(find(gs, "table"), nullptr);
  EXPECT_EQ(find(gs, "scratch"), nullptr);
  EXPECT_EQ(find(gs, "hidden"), nullptr);
}

TEST(UnitGlobals, UnknownExtentsAreLeftOut) {
  auto gs = unit_globals("__device__ float buf[SIZE_FROM_THE_BUILD];\n__device__ float ok[4];\n");
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(gs[0].name, "ok");
}

PlanInput counter_kernel() {
  const char* body =
      "__global__ void count_positive(const float* x, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n && x[i] > 0.0f) atomicAdd(&hits, 1u);\n"
      "}\n";
  return input("count_positive", "1d", {ptr("x", "float", true, false, {"i"}), size("n", {"i < n"})}, body,
               "__device__ unsigned int hits;\n__constant__ float bias[8];\n__device__ float first = 0.5f;\n");
}

TEST(PlanGlobals, ADeviceVariableIsTheOutput) {
  auto plan = infer_plan(counter_kernel());
  ASSERT_TRUE(plan.ok) << plan.reason;
  const auto* hits = plan.find("hits");
  ASSERT_NE(hits, nullptr);
  EXPECT_TRUE(hits->symbol && hits->buffer);
  EXPECT_EQ(hits->role, "inout");
  EXPECT_TRUE(hits->atomic);
  EXPECT_EQ(hits->count(), "1");
  // Declared but not used by this kernel's text: not an argument.
  EXPECT_EQ(plan.find("bias"), nullptr);
  EXPECT_EQ(plan.find("first"), nullptr);
  auto cases = design_cases(plan);
  ASSERT_FALSE(cases.empty());
  const ArgSpec* arg = cases[0].find_arg("hits");
  ASSERT_NE(arg, nullptr);
  EXPECT_EQ(arg->kind, ArgSpec::Kind::Symbol);
  EXPECT_EQ(arg->count, 1u);
  EXPECT_EQ(arg->init.dist, "zeros");
  // The spec round-trips through JSON with its kind.
  auto again = launch_spec_from_json(launch_spec_to_json(cases[0]));
  EXPECT_EQ(again.find_arg("hits")->kind, ArgSpec::Kind::Symbol);
}

TEST(PlanGlobals, ConstantTablesAreInputsAndInitializersAreKept) {
  const char* body =
      "__global__ void fir(const float* x, float* y, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) { y[i] = taps[i % 4] * x[i]; if (i == 0) calls = calls + 1; }\n"
      "}\n";
  auto in = input("fir", "1d",
                  {ptr("x", "float", true, false, {"i"}), ptr("y", "float", false, true, {"i"}), size("n", {"i < n"})},
                  body, "__constant__ float taps[4];\n__device__ int calls = 3;\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  ASSERT_NE(plan.find("taps"), nullptr);
  EXPECT_EQ(plan.find("taps")->role, "in");
  EXPECT_EQ(plan.find("taps")->count(), "4");
  ASSERT_NE(plan.find("calls"), nullptr);
  EXPECT_EQ(plan.find("calls")->role, "inout");
  auto c = build_case(plan, "typical", "typical", "random", 100);
  EXPECT_EQ(c.find_arg("taps")->init.dist, "uniform");
  EXPECT_EQ(c.find_arg("calls")->init.dist, "const");
  EXPECT_EQ(c.find_arg("calls")->init.value, 3.0);
  // The symbols follow the parameters: the kernel's own arguments keep their places.
  EXPECT_EQ(c.args[2].name, "n");
}

TEST(PlanGlobals, APrintingKernelComparesItsLines) {
  const char* body =
      "__global__ void hello(int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) printf(\"%d\\n\", i);\n"
      "}\n";
  auto in = input("hello", "1d", {size("n", {"i < n"})}, body);
  EXPECT_FALSE(infer_plan(in).ok);  // without the printf feature nothing is an output
  in.analysis.set(Feature::printf);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_TRUE(plan.printed);
  auto cases = design_cases(plan);
  ASSERT_FALSE(cases.empty());
  EXPECT_TRUE(cases[0].printf_output);
  EXPECT_TRUE(launch_spec_from_json(launch_spec_to_json(cases[0])).printf_output);
}

TEST(PlanGlobals, AWrittenArrayWithValuesIsRefused) {
  const char* body = "__global__ void k(int n) { if (threadIdx.x < n) lut[threadIdx.x] += 1; }\n";
  auto in = input("k", "other", {size("n", {"threadIdx.x < n"})}, body, "__device__ int lut[2] = {4, 5};\n");
  auto plan = infer_plan(in);
  EXPECT_FALSE(plan.ok);
  EXPECT_NE(plan.reason.find("'lut'"), std::string::npos) << plan.reason;
}

}  // namespace
}  // namespace kq::testgen

namespace kq::testgen {
namespace {

TEST(PlanGlobals, AOneDimensionalTextureReferenceIsABoundInput) {
  const char* body =
      "__global__ void tex_scale(float* out, int n) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) out[i] = 2.0f * tex1Dfetch(tex_in, i);\n"
      "}\n";
  auto in = input("tex_scale", "1d", {ptr("out", "float", false, true, {"i"}), size("n", {"i < n"})}, body,
                  "texture<float, 1, cudaReadModeElementType> tex_in;\n");
  in.analysis.set(Feature::texture);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  const auto* tex = plan.find("tex_in");
  ASSERT_NE(tex, nullptr);
  EXPECT_EQ(tex->space, "texture");
  EXPECT_EQ(tex->role, "in");
  EXPECT_EQ(tex->count(), plan.find("out")->count());
  auto c = build_case(plan, "typical", "typical", "random", 100);
  EXPECT_EQ(c.find_arg("tex_in")->kind, ArgSpec::Kind::Texture);
  EXPECT_EQ(c.find_arg("tex_in")->count, c.find_arg("out")->count);
  EXPECT_EQ(launch_spec_from_json(launch_spec_to_json(c)).find_arg("tex_in")->kind, ArgSpec::Kind::Texture);

  // A 2-D reference, or a texture object, is not planned.
  auto two_d = in;
  two_d.unit_source = "texture<float, 2> tex_in;\n" + in.kernel_source;
  EXPECT_FALSE(infer_plan(two_d).ok);
  auto object = in;
  object.unit_source += "cudaTextureObject_t other;\n";
  EXPECT_FALSE(infer_plan(object).ok);
}

}  // namespace
}  // namespace kq::testgen
