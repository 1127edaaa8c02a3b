// What the host code around a launch, one and two functions up, tells the
// planner: buffer counts, relations between sizes, powers of two, values.
#include <gtest/gtest.h>

#include "core/source_scan.hpp"
#include "extractor/launch_callers.hpp"
#include "extractor/launches.hpp"
#include "testgen/cases.hpp"
#include "testgen/plan.hpp"
#include "testgen/site_facts.hpp"
#include "tests/testgen/testgen_fixtures.hpp"

namespace kq::testgen {
namespace {

using namespace fixtures;

// Whether the plan's count of `buffer` evaluates to `expected` in the typical case.
::testing::AssertionResult counts(const KernelPlan& plan, const std::string& buffer, const std::string& expected) {
  auto vars = case_sizes(plan, "typical");
  auto got = eval_size(plan.find(buffer)->count(), vars), want = eval_size(expected, vars);
  if (got && want && *got == *want) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << buffer << " counts " << plan.find(buffer)->count() << ", not " << expected;
}

// The launches of `files` (path -> text) as the extractor stores them, callers attached.
nlohmann::json launches_in(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<extractor::Launch> ls;
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto& [path, text] : files) {
    for (auto& l : extractor::find_launches(text, path)) ls.push_back(std::move(l));
    texts.emplace_back(path, blank_comments(text));
  }
  std::vector<extractor::Launch*> all;
  for (auto& l : ls) all.push_back(&l);
  extractor::attach_callers(all, texts);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : ls) out.push_back(extractor::to_json(l));
  return out;
}

const char* kScaleKernel =
    "__global__ void scale(float* x, int n, float a) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) x[i] *= a;\n}\n";

PlanInput scale_input() {
  return input("scale", "1d", {ptr("x", "float", true, true, {"i"}), size("n", {"i < n"}), scalar("a", "float")},
               kScaleKernel);
}

TEST(SiteFacts, CountsAndValuesComeFromTheCallerOfTheLaunchingFunction) {
  auto in = scale_input();
  in.launches = launches_in({{"scale.cu", R"(
void run_scale(float* x, int count, float factor, int threads) {
  scale<<<(count + threads - 1) / threads, threads>>>(x, count, factor);
})"},
                             {"main.cpp", R"(
static void step(int rows, int cols) {
  float* d_img;
  cudaMalloc(&d_img, rows * cols * sizeof(float));
  run_scale(d_img, rows * cols, 0.5f, 128);
})"}});
  ASSERT_EQ(in.launches[0]["callers"].size(), 1u);
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("x")->count(), "n") << "rows*cols elements is n = rows*cols";
  EXPECT_EQ(plan.find("x")->count_from, "the allocation at a caller of the launching function");
  EXPECT_EQ(plan.find("a")->scalar_value, 0.5) << "the value the host passes, not one chosen by name";
  EXPECT_EQ(plan.launch.block[0], 128u) << "the block the caller passes to the launching function";
  bool recorded = false;
  for (const auto& s : plan.assumptions) recorded |= s == "a = 0.5, as a caller of the launching function passes it";
  EXPECT_TRUE(recorded) << plan_to_json(plan)["assumptions"].dump();
}

TEST(SiteFacts, WithoutTheCallerNothingIsLearnt) {
  auto in = scale_input();
  in.launches = launches_in({{"scale.cu", R"(
void run_scale(float* x, int count, float factor, int threads) {
  scale<<<(count + threads - 1) / threads, threads>>>(x, count, factor);
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_TRUE(plan.find("x")->count_from.empty());
  EXPECT_NE(plan.find("a")->scalar_value, 0.5);
  EXPECT_EQ(plan.launch.block[0], 256u);
}

TEST(SiteFacts, ASizeTheHostComputesFromOthersIsARelationEveryCaseKeeps) {
  auto in = input("row_sum", "1d",
                  {ptr("in", "float", true, false, {"i"}), ptr("out", "float", false, true, {"r"}), size("n", {"i < n"}),
                   size("rows", {"r < rows"}), size("cols", {})},
                  "__global__ void row_sum(const float* in, float* out, int n, int rows, int cols) { }\n");
  in.launches = launches_in({{"rs.cu", R"(
void go(int h, int w) {
  float *a, *b;
  cudaMalloc(&a, h * w * sizeof(float));
  cudaMalloc(&b, h * sizeof(float));
  row_sum<<<(h * w + 255) / 256, 256>>>(a, b, h * w, h, w);
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("n")->relation, "rows*cols");
  EXPECT_TRUE(counts(plan, "out", "rows"));
  for (const char* kind : {"typical", "size1", "one_block", "ragged", "large"}) {
    auto s = case_sizes(plan, kind);
    EXPECT_EQ(s.at("n"), s.at("rows") * s.at("cols")) << kind;
  }
}

TEST(SiteFacts, SizesPassedAsTheSameValueStayEqual) {
  auto in = input("mm", "2d",
                  {ptr("A", "float", true, false, {"row * K + k"}), ptr("B", "float", true, false, {"k * N + col"}),
                   ptr("C", "float", false, true, {"row * N + col"}), size("M", {"row < M"}), size("N", {"col < N"}),
                   size("K", {"k < K"})},
                  "__global__ void mm(const float* A, const float* B, float* C, int M, int N, int K) { }\n");
  in.launches = launches_in({{"mm.cu", R"(
void bench(int n) {
  dim3 block(16, 16);
  dim3 grid((n + 15) / 16, (n + 15) / 16);
  mm<<<grid, block>>>(dA, dB, dC, n, n, n);
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("N")->relation, "M");
  EXPECT_EQ(plan.find("K")->relation, "M");
  auto s = case_sizes(plan, "ragged");
  EXPECT_EQ(s.at("M"), s.at("N"));
  EXPECT_EQ(s.at("M"), s.at("K"));
}

TEST(SiteFacts, LengthsPassedAsPowersOfTwoStayPowersOfTwo) {
  auto in = scale_input();
  in.launches = launches_in({{"b.cu", R"(
void sort_pass(float* d, int log2n) {
  int len = 1 << log2n;
  scale<<<len / 256, 256>>>(d, len, 1.0f);
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_TRUE(plan.find("n")->pow2);
  for (const char* kind : {"typical", "ragged", "large"}) {
    long long n = case_sizes(plan, kind).at("n");
    EXPECT_EQ(n & (n - 1), 0) << kind << ": " << n;
  }
}

TEST(SiteFacts, TensorsCountTheirElements) {
  auto in = input("relu", "1d",
                  {ptr("x", "float", true, false, {"i"}), ptr("y", "float", false, true, {"i"}), size("n", {"i < n"}),
                   ptr("t", "float", false, true, {"r"}), size("rows", {"r < rows"})},
                  "__global__ void relu(const float* x, float* y, int n, float* t, int rows) { }\n");
  in.launches = launches_in({{"ext.cu", R"(
torch::Tensor relu_forward(torch::Tensor x) {
  auto y = torch::empty_like(x);
  auto t = torch::zeros({x.size(0)}, x.options());
  const int n = x.numel();
  relu<<<(n + 255) / 256, 256>>>(x.data_ptr<float>(), reinterpret_cast<float*>(y.data_ptr()), n,
                                 t.data_ptr<float>(), x.size(0));
  return y;
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_TRUE(counts(plan, "x", "n"));
  EXPECT_TRUE(counts(plan, "y", "n"));
  EXPECT_TRUE(counts(plan, "t", "rows"));
  EXPECT_NE(plan.find("x")->count_from, "") << "from the tensor, not the kernel";
}

TEST(SiteFacts, AHostLoopVariableTakesAValueInsideItsRange) {
  // eliminate(m, Size, rest, t) is launched once per step t < Size - 1 with
  // rest = Size - t: every case keeps t inside the loop and rest consistent.
  auto in = input("eliminate", "1d",
                  {ptr("m", "float", true, true, {"i"}), size("Size", {"i < Size"}), size("rest", {}),
                   size("t", {})},
                  "__global__ void eliminate(float* m, int Size, int rest, int t) { }\n");
  in.launches = launches_in({{"g.cu", R"(
void forward(float* m_d) {
  for (int t = 0; t < Size - 1; t++) {
    eliminate<<<(Size + 255) / 256, 256>>>(m_d, Size, Size - t, t);
  }
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("t")->relation, "0+max(0, (Size-1-1-0)/2)");
  EXPECT_EQ(plan.find("rest")->relation, "Size-t");
  for (const char* kind : {"typical", "size1", "one_block", "ragged"}) {
    auto s = case_sizes(plan, kind);
    EXPECT_GE(s.at("t"), 0) << kind;
    EXPECT_LE(s.at("t"), std::max(0LL, s.at("Size") - 2)) << kind;
    EXPECT_EQ(s.at("rest"), s.at("Size") - s.at("t")) << kind;
  }
}

TEST(SiteFacts, AStridedHostLoopKeepsItsStep) {
  FactsQuery q{{"m", "dim", "offset"}, {false, true, true}, {false, false, false}, {4, 0, 0}};
  LaunchSite site;
  site.args = {"d_m", "dim", "i"};
  site.context =
      "  int dim, i;\n  dim = atoi(argv[1]);\n  cudaMalloc(&d_m, dim * dim * sizeof(float));\n"
      "  for (i = 0; i < dim - 16; i += BS) {\n";
  auto f = site_facts(site, "#define BS 16\n", q);
  EXPECT_EQ(f.counts["m"], "dim*dim") << "dim is computed at run time: a free variable";
  EXPECT_EQ(f.relations["offset"], "0+max(0, (dim-16-1-0)/2)/16*16");
}

TEST(SiteFacts, ExtentsComputedAlikeAreOneAndLoopsMayStartAtOne) {
  // A square problem read twice from the command line; a wavefront loop from 1.
  FactsQuery q{{"score", "cols", "step"}, {false, true, true}, {false, false, false}, {4, 0, 0}};
  LaunchSite site;
  site.args = {"d_score", "max_cols", "i"};
  site.context =
      "  int max_rows, max_cols;\n  max_rows = atoi(argv[1]) + 1;\n  max_cols = atoi(argv[1]) + 1;\n"
      "  cudaMalloc(&d_score, max_rows * max_cols * sizeof(int));\n  for (int i = 1; i <= max_cols; i++) {\n";
  auto f = site_facts(site, "", q);
  EXPECT_EQ(f.counts["score"], "cols*cols");
  EXPECT_EQ(f.relations["step"], "1+max(0, (cols+1-1-1)/2)");
}

TEST(SiteFacts, SizesAssignedAfterTheirDeclarationCount) {
  FactsQuery q{{"J", "cols", "rows", "q0"}, {false, true, true, false}, {false, false, false, true}, {4, 0, 0, 0}};
  LaunchSite site;
  site.args = {"J_cuda", "cols", "rows", "q0sqr"};
  site.context =
      "  int rows, cols, size_I;\n  float q0sqr;\n  rows = atoi(argv[1]);\n  cols = atoi(argv[2]);\n"
      "  size_I = cols * rows;\n  cudaMalloc((void**)&J_cuda, sizeof(float) * size_I);\n";
  auto f = site_facts(site, "", q);
  EXPECT_EQ(f.counts["J"], "cols*rows");
  EXPECT_FALSE(f.values.count("q0")) << "no literal reaches q0sqr";
}

TEST(SiteFacts, AGridThatDividesWithoutRoundingUpKeepsSizesMultiples) {
  auto in = input("smooth", "2d",
                  {ptr("img", "float", true, true, {"row * cols + col"}), size("cols", {"col < cols"}),
                   size("rows", {"row < rows"})},
                  "__global__ void smooth(float* img, int cols, int rows) {\n"
                  "  int col = blockIdx.x * 16 + threadIdx.x, row = blockIdx.y * 16 + threadIdx.y;\n"
                  "  img[row * cols + col] *= 0.5f;\n}\n");
  in.launches = launches_in({{"s.cu", R"(
void go(float* d, int cols, int rows) {
  dim3 block(16, 16);
  dim3 grid(cols / 16, rows / 16);
  smooth<<<grid, block>>>(d, cols, rows);
})"}});
  auto plan = infer_plan(in);
  ASSERT_TRUE(plan.ok) << plan.reason;
  EXPECT_EQ(plan.find("cols")->multiple_of, 16);
  EXPECT_EQ(plan.find("rows")->multiple_of, 16);
  for (const char* kind : {"typical", "size1", "one_block", "ragged", "large"}) {
    auto s = case_sizes(plan, kind);
    EXPECT_EQ(s.at("cols") % 16, 0) << kind;
    EXPECT_EQ(s.at("rows") % 16, 0) << kind;
    EXPECT_GE(s.at("rows"), 16) << kind;
  }
}

TEST(SiteFacts, IdentityValuesAreNotTaken) {
  FactsQuery q{{"x", "a", "b"}, {false, false, false}, {false, true, true}, {4, 0, 0}};
  LaunchSite site;
  site.args = {"d", "1.0f", "0.25f"};
  auto f = site_facts(site, "", q);
  EXPECT_FALSE(f.values.count("a")) << "a test with a = 1 cannot tell x * a from x";
  EXPECT_EQ(f.values["b"], 0.25);
}

TEST(SiteFacts, IndependentValuesGiveNoRelation) {
  FactsQuery q{{"x", "n", "m"}, {false, true, true}, {false, false, false}, {4, 0, 0}};
  LaunchSite site;
  site.args = {"d", "a + 1", "b"};
  site.context = "float* d; cudaMalloc(&d, (a + 1) * b * sizeof(float));";
  auto f = site_facts(site, "", q);
  EXPECT_TRUE(f.relations.empty());
  EXPECT_EQ(f.counts["x"], "n*m");
  EXPECT_TRUE(f.pow2.empty());
}

TEST(SiteFacts, AFixedAllocationNextToAFixedSizeIsNoCount) {
  FactsQuery q{{"x", "n"}, {false, true}, {false, false}, {4, 0}};
  LaunchSite site;
  site.args = {"d", "1024"};
  site.context = "float* d; cudaMalloc(&d, 1024 * sizeof(float));";
  auto f = site_facts(site, "", q);
  EXPECT_FALSE(f.counts.count("x")) << "the cases vary n; a count of 1024 would overflow";
  EXPECT_EQ(f.values["n"], 1024);
}

}  // namespace
}  // namespace kq::testgen
