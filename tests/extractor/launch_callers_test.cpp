// The function a launch is written in, and its calls anywhere in the repository.
#include <gtest/gtest.h>

#include "extractor/launch_callers.hpp"
#include "core/source_scan.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {
namespace {

const char* kLauncher = R"(#include "scale.cuh"
__global__ void scale(float* x, int n, float a) { }
template <typename T>
void run_scale(T* __restrict__ x, const int n, float a = 2.0f, cudaStream_t = 0) {
  int threads = 256;
  scale<<<(n + threads - 1) / threads, threads>>>(x, n, a);
}
)";

const char* kCaller = R"(#include "scale.cuh"
void run_scale(float* x, int n, float a, cudaStream_t s);  // a declaration, not a call
static void step(int rows, int cols) {
  float* d;
  cudaMalloc(&d, rows * cols * sizeof(float));
  // run_scale(d, 1, 1.0f);  a comment is no call
  run_scale<float>(d, rows * cols, 0.5f);
}
int main() { step(32, 64); }
)";

TEST(LaunchCallers, TheLaunchKnowsItsFunctionAndParameters) {
  auto ls = find_launches(kLauncher, "scale.cu");
  ASSERT_EQ(ls.size(), 1u);
  EXPECT_EQ(ls[0].function, "run_scale");
  EXPECT_EQ(ls[0].function_params, (std::vector<std::string>{"x", "n", "a", ""}))
      << "qualifiers and defaults are dropped; an unnamed parameter keeps its place";
  EXPECT_NE(ls[0].context.find("int threads = 256;"), std::string::npos);
}

TEST(LaunchCallers, CallsInOtherFilesAreFoundWithTheirContext) {
  auto calls = find_calls(blank_comments(kCaller), "main.cpp", "run_scale");
  ASSERT_EQ(calls.size(), 1u) << "the declaration and the comment are no calls (comments blanked by the caller)";
  EXPECT_EQ(calls[0].caller, "step");
  EXPECT_EQ(calls[0].args, (std::vector<std::string>{"d", "rows * cols", "0.5f"}));
  EXPECT_NE(calls[0].context.find("cudaMalloc(&d, rows * cols * sizeof(float));"), std::string::npos);
  EXPECT_EQ(calls[0].line, 7);
}

TEST(LaunchCallers, AttachedToTheLaunchesOfTheCalledFunction) {
  auto ls = find_launches(kLauncher, "scale.cu");
  std::vector<Launch*> all{&ls[0]};
  std::string caller = kCaller;
  caller.replace(caller.find("// run_scale"), 2, "  ");  // uncommented: a second call, with 3 arguments too
  std::vector<std::pair<std::string, std::string>> texts{{"scale.cu", kLauncher}, {"main.cpp", caller}};
  attach_callers(all, texts, 1);
  ASSERT_EQ(ls[0].callers.size(), 1u) << "at most per_launch callers";
  EXPECT_EQ(ls[0].callers[0]["caller"], "step");
  auto j = to_json(ls[0]);
  EXPECT_EQ(j["function"], "run_scale");
  EXPECT_EQ(j["callers"].size(), 1u);
}

TEST(LaunchCallers, OverloadsWithMoreArgumentsThanParametersAreNotCallers) {
  auto ls = find_launches(kLauncher, "scale.cu");
  std::vector<Launch*> all{&ls[0]};
  std::vector<std::pair<std::string, std::string>> texts{
      {"other.cpp", "void f() { run_scale(a, b, c, d, e); }\n"}};
  attach_callers(all, texts);
  EXPECT_TRUE(ls[0].callers.empty());
}

}  // namespace
}  // namespace kq::extractor

namespace kq::extractor {
namespace {

TEST(LaunchCallers, ArgumentsOfCallsInMacrosLoseTheirLineContinuations) {
  auto calls = find_calls("void f() {\n  run(a, \\\n      b);\n}\n", "m.cu", "run");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].args, (std::vector<std::string>{"a", "b"}));
}

TEST(LaunchCallers, FewerArgumentsThanRequiredIsAnotherOverload) {
  auto ls = find_launches(kLauncher, "scale.cu");
  std::vector<Launch*> all{&ls[0]};
  std::vector<std::pair<std::string, std::string>> texts{{"other.cpp", "void f() { run_scale(a); }\n"}};
  EXPECT_EQ(ls[0].function_min_args, 2u) << "a and the stream have defaults";
  attach_callers(all, texts);
  EXPECT_TRUE(ls[0].callers.empty());
}

}  // namespace
}  // namespace kq::extractor
