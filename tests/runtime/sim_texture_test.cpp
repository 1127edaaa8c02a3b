// Texture and surface objects on cpu-sim (programs/gpu/texture_features.cu): a
// 4 x 3 float array holding 10 * y + x, sampled with each addressing and
// filter mode; the expectations are worked out here from the CUDA rules.
#include <gtest/gtest.h>

#include "tests/runtime/sim_programs.hpp"

namespace kq::test {
namespace {

const std::string& texture_output() {
  static const std::string out = [] {
    const std::filesystem::path bin = build_sim_program({"gpu/texture_features.cu"});
    if (bin.empty()) return std::string();
    const RunResult r = run_sim_program(bin, {});
    EXPECT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
    return r.out;
  }();
  return out;
}

using V = std::vector<double>;

TEST(SimTextures, PointSamplingClampsOrReturnsTheBorder) {
  // (0.5,0.5) (3.5,2.5) (-1.5,1.5) (4.7,-3) (2.2,9) (1,1)
  EXPECT_EQ(numbers_on_line(texture_output(), 0), (V{0, 23, 10, 3, 22, 11}));
  EXPECT_EQ(numbers_on_line(texture_output(), 1), (V{0, 23, 0, 0, 0, 11}));
}

TEST(SimTextures, NormalizedCoordinatesWrapAndMirror) {
  // u * 4, v * 3 for (0.125,0.5) (1.125,0.5) (-0.125,0.5) (0.875,1.2) (2.6,-0.4) (0.5,0.99)
  EXPECT_EQ(numbers_on_line(texture_output(), 2), (V{10, 10, 13, 3, 12, 22}));
  EXPECT_EQ(numbers_on_line(texture_output(), 3), (V{10, 13, 10, 23, 12, 22}));
}

TEST(SimTextures, LinearFilteringUsesEightBitFractionWeights) {
  // (2.2, 9): x weight round(0.7 * 256) / 256, rows clamped to 2.
  EXPECT_EQ(numbers_on_line(texture_output(), 4), (V{0, 23, 10, 3, 21 + 179.0 / 256, 5.5}));
  // 0, 10, 20, 30 at x = 1.3: 10 * round(0.8 * 256) / 256.
  EXPECT_EQ(numbers_on_line(texture_output(), 5), (V{10 * 205.0 / 256, 0, 15, 30, 0}));
}

TEST(SimTextures, LinearMemoryFetchesByIndex) {
  EXPECT_EQ(numbers_on_line(texture_output(), 6), (V{0, 100, 101, 102, 103, 104, 105, 0}));
}

TEST(SimTextures, NormalizedFloatReadsOfUchar4) {
  const V got = numbers_on_line(texture_output(), 7);
  const V want = {0, 51 / 255.0, 102 / 255.0, 1, 1, 0, 17 / 255.0, 34 / 255.0};
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-7) << i;
}

TEST(SimTextures, SurfacesReadAndWriteByByteOffset) {
  EXPECT_EQ(numbers_on_line(texture_output(), 8), (V{1, 3, 5, 7, 21, 23, 25, 27, 41, 43, 45, 47}));
}

}  // namespace
}  // namespace kq::test

namespace kq::test {
namespace {

// Legacy texture references read exactly what texture objects of the same
// settings read: linear memory by index, a CUDA array with linear filtering,
// wrap/mirror addressing and normalized coordinates, bytes as normalized floats.
TEST(SimTextures, ReferencesReadAsObjectsOfTheSameSettings) {
  const std::filesystem::path bin = build_sim_program({"texture_reference_features.cu"});
  ASSERT_FALSE(bin.empty());
  const RunResult r = run_sim_program(bin, {});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  for (int kind = 0; kind < 3; ++kind)
    EXPECT_EQ(numbers_on_line(r.out, kind), numbers_on_line(r.out, 3 + kind)) << "read kind " << kind << "\n" << r.out;
  EXPECT_EQ(numbers_on_line(r.out, 0), (std::vector<double>{0, -2.5, 0.5, 3.5, 6.5, 9.5, 12.5, 15.5}));
  EXPECT_EQ(numbers_on_line(r.out, 2)[5], 1.0);  // 255 reads as 1
  EXPECT_NE(numbers_on_line(r.out, 1)[1], numbers_on_line(r.out, 1)[2]) << "filtered reads vary";
  EXPECT_EQ(numbers_on_line(r.out, 6), (std::vector<double>{0, 0}));  // offset 0, unbind succeeds
}

}  // namespace
}  // namespace kq::test
