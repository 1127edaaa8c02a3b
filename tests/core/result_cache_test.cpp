// The result cache: entries round-trip with their files, a second writer of
// a key changes nothing, and keys separate their parts.
#include <gtest/gtest.h>

#include "core/result_cache.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

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

}  // namespace
}  // namespace kq
