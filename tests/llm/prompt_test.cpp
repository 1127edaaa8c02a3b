// Prompt rendering and the pattern table.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "llm/prompt.hpp"
#include "llm/prompt_vars.hpp"
#include "tests/support/test_support.hpp"
#include "tests/llm/fixtures.hpp"

namespace kq::llm {
namespace {

PromptLibrary library() { return PromptLibrary(kq::test::source_root() / "llm" / "prompts"); }

TEST(LlmPrompt, RendersNamesAndRejectsUnknownOnes) {
  EXPECT_EQ(render_template("a {{x}} b {{ y }}{{x}}", {{"x", "1"}, {"y", "{{x}}"}}, "t"), "a 1 b {{x}}1");
  EXPECT_THROW(render_template("{{missing}}", {}, "t.md"), Error);
  EXPECT_EQ(render_template("{\"a\": {\"b\": 1}}", {}, "t"), "{\"a\": {\"b\": 1}}");
}

TEST(LlmPrompt, EveryStageTemplateRendersWithTheKernelVariables) {
  auto lib = library();
  auto vars = kernel_vars(test::llm_fixtures::scale_kernel());
  vars["pattern"] = "elementwise";
  vars["pattern_hints"] = lib.pattern_hints("elementwise");
  vars["contract_json"] = "{}";
  vars["example_case"] = "{}";
  vars["reply_format"] = "FORMAT";
  for (const char* stage : {"system", "analysis", "launch_specs", "golden", "doc"}) {
    std::string text = lib.render(stage, vars);
    EXPECT_EQ(text.find("{{"), std::string::npos) << stage;
  }
  EXPECT_NE(lib.render("golden", vars).find("void kq_golden(Dims d, const float* x, float* y)"), std::string::npos);
  EXPECT_NE(lib.render("launch_specs", vars).find("(d, x, y)"), std::string::npos);
}

TEST(LlmPrompt, PatternTablePicksHintsFromTheAnalysis) {
  auto lib = library();
  auto k = test::llm_fixtures::scale_kernel();
  EXPECT_EQ(lib.select_pattern(k), "elementwise");
  k.name = "block_sum";
  k.analysis.set(Feature::shared_static);
  EXPECT_EQ(lib.select_pattern(k), "reduction");
  k.name = "matmul_tiled";
  EXPECT_EQ(lib.select_pattern(k), "matmul");
  k.name = "inclusive_scan";
  EXPECT_EQ(lib.select_pattern(k), "scan");
  k = test::llm_fixtures::scale_kernel();
  k.name = "blur3x3";
  EXPECT_EQ(lib.select_pattern(k), "stencil");
  k.name = "mystery";
  k.analysis.index_pattern = "other";
  EXPECT_EQ(lib.select_pattern(k), "default");
  EXPECT_FALSE(lib.pattern_hints("reduction").empty());
}

TEST(LlmPrompt, GoldenSignatureDropsRestrictAndKeepsTemplates) {
  auto k = test::llm_fixtures::scale_kernel();
  k.signature = "__global__ void f(const float *__restrict__ a, float * __restrict__ b, int n)";
  EXPECT_EQ(golden_signature(k), "void kq_golden(const float* a, float* b, int n)");
  k.analysis.template_params = {"typename T"};
  EXPECT_EQ(golden_signature(k).rfind("template <typename T>\n", 0), 0u);
}

}  // namespace
}  // namespace kq::llm
