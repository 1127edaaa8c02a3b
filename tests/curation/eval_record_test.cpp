// The evaluator's reading of the harness's result record, its speed verdict
// and its summaries.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "curation/eval_record.hpp"
#include "curation/eval_source_check.hpp"
#include "curation/eval_stats.hpp"
#include "tests/support/test_support.hpp"

namespace kq::curation {
namespace {

const std::string kHarness = "TEST(saxpy, typical) {}\nTEST(saxpy, size1) {}\n";

std::string record(const std::string& nonce, const std::string& cases) {
  return "{\"nonce\": \"" + nonce + "\", \"seed\": 7, \"cases\": [" + cases + "], \"timing\": []}";
}

TEST(ResultRecord, RequiresTheNonceAndExactlyTheExpectedCasesAllPassed) {
  test::TempDir dir;
  const auto expected = expected_case_names(kHarness);
  ASSERT_EQ(expected, (std::set<std::string>{"saxpy.typical", "saxpy.size1"}));
  const auto file = dir.path() / "kq_record.json";
  const std::string both = R"({"name": "saxpy.typical", "passed": true}, {"name": "saxpy.size1", "passed": true})";

  EXPECT_NE(read_result_record(file, "n1", expected).reason.find("no result record"), std::string::npos);
  write_file_atomic(file, record("n1", both));
  EXPECT_TRUE(read_result_record(file, "n1", expected).passed);
  auto forged = read_result_record(file, "n2", expected);
  EXPECT_FALSE(forged.passed);
  EXPECT_NE(forged.reason.find("nonce"), std::string::npos);
  write_file_atomic(file, record("n1", R"({"name": "saxpy.typical", "passed": true})"));
  EXPECT_NE(read_result_record(file, "n1", expected).reason.find("lacks case(s) saxpy.size1"), std::string::npos);
  write_file_atomic(file, record("n1", both + R"(, {"name": "saxpy.extra", "passed": true})"));
  EXPECT_NE(read_result_record(file, "n1", expected).reason.find("saxpy.extra"), std::string::npos);
  write_file_atomic(file, record("n1", R"({"name": "saxpy.typical", "passed": false}, {"name": "saxpy.size1", "passed": true})"));
  EXPECT_NE(read_result_record(file, "n1", expected).reason.find("failed: saxpy.typical"), std::string::npos);
  write_file_atomic(file, "[  PASSED  ] 2 tests.\n");
  EXPECT_NE(read_result_record(file, "n1", expected).reason.find("unreadable"), std::string::npos);
  EXPECT_NE(make_nonce(), make_nonce());
  EXPECT_NE(make_seed(), 0u);
}

TEST(SpeedVerdict, SlowerOnlyBeyondTheNoiseMargin) {
  auto same = speed_verdict(10.2, 10.0, 10.1, 0.05);
  EXPECT_FALSE(same.slower);
  EXPECT_FALSE(same.significant);
  EXPECT_NEAR(same.noise, 0.01, 1e-9);
  EXPECT_TRUE(speed_verdict(12.0, 10.0, 10.1, 0.05).slower);
  // A noisy machine widens the band: 20 % apart reference runs, 3 x 0.2 margin.
  EXPECT_FALSE(speed_verdict(12.0, 10.0, 12.0, 0.05).slower);
  auto fast = speed_verdict(5.0, 10.0, 10.0, 0.05);
  EXPECT_NEAR(fast.speedup, 2.0, 1e-9);
  EXPECT_TRUE(fast.significant);
}

TEST(Summary, PassAtKIsTheUnbiasedEstimatorAndFastPCountsCorrectAndFast) {
  EXPECT_NEAR(pass_at_k(10, 0, 1), 0.0, 1e-12);
  EXPECT_NEAR(pass_at_k(10, 3, 1), 0.3, 1e-12);
  EXPECT_NEAR(pass_at_k(10, 3, 5), 1.0 - (7.0 * 6 * 5 * 4 * 3) / (10.0 * 9 * 8 * 7 * 6), 1e-12);
  EXPECT_NEAR(pass_at_k(5, 1, 5), 1.0, 1e-12);
  std::vector<SampleScore> s{{"a", true, true, 1.6}, {"a", false, false, 0}, {"b", true, true, 0.9}, {"b", true, true, 1.1}};
  auto j = summarize(s);
  EXPECT_EQ(j["tasks"], 2);
  EXPECT_NEAR(j["pass_at_k"]["pass@1"].get<double>(), (0.5 + 1.0) / 2, 1e-12);
  EXPECT_NEAR(j["fast_p"]["fast_0"].get<double>(), 0.75, 1e-12);
  EXPECT_NEAR(j["fast_p"]["fast_1"].get<double>(), 0.5, 1e-12);
  EXPECT_NEAR(j["fast_p"]["fast_1.5"].get<double>(), 0.25, 1e-12);
}

TEST(SourceCheck, KernelCodeThatOnlyLooksSuspiciousIsAllowed) {
  SourceCheckInput in;
  in.entry_point = "k";
  in.prompt = "#include <cuda_runtime.h>\n__global__ void k(int n, float* y) {\n";
  // Words inside comments and strings, variables named like library
  // functions, device-side inline PTX, #pragma unroll.
  in.candidate = in.prompt +
                 "  // exit early when i >= n; printf would be slow\n"
                 "  int thread = threadIdx.x, read = 0;\n"
                 "  const char* s = \"abort\";\n"
                 "#pragma unroll\n"
                 "  for (int j = 0; j < 4; ++j) read += j;\n"
                 "  unsigned lane; asm(\"mov.u32 %0, %%laneid;\" : \"=r\"(lane));\n"
                 "  cudaTextureObject_t none = 0;\n"
                 "  int k = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_x + (int)none;\n"
                 "  if (thread < n) y[thread] = read + lane + k + (s != nullptr);\n}\n";
  EXPECT_EQ(check_candidate_source(in), "");
  in.host_kernels = true;  // cpu-sim: no assembly at all
  EXPECT_NE(check_candidate_source(in).find("inline assembly"), std::string::npos);
}

}  // namespace
}  // namespace kq::curation
