// run_spec answers a repeated run (same unit, case, schedule and backend)
// from the result cache, into any output folder, with the same outputs, and
// a compile error is not compiled again.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "tests/verifier/verifier_fixture.hpp"
#include "core/result_cache.hpp"

namespace kq::verify {
namespace {

using namespace testing;

TEST(RunCache, RepeatedRunIsAnsweredFromTheCacheWithTheSameOutputs) {
  test::TempDir cache, a, b, c;
  auto o = quick_options();
  o.cache_dir = cache.path();
  auto first = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", a.path(), o);
  ASSERT_TRUE(first.passed()) << first.log;
  EXPECT_FALSE(first.cache_hit);
  // The executable is gone: only the cached run can answer.
  std::filesystem::remove_all(cache / "objects");
  auto second = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", b.path(), o);
  ASSERT_TRUE(second.passed()) << second.log;
  EXPECT_TRUE(second.cache_hit);
  EXPECT_EQ(read_file(a / "y.npy"), read_file(b / "y.npy"));
  EXPECT_EQ(read_file(a / "x.in_after.npy"), read_file(b / "x.in_after.npy"));
  auto result = nlohmann::json::parse(test::read_text(b / "result.json"));
  EXPECT_EQ(result["status"], "pass");
  EXPECT_TRUE(result["cache_hit"].get<bool>());
  EXPECT_FALSE(std::filesystem::exists(cache / "objects")) << "a cached run compiles nothing";

  // Another schedule is another run.
  auto reverse = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", c.path(), o, "reverse");
  ASSERT_TRUE(reverse.passed()) << reverse.log;
  EXPECT_FALSE(reverse.cache_hit);
}

TEST(RunCache, CompileErrorIsNotCompiledAgain) {
  test::TempDir cache, a, b;
  auto o = quick_options();
  o.cache_dir = cache.path();
  const std::string unit = "__global__ void broken(int* y) { y[0] = undeclared_name; }\n";
  auto s = launch_spec_from_json(nlohmann::json::parse(R"({"kernel": "broken", "grid": [1], "block": [1],
    "args": [{"name": "y", "kind": "buffer", "type": "int", "count": 4, "role": "out"}]})"));
  auto first = run_spec(unit, Dialect::Cuda, s, "cpu-sim", a.path(), o);
  ASSERT_EQ(first.status, VerifyStatus::CompileError) << first.log;
  auto second = run_spec(unit, Dialect::Cuda, s, "cpu-sim", b.path(), o);
  EXPECT_EQ(second.status, VerifyStatus::CompileError);
  EXPECT_TRUE(second.cache_hit);
  EXPECT_EQ(second.log, first.log);
}

}  // namespace
}  // namespace kq::verify
