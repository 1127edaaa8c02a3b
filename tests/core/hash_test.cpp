#include <gtest/gtest.h>

#include "core/hash.hpp"

namespace kq {
namespace {

TEST(Hash, Sha256KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Hash, XxhashIsStableAndHex) {
  EXPECT_EQ(xxh64_hex("").size(), 16u);
  EXPECT_EQ(xxh64_hex("kernel"), xxh64_hex("kernel"));
  EXPECT_NE(xxh64_hex("kernel"), xxh64_hex("kernels"));
}

TEST(Hash, StableShardSpreadsKeys) {
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 400; ++i) counts[stable_shard("https://example.org/r" + std::to_string(i), 4)]++;
  for (int c : counts) EXPECT_GT(c, 50);
  EXPECT_EQ(stable_shard("x", 4), stable_shard("x", 4));
}

}  // namespace
}  // namespace kq
