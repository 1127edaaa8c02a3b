// The result cache: entries round-trip with their files, keys separate their
// parts, and run_spec answers a repeated run (same unit, case and backend)
// from it, into any output folder, with the same outputs.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "tests/verifier/verifier_fixture.hpp"
#include "verifier/result_cache.hpp"

namespace kq::verify {
namespace {

using namespace testing;

TEST(ResultCache, EntryRoundTripsWithItsFiles) {
  test::TempDir cache, from, to;
  test::write_text(from / "y.npy", "bytes of y");
  ResultCache c(cache.path());
  const auto key = result_key("test-v1", {"unit", "spec"});
  EXPECT_FALSE(c.get(key).has_value());
  c.put(key, {{"status", "pass"}}, from.path(), {"y.npy", "absent.npy"});
  auto got = c.get(key, to / "restored");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ((*got)["status"], "pass");
  EXPECT_EQ(test::read_text(to / "restored" / "y.npy"), "bytes of y");
  EXPECT_FALSE(std::filesystem::exists(to / "restored" / "absent.npy"));
  // A second writer of the same key changes nothing and does not fail.
  c.put(key, {{"status", "other"}});
  EXPECT_EQ((*c.get(key))["status"], "pass");
}

TEST(ResultCache, KeysSeparateTheirParts) {
  EXPECT_NE(result_key("k", {"ab", "c"}), result_key("k", {"a", "bc"}));
  EXPECT_NE(result_key("k1", {"a"}), result_key("k2", {"a"}));
  EXPECT_EQ(result_key("k", {"a", "b"}), result_key("k", {"a", "b"}));
}

TEST(ResultCache, RepeatedRunIsAnsweredFromTheCacheWithTheSameOutputs) {
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

TEST(ResultCache, CompileErrorIsNotCompiledAgain) {
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
