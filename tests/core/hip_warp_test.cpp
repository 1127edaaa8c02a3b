// drop_warp_sync_masks: the HIP text of masked warp intrinsics for ROCm
// releases that have only the mask-free forms.
#include "core/hip_warp.hpp"

#include <gtest/gtest.h>

namespace kq {
namespace {

TEST(DropWarpSyncMasks, EveryMaskedIntrinsicLosesItsMask) {
  std::string hip =
      "v += __shfl_down_sync(FULL_MASK, v, offset);\n"
      "v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, m));\n"
      "w = __shfl_sync(0xffffffff, v, 0);\n"
      "u = __shfl_up_sync(mask, v, 1);\n"
      "unsigned b = __ballot_sync(0xffffffff, v > 0);\n"
      "if (__any_sync(~0u, p) && __all_sync(__activemask(), q)) {}\n";
  std::string out = drop_warp_sync_masks(hip);
  EXPECT_NE(out.find("v += __shfl_down(v, offset);"), std::string::npos) << out;
  EXPECT_NE(out.find("fmaxf(v, __shfl_xor(v, m))"), std::string::npos) << out;
  EXPECT_NE(out.find("w = __shfl(v, 0);"), std::string::npos) << out;
  EXPECT_NE(out.find("u = __shfl_up(v, 1);"), std::string::npos) << out;
  EXPECT_NE(out.find("unsigned b = __ballot(v > 0);"), std::string::npos) << out;
  EXPECT_NE(out.find("if (__any(p) && __all(q)) {}"), std::string::npos) << out;
  EXPECT_EQ(out.find("_sync"), std::string::npos) << out;
}

TEST(DropWarpSyncMasks, WidthAndNestedCallsAreKept) {
  std::string out = drop_warp_sync_masks("x = __shfl_down_sync(mask_of(a, b), f(v, 2), (d), 16);\n"
                                         "y = __shfl_xor_sync(m, __shfl_xor_sync(m, v, 1), 2);\n");
  EXPECT_NE(out.find("x = __shfl_down(f(v, 2), (d), 16);"), std::string::npos) << out;
  EXPECT_NE(out.find("y = __shfl_xor(__shfl_xor(v, 1), 2);"), std::string::npos) << out;
}

TEST(DropWarpSyncMasks, CallsSplitOverLinesAndCommentsAreHandled) {
  std::string out = drop_warp_sync_masks("s = __shfl_down_sync(  // all lanes, see (a, b)\n"
                                         "    0xffffffff,\n    s, 8);\n");
  EXPECT_NE(out.find("s = __shfl_down(s, 8);"), std::string::npos) << out;
}

TEST(DropWarpSyncMasks, OtherNamesAndOwnDefinitionsAreLeftAlone) {
  const std::string other = "int my__shfl_sync(int a, int b);\nx = my__shfl_sync(1, 2) + __shfl_down_syncx(1, 2);\n";
  EXPECT_EQ(drop_warp_sync_masks(other), other);
  const std::string macro = "#define __shfl_down_sync(m, v, d) __shfl_down(v, d)\nx = __shfl_down_sync(m, v, 1);\n";
  EXPECT_EQ(drop_warp_sync_masks(macro), macro);
  const std::string fn =
      "__device__ inline float __ballot_sync(unsigned m, int p) { return 0; }\ny = __ballot_sync(m, 1);\n";
  EXPECT_EQ(drop_warp_sync_masks(fn), fn);
}

TEST(DropWarpSyncMasks, TextWithoutThemIsUnchanged) {
  const std::string plain = "__global__ void k(float* x) { x[threadIdx.x] = __shfl_down(x[0], 1); }\n";
  EXPECT_EQ(drop_warp_sync_masks(plain), plain);
}

}  // namespace
}  // namespace kq
