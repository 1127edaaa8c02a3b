// Template arguments for kernels the repository never instantiates.
#include <gtest/gtest.h>

#include "testgen/plan.hpp"
#include "testgen/template_choice.hpp"
#include "tests/testgen/testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(TemplateChoice, CandidatesFollowTheNameAndTheUse) {
  EXPECT_EQ(template_candidates(parse_template_param("typename T"), "").front(), "float");
  EXPECT_EQ(template_candidates(parse_template_param("bool kAccumulate"), ""), (std::vector<std::string>{"false", "true"}));
  EXPECT_EQ(template_candidates(parse_template_param("int NDim"), "").front(), "2");
  EXPECT_EQ(template_candidates(parse_template_param("int WARP_SZ"), ""), (std::vector<std::string>{"32"}));
  EXPECT_EQ(template_candidates(parse_template_param("int BLOCK_SIZE"), "").front(), "256");
  EXPECT_EQ(template_candidates(parse_template_param("int BLOCK_SIZE"), "__shared__ float s[BLOCK_SIZE][BLOCK_SIZE];").front(),
            "16")
      << "a square tile of 256 x 256 would not fit a block";
  EXPECT_EQ(template_candidates(parse_template_param("int R"), "__shared__ float s[R + 1];").front(), "256")
      << "an extent of a shared array is block-sized";
  EXPECT_EQ(template_candidates(parse_template_param("int VEC"), "").front(), "4");
}

TEST(TemplateChoice, ListsKeepWhatTheRepositoryGives) {
  std::vector<TemplateParam> ps{parse_template_param("typename T"), parse_template_param("int NDim"),
                                parse_template_param("int K = 3")};
  auto lists = template_choices(ps, {"double", "", ""}, "");
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_EQ(lists[0], (std::vector<std::string>{"double", "2", "3"}));
  EXPECT_EQ(lists[1], (std::vector<std::string>{"double", "3", "3"}));
  EXPECT_EQ(lists[2], (std::vector<std::string>{"double", "1", "3"}));
}

TEST(TemplateChoice, AKernelWithoutInstantiationsIsPlannedWithAlternatives) {
  auto in = input("stride_copy", "1d",
                  {ptr("src", "float", true, false, {"i"}), ptr("dst", "float", false, true, {"i"}), size("n", {"i < n"})},
                  "template <int NDim>\n__global__ void stride_copy(const float* src, float* dst, int n) {\n"
                  "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) dst[i] = src[i] * NDim;\n}\n");
  in.analysis.template_params = {"int NDim"};
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.template_args, (std::vector<std::string>{"2"}));
  EXPECT_EQ(plan.template_alternatives, (std::vector<std::vector<std::string>>{{"3"}, {"1"}}));
  ASSERT_FALSE(plan.assumptions.empty());
  EXPECT_EQ(plan.assumptions.front(), "template arguments <2> chosen: the repository instantiates the kernel with none");

  in.template_args = {"3"};  // an alternative being proven
  auto forced = infer_plan(in);
  ASSERT_TRUE(forced.ok) << forced.reason;
  EXPECT_EQ(forced.template_args, (std::vector<std::string>{"3"}));
  EXPECT_TRUE(forced.template_alternatives.empty());
}

TEST(TemplateChoice, AnInstantiatedKernelHasNoAlternatives) {
  auto in = input("scale", "1d", {ptr("x", "float", true, true, {"i"}), size("n", {"i < n"})},
                  "template <typename T>\n__global__ void scale(T* x, int n) { }\n");
  in.analysis.template_params = {"typename T"};
  in.instantiations = nlohmann::json::array({"template __global__ void scale<double>(double*, int);"});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.template_args, (std::vector<std::string>{"double"}));
  EXPECT_TRUE(plan.template_alternatives.empty());
  EXPECT_TRUE(plan.assumptions.empty());
}

}  // namespace
}  // namespace kq::testgen
