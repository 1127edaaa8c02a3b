// Kernels run on the CPU execution runtime (built with AddressSanitizer, as
// the verifier builds units); each answer is recomputed here in plain C++.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

int input_value(int i) { return (i * 37) % 101 - 50; }

const std::filesystem::path& cuda_features() {
  static const std::filesystem::path binary = build_sim_program({"cuda_features.cu"});
  return binary;
}

std::string run_ok(const std::string& what, const std::map<std::string, std::string>& env = {}) {
  const std::filesystem::path& bin = cuda_features();
  if (bin.empty()) return {};
  const RunResult r = run_sim_program(bin, {what}, env);
  EXPECT_TRUE(r.ok()) << what << ": " << r.describe() << "\n" << r.out << r.err;
  return r.out;
}

std::vector<double> ints_as_doubles(const std::vector<int>& v) { return {v.begin(), v.end()}; }

TEST(SimFeatures, HostLibraryHeadersCompileAndDoNothing) {
  EXPECT_EQ(numbers_on_line(run_ok("host_libraries"), 0), std::vector<double>{1});
}

TEST(SimFeatures, BlockReductionWithBarriers) {
  const int n = 5000, blocks = 20;
  std::vector<int> expected(blocks, 0);
  for (int i = 0; i < n; ++i) expected[i / 256] += input_value(i);
  EXPECT_EQ(numbers_on_line(run_ok("reduce"), 0), ints_as_doubles(expected));
  EXPECT_EQ(numbers_on_line(run_ok("reduce", {{"KQ_SIM_SCHEDULE", "shuffle:11"}, {"KQ_SIM_THREADS", "3"}}), 0),
            ints_as_doubles(expected));
}

TEST(SimFeatures, WarpShufflesAndBallotAtWidth32) {
  std::vector<int> sums(8, 0);
  std::vector<double> ballots(8, 0);
  for (int i = 0; i < 256; ++i) {
    sums[i / 32] += input_value(i);
    if (input_value(i) & 1) ballots[i / 32] += std::ldexp(1.0, i % 32);
  }
  const std::string out = run_ok("warp", {{"KQ_SIM_SCHEDULE", "reverse"}});
  EXPECT_EQ(numbers_on_line(out, 0), ints_as_doubles(sums));
  EXPECT_EQ(numbers_on_line(out, 1), ballots);
  EXPECT_EQ(numbers_on_line(out, 2), ints_as_doubles(sums));  // xor butterfly: every lane has the total
}

TEST(SimFeatures, DynamicSharedMemory) {
  std::vector<double> expected;
  for (int b = 0; b < 3; ++b)
    for (int t = 0; t < 96; ++t) expected.push_back(input_value(b * 96 + 95 - t));
  EXPECT_EQ(numbers_on_line(run_ok("dynshared"), 0), expected);
}

TEST(SimFeatures, HistogramWithAtomicsAcrossParallelBlocks) {
  std::vector<int> bins(64, 0);
  for (int i = 0; i < 100000; ++i) ++bins[(i * 7919) % 64];
  for (const char* threads : {"2", "4"}) {
    const std::string out = run_ok("histogram", {{"KQ_SIM_THREADS", threads}, {"KQ_SIM_SCHEDULE", "shuffle:3"}});
    EXPECT_EQ(numbers_on_line(out, 0), ints_as_doubles(bins)) << threads << " threads";
    EXPECT_EQ(numbers_on_line(out, 1), (std::vector<double>{50000.0, 189.0})) << threads << " threads";
  }
}

TEST(SimFeatures, TransposeThroughSharedMemoryOn2DGrid) {
  const int rows = 37, cols = 50;
  std::vector<double> expected(rows * cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) expected[c * rows + r] = r * cols + c;
  EXPECT_EQ(numbers_on_line(run_ok("transpose"), 0), expected);
}

TEST(SimFeatures, TemplatedKernels) {
  std::vector<double> doubles, ints;
  for (int i = 0; i < 10; ++i) {
    doubles.push_back(i * 0.25 * 3 + 0.5);
    ints.push_back(i * -2 + 7);
  }
  const std::string out = run_ok("template");
  EXPECT_EQ(numbers_on_line(out, 0), doubles);
  EXPECT_EQ(numbers_on_line(out, 1), ints);
}

TEST(SimFeatures, HalfArithmeticRoundsToNearestEven) {
  // Bit patterns worked out by hand: 1/3 -> 0x3555, e -> 0x4170, their sum
  // 3.052001953125 -> 0x421b, product 0.90602... -> 0x3b40, difference
  // -2.385498046875 -> 0xc0c5, 65520 -> +Inf, 1e-6 -> subnormal 17,
  // 2049 (a tie) -> 2048 = 0x6800.
  const std::vector<double> expected = {0x3555, 0x4170, 0x421b, 0x3b40, 0xc0c5, 0x7c00, 17, 0x6800};
  EXPECT_EQ(numbers_on_line(run_ok("half"), 0), expected);
}

TEST(SimFeatures, ConstantMemoryThroughMemcpyToSymbol) {
  std::vector<double> expected;
  for (int i = 0; i < 8; ++i) expected.push_back(1.0 - 2.0 * i + 0.5 * i * i + 0.25 * i * i * i);
  EXPECT_EQ(numbers_on_line(run_ok("constant"), 0), expected);
}

TEST(SimFeatures, CooperativeGroupsTilesAndBlockSync) {
  std::vector<int> sums(4, 0);
  for (int i = 0; i < 64; ++i) sums[i / 16] += input_value(i);
  EXPECT_EQ(numbers_on_line(run_ok("coop"), 0), ints_as_doubles(sums));
}

TEST(SimFeatures, InvalidLaunchConfigurationSetsLastError) {
  const std::string out = run_ok("config");
  EXPECT_EQ(numbers_on_line(out, 0), std::vector<double>{1});  // cudaErrorInvalidValue, as on the H200
  EXPECT_EQ(numbers_on_line(out, 1), std::vector<double>{0});  // cleared by the first read
}

TEST(SimFeatures, CudaLaunchKernelWithArgumentPointers) {
  EXPECT_EQ(numbers_on_line(run_ok("launch_kernel"), 0), std::vector<double>(8, 6));
}

TEST(SimFeatures, PrintfFromEveryThread) {
  const std::string out = run_ok("printf", {{"KQ_SIM_THREADS", "2"}});
  for (int v = 100; v < 108; ++v) {
    const std::string line = "hello " + std::to_string(v) + "\n";
    std::size_t count = 0;
    for (std::size_t p = out.find(line); p != std::string::npos; p = out.find(line, p + 1)) ++count;
    EXPECT_EQ(count, 4u) << line;
  }
}

}  // namespace
}  // namespace kq::test
