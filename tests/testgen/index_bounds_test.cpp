// Buffer sizes read from the kernel's subscripts before any run.
#include <gtest/gtest.h>

#include "testgen/cases.hpp"
#include "testgen/index_bounds.hpp"
#include "testgen/plan.hpp"
#include "tests/testgen/testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

TEST(IndexBounds, SubscriptsBecomeFormulasOverTheLaunch) {
  const std::string src =
      "int row = blockIdx.y * blockDim.y + threadIdx.y;\n"
      "int col = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "int k = 0; k += 1;\n";
  EXPECT_EQ(index_formula("row * cols + (int)col", src, {"col"}),
            "(blockIdx_y * blockDim_y + threadIdx_y) * cols + col");
  EXPECT_EQ(index_formula("k * 2", src, {}), "k * 2") << "k is assigned twice: no single value to substitute";
  EXPECT_FALSE(index_formula("idx[i]", src, {})) << "a subscript that reads memory";
}

TEST(IndexBounds, TheLargestSubscriptIsAtACorner) {
  IndexRanges r;
  r.fixed = {{"cols", 10}};
  r.upper = {{"row", 4}, {"col", 9}};
  EXPECT_EQ(needed_count("row * cols + col", r), 50);
  EXPECT_EQ(needed_count("(row + 1) * cols + col + 2", r), 62) << "a stencil's neighbours";
  EXPECT_FALSE(needed_count("row * pitch", r)) << "pitch has no value";
  EXPECT_EQ(bound_upper("i < n", "i", 8), 7);
  EXPECT_EQ(bound_upper("i <= n", "i", 8), 8);
}

TEST(IndexBounds, AStencilGetsItsHaloBeforeAnyRun) {
  // out[i] reads in[i + 2]: the kernel alone says in needs n + 2 elements.
  auto in = input("blur", "1d",
                  {ptr("in", "float", true, false, {"i", "i + 1", "i + 2"}), ptr("out", "float", false, true, {"i"}),
                   size("n", {"i < n"})},
                  "__global__ void blur(const float* in, float* out, int n) {\n"
                  "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                  "  if (i < n) out[i] = in[i] + in[i + 1] + in[i + 2];\n}\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  auto sizes = case_sizes(plan, "ragged");
  auto need = sizes.at("n") + 2;
  auto got = eval_size(plan.find("in")->count(), launch_bindings(plan, sizes, case_grid(plan, sizes, false)));
  ASSERT_TRUE(got);
  EXPECT_GE(*got, need) << plan.find("in")->count();
  EXPECT_EQ(plan.find("in")->count_from, "the kernel's subscripts");
  EXPECT_EQ(plan.find("out")->count(), "n") << "a buffer the first guess covers keeps it";
  EXPECT_TRUE(plan.find("out")->count_from.empty());
}

TEST(IndexBounds, AnUnguardedLaunchIndexNeedsEveryThread) {
  auto in = input("fill", "1d", {ptr("out", "float", false, true, {"blockIdx.x * blockDim.x + threadIdx.x"}),
                                 size("n", {"j < n"})},
                  "__global__ void fill(float* out, int n) {\n"
                  "  out[blockIdx.x * blockDim.x + threadIdx.x] = n;\n}\n");
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  for (const char* kind : {"typical", "ragged", "one_block"}) {
    auto sizes = case_sizes(plan, kind);
    auto grid = case_grid(plan, sizes, false);
    auto b = launch_bindings(plan, sizes, grid);
    EXPECT_GE(*eval_size(plan.find("out")->count(), b), b.at("threads")) << kind << ": " << plan.find("out")->count();
  }
}

}  // namespace
}  // namespace kq::testgen
