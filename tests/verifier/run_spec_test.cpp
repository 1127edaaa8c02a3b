// run_spec on cpu-sim (available everywhere): known answers, each failure
// class, the compile cache, goldens, determinism. GPU backends run the same
// path on a GPU machine (gpu_backends_test.cpp).
#include <gtest/gtest.h>

#include <cstring>

#include "core/error.hpp"
#include "tests/verifier/verifier_fixture.hpp"
#include "verifier/npy.hpp"

namespace kq::verify {
namespace {

using namespace testing;

std::vector<float> floats(const std::filesystem::path& file) {
  auto a = read_npy_file(file);
  std::vector<float> v(a.data.size() / 4);
  std::memcpy(v.data(), a.data.data(), a.data.size());
  return v;
}

LaunchSpec one_thread_spec(const std::string& kernel) {
  return launch_spec_from_json(nlohmann::json::parse(R"({"kernel": ")" + kernel + R"(", "grid": [1], "block": [1],
    "args": [{"name": "y", "kind": "buffer", "type": "int", "count": 4, "role": "out"}]})"));
}

TEST(RunSpec, SquareOnCpuSimGivesKnownAnswersAndKeepsPoison) {
  test::TempDir out;
  auto r = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", out.path(), quick_options());
  ASSERT_TRUE(r.passed()) << to_string(r.status) << " " << r.stage << "\n" << r.log;
  auto y = floats(out / "y.npy");
  ASSERT_EQ(y.size(), 64u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(y[i], static_cast<float>(i * i)) << i;
  auto x = floats(out / "x.in_after.npy");
  EXPECT_EQ(x[63], 63.0f);
  EXPECT_NE(y[50], 2500.0f) << "y[50] should still hold the poison pattern";
  auto result = nlohmann::json::parse(test::read_text(out / "result.json"));
  EXPECT_EQ(result["status"], "pass");
  EXPECT_EQ(result["backend"], "cpu-sim");
  EXPECT_TRUE(std::filesystem::exists(out / "wrapper_sim.cpp"));
}

TEST(RunSpec, GoldenAgreesWithTheKernelAndCatchesAWrongOne) {
  test::TempDir kernel_out, golden_out, wrong_out;
  auto s = spec("square.json");
  auto k = run_spec(data("square.cu"), Dialect::Cuda, s, "cpu-sim", kernel_out.path(), quick_options());
  ASSERT_TRUE(k.passed()) << k.log;
  auto g = run_golden(data("square_golden.cpp"), s, golden_out.path(), quick_options());
  ASSERT_TRUE(g.passed()) << g.log;
  auto c = compare_outputs(golden_out.path(), kernel_out.path(), s);
  EXPECT_TRUE(c.equal) << c.first_diff;

  // A kernel that also writes past n differs where the reference kept the poison.
  std::string overwrites = data("square.cu");
  overwrites.replace(overwrites.find("if (i < n) "), 11, "");
  auto w = run_spec(overwrites, Dialect::Cuda, s, "cpu-sim", wrong_out.path(), quick_options());
  ASSERT_TRUE(w.passed()) << w.log;
  auto diff = compare_outputs(golden_out.path(), wrong_out.path(), s);
  EXPECT_FALSE(diff.equal);
  EXPECT_EQ(diff.mismatches, 14u);
  EXPECT_EQ(diff.first_diff.rfind("y[50]: expected ", 0), 0u) << diff.first_diff;
}

TEST(RunSpec, SecondRunOfTheSameUnitIsACacheHit) {
  test::TempDir a, b;
  auto first = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", a.path(), quick_options());
  auto second = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", b.path(), quick_options());
  ASSERT_TRUE(second.passed()) << second.log;
  EXPECT_TRUE(second.cache_hit);
  auto objects = std::distance(std::filesystem::directory_iterator(shared_cache() / "objects"),
                               std::filesystem::directory_iterator());
  EXPECT_GE(objects, 1);
  (void)first;
}

TEST(RunSpec, CompileErrorIsClassifiedAndLogged) {
  test::TempDir out;
  std::string unit = "__global__ void broken(int* y) { y[0] = undeclared_name; }\n";
  auto r = run_spec(unit, Dialect::Cuda, one_thread_spec("broken"), "cpu-sim", out.path(), quick_options());
  EXPECT_EQ(r.status, VerifyStatus::CompileError);
  EXPECT_EQ(r.stage, "compile");
  EXPECT_NE(r.log.find("undeclared_name"), std::string::npos) << r.log;
  auto result = nlohmann::json::parse(test::read_text(out / "result.json"));
  EXPECT_EQ(result["status"], "compile_error");
}

TEST(RunSpec, LinkErrorIsClassified) {
  test::TempDir out;
  std::string unit = "__device__ int helper(int);\n__global__ void needs(int* y) { y[0] = helper(1); }\n";
  auto r = run_spec(unit, Dialect::Cuda, one_thread_spec("needs"), "cpu-sim", out.path(), quick_options());
  EXPECT_EQ(r.status, VerifyStatus::LinkError) << r.log;
  EXPECT_EQ(r.stage, "link");
}

TEST(RunSpec, OutOfBoundsWriteIsARuntimeErrorNamingTheBuffer) {
  test::TempDir out;
  std::string unit = "__global__ void oob(int* y) { y[threadIdx.x + 4] = 1; }\n";
  auto r = run_spec(unit, Dialect::Cuda, one_thread_spec("oob"), "cpu-sim", out.path(), quick_options());
  EXPECT_EQ(r.status, VerifyStatus::RuntimeError) << r.log;
  EXPECT_EQ(r.stage, "run");
  EXPECT_NE(r.log.find("'y'"), std::string::npos) << "the report should name buffer y:\n" << r.log;
}

TEST(RunSpec, SegfaultingKernelIsACrashWithTheSignalName) {
  test::TempDir out;
  std::string unit = "__global__ void segv(int* y) { volatile int* p = reinterpret_cast<volatile int*>(16); *p = 1; y[0] = 0; }\n";
  auto r = run_spec(unit, Dialect::Cuda, one_thread_spec("segv"), "cpu-sim", out.path(), quick_options());
  EXPECT_EQ(r.status, VerifyStatus::Crash) << r.log;
  EXPECT_NE(r.log.find("SIGSEGV"), std::string::npos) << r.log;
}

TEST(RunSpec, KernelThatNeverReturnsTimesOut) {
  test::TempDir out;
  std::string unit = "__global__ void spin(int* y) { volatile int s = 0; while (s == 0) {} y[0] = s; }\n";
  auto o = quick_options();
  o.run_timeout = std::chrono::seconds(2);
  auto r = run_spec(unit, Dialect::Cuda, one_thread_spec("spin"), "cpu-sim", out.path(), o);
  EXPECT_EQ(r.status, VerifyStatus::Timeout) << r.log;
  EXPECT_LT(r.wall_ms, 120000);
}

TEST(RunSpec, CrashingCompilerIsAStatusNotAnException) {
  test::TempDir dir, out;
  auto fake = dir / "fake-g++";
  test::write_text(fake, "#!/bin/sh\n# A compiler that aborts on every input.\nkill -ABRT $$\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  auto o = quick_options();
  o.cxx = fake.string();
  auto r = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", out.path(), o);
  EXPECT_EQ(r.status, VerifyStatus::Crash);
  EXPECT_EQ(r.stage, "compile");
  EXPECT_NE(r.log.find("SIGABRT"), std::string::npos) << r.log;
}

TEST(RunSpec, UnknownBackendOrWrongDialectIsAUsageError) {
  test::TempDir out;
  EXPECT_THROW(run_spec("", Dialect::Cuda, spec("square.json"), "tpu", out.path(), quick_options()), UsageError);
  EXPECT_THROW(run_spec("", Dialect::Cuda, spec("square.json"), "hip-amd", out.path(), quick_options()), UsageError);
}

TEST(CheckDeterminism, LastWriterWinsRaceIsNondeterministic) {
  test::TempDir out;
  std::string unit = "__global__ void race(int* y) { y[0] = threadIdx.x; y[1] = 7; y[2] = 7; y[3] = 7; }\n";
  auto s = one_thread_spec("race");
  s.block = {64, 1, 1};
  auto r = check_determinism(unit, Dialect::Cuda, s, out.path(), quick_options());
  EXPECT_EQ(r.status, VerifyStatus::Nondeterministic) << r.log;
  EXPECT_NE(r.log.find("y[0]"), std::string::npos) << r.log;
}

TEST(CheckDeterminism, SquareIsDeterministic) {
  test::TempDir out;
  auto r = check_determinism(data("square.cu"), Dialect::Cuda, spec("square.json"), out.path(), quick_options());
  EXPECT_EQ(r.status, VerifyStatus::Pass) << r.log;
}

TEST(Backends, CpuSimIsAlwaysAvailable) {
  auto names = available_backends(quick_options(), true);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names[0], "cpu-sim");
  auto all = probe_backends(quick_options());
  ASSERT_EQ(all.size(), 4u);
  EXPECT_FALSE(all[0].compiler_version.empty());
}

}  // namespace
}  // namespace kq::verify
