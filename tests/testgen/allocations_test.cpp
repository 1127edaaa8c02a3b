// Buffer sizes read from the allocations of the host code that launches a kernel.
#include <gtest/gtest.h>

#include "extractor/launches.hpp"
#include "testgen/allocations.hpp"
#include "testgen/plan.hpp"
#include "tests/testgen/testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

nlohmann::json launches_from(const std::string& host) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : extractor::find_launches(host, "host.cu")) out.push_back(extractor::to_json(l));
  return out;
}

TEST(Allocations, FindsEachKindOfAllocation) {
  const std::string ctx = R"(
  float *d_a, *d_b, *h_c, *h_d;
  cudaMalloc(&d_a, rows * cols * sizeof(float));
  hipMalloc((void**)&d_b, n * sizeof(float));
  h_c = (float*)malloc(sizeof(float) * n);
  h_d = new float[2 * n];
  std::vector<int> idx(n + 1, 0);
  thrust::device_vector<float> dv(m);
  cudaMalloc(&d_a, 7 * sizeof(float));
)";
  auto a = find_allocation(ctx, "d_a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size, "7 * sizeof(float)") << "the last allocation reaches the launch";
  EXPECT_TRUE(a->bytes);
  EXPECT_EQ(find_allocation(ctx, "d_b")->how, "hipMalloc");
  EXPECT_EQ(find_allocation(ctx, "h_c")->size, "sizeof(float) * n");
  EXPECT_EQ(find_allocation(ctx, "h_d")->size, "2 * n");
  EXPECT_FALSE(find_allocation(ctx, "h_d")->bytes);
  EXPECT_EQ(find_allocation(ctx, "idx")->size, "n + 1");
  EXPECT_EQ(find_allocation(ctx, "dv")->size, "m");
  EXPECT_FALSE(find_allocation(ctx, "nothing"));
}

TEST(Allocations, ArgumentVariables) {
  EXPECT_EQ(argument_variable("d_x"), "d_x");
  EXPECT_EQ(argument_variable("(float*)d_x"), "d_x");
  EXPECT_EQ(argument_variable("&v[0]"), "v");
  EXPECT_EQ(argument_variable("v.data()"), "v");
  EXPECT_EQ(argument_variable("thrust::raw_pointer_cast(dv.data())"), "dv");
  EXPECT_EQ(argument_variable("d_x + off"), "") << "an offset pointer is not the allocation's start";
}

TEST(Allocations, PlanTakesTheAllocatedSizeFirst) {
  // The kernel alone says only i < n for out; the host allocated rows*cols
  // elements for `in` and passes n = rows * cols.
  auto in = input("copy_rows", "1d",
                  {ptr("src", "float", true, false, {"j"}), ptr("dst", "float", false, true, {"i"}),
                   size("n", {"i < n"}), size("stride", {})},
                  "__global__ void copy_rows(const float* src, float* dst, int n, int stride) {\n"
                  "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                  "  int j = (i % stride) * 2;\n  if (i < n) dst[i] = src[j];\n}\n");
  in.launches = launches_from(R"(void run(int rows, int cols) {
  int n = rows * cols;
  float *d_src, *d_dst;
  cudaMalloc(&d_src, 2 * n * sizeof(float));
  cudaMalloc(&d_dst, n * sizeof(float));
  copy_rows<<<(n + 255) / 256, 256>>>(d_src, d_dst, n, cols);
})");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("src")->count(), "(2 * n * 4)/4");
  EXPECT_EQ(plan.find("src")->count_from, "the allocation at a launch site");
  EXPECT_EQ(plan.find("dst")->count(), "(n * 4)/4");
}

}  // namespace
}  // namespace kq::testgen
