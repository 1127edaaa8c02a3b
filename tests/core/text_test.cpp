#include <gtest/gtest.h>

#include "core/text.hpp"

namespace kq {
namespace {

TEST(Text, JoinPutsTheSeparatorOnlyBetweenParts) {
  EXPECT_EQ(join({}, ","), "");
  EXPECT_EQ(join({"cpu-sim"}, ","), "cpu-sim");
  EXPECT_EQ(join({"cpu-sim", "cuda", "hip-nvidia"}, ","), "cpu-sim,cuda,hip-nvidia");
  EXPECT_EQ(join({"", "b"}, ", "), ", b");  // an empty first part keeps its place
}

TEST(Text, TrimViewDropsOnlyTheEnds) {
  EXPECT_EQ(trim_view("  a b \n"), "a b");
  EXPECT_EQ(trim_view(" \t\n"), "");
  EXPECT_EQ(trim("--x--", "-"), "x");
}

TEST(Text, SplitCallArgumentsKeepsNestedAndQuotedCommas) {
  auto parts = split_call_arguments("a, f(b, c), t<int>(d), \"e,(f\\\"\", ','");
  ASSERT_EQ(parts.size(), 5u) << join(parts, "|");
  EXPECT_EQ(trim(parts[1]), "f(b, c)");
  EXPECT_EQ(trim(parts[2]), "t<int>(d)");
  EXPECT_EQ(trim(parts[3]), "\"e,(f\\\"\"");
  EXPECT_EQ(trim(parts[4]), "','");
}

}  // namespace
}  // namespace kq
