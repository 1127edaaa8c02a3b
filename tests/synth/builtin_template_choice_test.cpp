// A template kernel the repository never instantiates: the builtin
// synthesizer proves its chosen arguments by compiling and running them, and
// moves to the next candidate list when they fail.
#include <gtest/gtest.h>

#include "synth/builtin_synth.hpp"
#include "tests/support/test_support.hpp"
#include "tests/synth/synth_fixtures.hpp"

namespace kq::synth {
namespace {

const char* kUnit =
    "#include <cuda_runtime.h>\n"
    "template <int NDim>\n"
    "__global__ void spread(const float* x, float* y, int n) {\n"
    "  static_assert(NDim != 2, \"this layout has three dimensions or one\");\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = x[i] * NDim;\n"
    "}\n";

KernelInput spread_kernel() {
  KernelInput k;
  k.kernel_id = 7;
  k.name = "spread";
  k.unit_source = k.kernel_source = kUnit;
  k.analysis.index_pattern = "1d";
  k.analysis.template_params = {"int NDim"};
  k.analysis.features = {Feature::template_kernel};
  k.analysis.params = {fixtures::ptr("x", "float", true, false, {"i"}), fixtures::ptr("y", "float", false, true, {"i"}),
                       fixtures::size("n", {"i < n"})};
  return k;
}

TEST(BuiltinTemplateChoice, AChosenArgumentThatDoesNotCompileGivesWayToTheNext) {
  test::TempDir dir;
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  o.example = false;
  auto s = BuiltinSynthesizer(o).synthesize(spread_kernel(), std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason << s.extra.dump(1);
  EXPECT_EQ(s.extra["plan"]["template_args"], nlohmann::json({"3"})) << "2 is the first choice and fails to compile";
  const auto& assumptions = s.extra["plan"]["assumptions"];
  ASSERT_GE(assumptions.size(), 2u) << assumptions.dump();
  EXPECT_EQ(assumptions[0], "template arguments <3> chosen: the repository instantiates the kernel with none");
  EXPECT_NE(assumptions.back().get<std::string>().find("\"2\""), std::string::npos) << "the failed list is recorded";
  ASSERT_FALSE(s.cases.empty());
  EXPECT_EQ(s.cases[0].template_args, (std::vector<std::string>{"3"}));
}

}  // namespace
}  // namespace kq::synth
