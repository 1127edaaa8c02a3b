// Builtin synthesis of a kernel taking a struct and a vector by value: each
// field gets its own value, the wrappers set them by name, and the program
// runs clean on cpu-sim with the values the spec names.
#include <gtest/gtest.h>

#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

const char* kUnit =
    "#include <cuda_runtime.h>\n"
    "struct Affine { float scale; float3 dir; float w[2]; int k; };\n"
    "__global__ void affine(int n, Affine p, float3 v, const float* x, float* y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = x[i] * p.scale + p.dir.z * v.y + p.w[1] + p.k;\n"
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
  else p.bounds = std::move(text);
  p.size_like = !pointer && !p.bounds.empty();
  return p;
}

TEST(BuiltinStructScalar, FieldsAreSetByNameAndTheKernelSeesThem) {
  KernelInput k;
  k.kernel_id = 3;
  k.name = "affine";
  k.unit_source = k.kernel_source = kUnit;
  k.analysis.index_pattern = "1d";
  k.analysis.params = {param("n", "int", false, false, {"i < n"}), param("p", "Affine", false, false, {}),
                       param("v", "float3", false, false, {}), param("x", "float", true, false, {"i"}),
                       param("y", "float", true, true, {"i"})};
  test::TempDir dir;
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  auto s = BuiltinSynthesizer(o).synthesize(k, std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason;
  ASSERT_FALSE(s.cases.empty());
  const auto* p = s.cases[0].find_arg("p");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->bytes, 28u);
  ASSERT_TRUE(p->value.is_array());
  std::vector<std::string> fields;
  for (const auto& f : p->value) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"scale", "dir.x", "dir.y", "dir.z", "w[0]", "w[1]", "k"}));
  ASSERT_TRUE(s.cases[0].find_arg("v")->value.is_array());
  EXPECT_EQ(s.cases[0].find_arg("v")->value.size(), 3u);

  // The documented example ran on cpu-sim: y follows from the field values.
  ASSERT_TRUE(s.doc.contains("example")) << s.doc.dump(1);
  const auto& ex = s.doc["example"];
  const auto& ps = ex["scalars"]["p"];
  const auto& vs = ex["scalars"]["v"];
  double add = ps["dir.z"].get<double>() * vs["y"].get<double>() + ps["w[1]"].get<double>() + ps["k"].get<double>();
  ASSERT_GT(ex["outputs"]["y"].size(), 0u);
  for (std::size_t i = 0; i < ex["outputs"]["y"].size(); ++i)
    EXPECT_NEAR(ex["outputs"]["y"][i].get<double>(), ex["inputs"]["x"][i].get<double>() * ps["scale"].get<double>() + add,
                1e-4);
}

TEST(BuiltinStructScalar, AStructWithAPointerFieldStaysUnsupported) {
  KernelInput k;
  k.kernel_id = 4;
  k.name = "g";
  k.unit_source = k.kernel_source =
      "struct Holder { float* data; int n; };\n"
      "__global__ void g(Holder h, float* y) { y[threadIdx.x] = h.n; }\n";
  k.analysis.params = {param("h", "Holder", false, false, {}), param("y", "float", true, true, {"threadIdx.x"})};
  BuiltinOptions o;
  o.run_probes = false;
  auto s = BuiltinSynthesizer(o).synthesize(k, std::nullopt);
  EXPECT_EQ(s.status, "unsupported");
  EXPECT_NE(s.reason.find("'h'"), std::string::npos) << s.reason;
}

}  // namespace
}  // namespace kq::synth
