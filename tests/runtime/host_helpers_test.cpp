// The host helpers every wrapper uses (runtime/kq/host.hpp): seeded
// generators with bytes fixed by a golden hash, 16-bit float conversions,
// .npy files, result.json and KQ_CHECK.
// core/subprocess.hpp has its own kq::RunResult.
#define KQ_HOST_NO_RUN_RESULT_ALIAS 1

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/hash.hpp"
#include "runtime/kq/host.hpp"
#include "tests/runtime/programs/host_buffers.hpp"
#include "tests/support/test_support.hpp"

namespace kq::test {
namespace {

// sha256 of generated_buffer_bytes(): changing a generator changes every
// dataset's inputs, so it must be deliberate (update this constant then).
constexpr const char* kGeneratedBytesSha256 = "bc95c71d8582cf5699fa4395bb51f14c7a5945ff13acac3f3fadd9550c06311f";

TEST(HostHelpers, GeneratorsProduceTheGoldenBytes) {
  EXPECT_EQ(sha256_hex(generated_buffer_bytes()), kGeneratedBytesSha256);
}

TEST(HostHelpers, SameSeedSameBytesDifferentSeedDifferentBytes) {
  std::vector<float> a(64), b(64), c(64);
  kq::fill_uniform(a.data(), a.size(), -1.0, 1.0, 9);
  kq::fill_uniform(b.data(), b.size(), -1.0, 1.0, 9);
  kq::fill_uniform(c.data(), c.size(), -1.0, 1.0, 10);
  EXPECT_EQ(std::memcmp(a.data(), b.data(), 64 * sizeof(float)), 0);
  EXPECT_NE(std::memcmp(a.data(), c.data(), 64 * sizeof(float)), 0);
  for (float v : a) {
    EXPECT_GE(v, -1.0f);
    EXPECT_LT(v, 1.0f);
  }
}

TEST(HostHelpers, RandintStaysInHalfOpenRangeAndNormalHasItsMoments) {
  std::vector<int> r(10000);
  kq::fill_randint(r.data(), r.size(), -3, 4, 1);
  std::vector<int> seen(7, 0);
  for (int v : r) {
    ASSERT_GE(v, -3);
    ASSERT_LT(v, 4);
    ++seen[v + 3];
  }
  for (int s : seen) EXPECT_GT(s, 1200);
  std::vector<double> g(20000);
  kq::fill_normal(g.data(), g.size(), 2.0, 3.0, 5);
  double mean = 0, var = 0;
  for (double v : g) mean += v / g.size();
  for (double v : g) var += (v - mean) * (v - mean) / g.size();
  EXPECT_NEAR(mean, 2.0, 0.1);
  EXPECT_NEAR(std::sqrt(var), 3.0, 0.1);
}

TEST(HostHelpers, HalfConversionMatchesTheCompilersFloat16) {
  // Every half value survives half -> float -> half.
  for (unsigned bits = 0; bits < 0x10000; ++bits) {
    const auto h = static_cast<std::uint16_t>(bits);
    const float f = kq::float_from_half_bits(h);
    if (std::isnan(f)) continue;
    ASSERT_EQ(kq::half_bits_from_float(f), h) << std::hex << bits;
    ASSERT_EQ(static_cast<float>(static_cast<_Float16>(f)), f);
  }
  // Float -> half agrees with g++'s _Float16 (IEEE round to nearest even) on
  // a sweep through every exponent, ties and subnormals included.
  for (std::uint32_t x = 0; x < 0x7f800000u; x += 0x1fffu) {
    float f;
    std::memcpy(&f, &x, sizeof f);
    const _Float16 ref = static_cast<_Float16>(f);
    std::uint16_t ref_bits;
    std::memcpy(&ref_bits, &ref, sizeof ref_bits);
    ASSERT_EQ(kq::half_bits_from_float(f), ref_bits) << f;
    ASSERT_EQ(kq::half_bits_from_float(-f), ref_bits | 0x8000u) << -f;
  }
}

TEST(HostHelpers, Bfloat16RoundsToNearestEven) {
  EXPECT_EQ(kq::bf16_bits_from_float(1.0f), 0x3f80);
  EXPECT_EQ(kq::bf16_bits_from_float(kq::float_from_bits(0x3f808000u)), 0x3f80);  // tie, even stays
  EXPECT_EQ(kq::bf16_bits_from_float(kq::float_from_bits(0x3f818000u)), 0x3f82);  // tie, odd rounds up
  EXPECT_EQ(kq::bf16_bits_from_float(kq::float_from_bits(0x3f808001u)), 0x3f81);
  EXPECT_EQ(kq::float_from_bf16_bits(0xc040), -3.0f);
  EXPECT_TRUE(std::isnan(kq::float_from_bf16_bits(kq::bf16_bits_from_float(std::nanf("")))));
}

TEST(HostHelpers, NpyRoundTripAndHeaderLayout) {
  TempDir dir;
  const std::string path = (dir / "x.npy").string();
  std::vector<double> v = {1.5, -2.25, 3.0};
  ASSERT_TRUE(kq::write_npy(path.c_str(), v));
  const std::string file = read_text(path);
  ASSERT_GE(file.size(), 10u);
  EXPECT_EQ(file.substr(0, 6), "\x93NUMPY");
  const std::size_t header_len = static_cast<unsigned char>(file[8]) | (static_cast<unsigned char>(file[9]) << 8);
  EXPECT_EQ((10 + header_len) % 64, 0u);
  EXPECT_NE(file.find("'descr': '<f8'"), std::string::npos);
  EXPECT_NE(file.find("'shape': (3,)"), std::string::npos);
  EXPECT_EQ(file.size(), 10 + header_len + 3 * sizeof(double));

  std::vector<double> back(3);
  std::string error;
  ASSERT_TRUE(kq::read_npy(path.c_str(), back, error)) << error;
  EXPECT_EQ(back, v);
  std::vector<double> wrong_size(4);
  EXPECT_FALSE(kq::read_npy(path.c_str(), wrong_size, error));
  EXPECT_NE(error.find("bytes"), std::string::npos);
  EXPECT_FALSE(kq::read_npy((dir / "missing.npy").string().c_str(), back, error));

  std::vector<unsigned char> raw(24, 7);
  ASSERT_TRUE(kq::write_npy(path.c_str(), raw, 12));
  kq::NpyArray a;
  ASSERT_TRUE(kq::read_npy(path.c_str(), a, error)) << error;
  EXPECT_EQ(a.descr, "|V12");
  EXPECT_EQ(a.shape, std::vector<std::size_t>{2});
}

TEST(HostHelpers, ResultJsonEscapesAndWritesOnScopeExit) {
  TempDir dir;
  const std::string path = (dir / "result.json").string();
  {
    kq::ResultFile r(path);
    r.set_device("GPU \"x\"\n");
    r.set_kernel_ms(0.25);
  }
  EXPECT_EQ(read_text(path),
            "{\"status\": \"runtime_error\", \"kernel_ms\": 0.25, \"device\": \"GPU \\\"x\\\"\\n\", \"error\": \"\"}\n");
  {
    kq::ResultFile r(path);
    r.set_status("pass");
  }
  EXPECT_NE(read_text(path).find("\"status\": \"pass\", \"kernel_ms\": null"), std::string::npos);
}

}  // namespace
}  // namespace kq::test

// A stand-in runtime error type: KQ_CHECK finds its string function by ADL.
enum fakeError_t { fakeSuccess = 0, fakeBroken = 7 };
const char* hipGetErrorString(fakeError_t e) { return e == fakeBroken ? "broken on purpose" : "fine"; }

namespace kq::test {
namespace {

TEST(HostHelpersDeathTest, FailedCheckRecordsTheErrorAndExits) {
  TempDir dir;
  const std::string path = (dir / "result.json").string();
  EXPECT_EXIT(
      {
        kq::ResultFile r(path);
        KQ_CHECK(fakeSuccess);
        KQ_CHECK(fakeBroken);
      },
      ::testing::ExitedWithCode(1), "KQ_CHECK failed: fakeBroken returned 7 \\(broken on purpose\\)");
  const std::string json = read_text(path);
  EXPECT_NE(json.find("\"status\": \"runtime_error\""), std::string::npos) << json;
  EXPECT_NE(json.find("fakeBroken returned 7 (broken on purpose)"), std::string::npos) << json;
}

}  // namespace
}  // namespace kq::test
