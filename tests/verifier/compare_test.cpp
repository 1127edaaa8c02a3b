#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "tests/verifier/npy_writer.hpp"
#include "verifier/npy.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

using testing::write_npy;

LaunchSpec spec_xy(double rtol = 1e-5, double atol = 1e-6) {
  return launch_spec_from_json(nlohmann::json::parse(R"({
    "kernel": "k", "grid": [1], "block": [4],
    "args": [
      {"name": "x", "kind": "buffer", "type": "float", "count": 4, "role": "in"},
      {"name": "idx", "kind": "buffer", "type": "int", "count": 4, "role": "inout"},
      {"name": "y", "kind": "buffer", "type": "float", "count": 4, "role": "out"}
    ], "compare": {"rtol": )" + std::to_string(rtol) + R"(, "atol": )" + std::to_string(atol) + "}}"));
}

struct Dirs {
  test::TempDir expected, actual;
  void write(const std::vector<float>& x, const std::vector<int>& idx, const std::vector<float>& y, bool into_actual) {
    const auto& d = into_actual ? actual.path() : expected.path();
    write_npy(d / "x.in_after.npy", x, "<f4");
    write_npy(d / "idx.npy", idx, "<i4");
    write_npy(d / "y.npy", y, "<f4");
  }
};

const float kNaN = std::numeric_limits<float>::quiet_NaN();

TEST(CompareOutputs, EqualWithinTolerance) {
  Dirs d;
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1.5f, 2.0f, 0.0f, 1e6f}, false);
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1.5000001f, 2.0f, 5e-7f, 1e6f + 1.0f}, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy());
  EXPECT_TRUE(c.equal) << c.first_diff;
}

TEST(CompareOutputs, MismatchNamesElementValuesAndInputs) {
  Dirs d;
  d.write({1, 2, 3, 0.25f}, {0, 1, 2, 3}, {1, 2, 3, 1.5f}, false);
  d.write({1, 2, 3, 0.25f}, {0, 1, 2, 3}, {1, 2, 3, 2.0f}, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy());
  EXPECT_FALSE(c.equal);
  EXPECT_EQ(c.mismatches, 1u);
  EXPECT_EQ(c.first_diff, "y[3]: expected 1.5 got 2 (x[3]=0.25)");
}

TEST(CompareOutputs, IntegersCompareExactly) {
  Dirs d;
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {0, 0, 0, 0}, false);
  d.write({1, 2, 3, 4}, {0, 1, 7, 3}, {0, 0, 0, 0}, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy(1.0, 1.0));
  EXPECT_FALSE(c.equal);
  EXPECT_NE(c.first_diff.find("idx[2]: expected 2 got 7"), std::string::npos) << c.first_diff;
}

TEST(CompareOutputs, NaNEqualsNaNOnlyInTheSamePlace) {
  Dirs same;
  same.write({1, 2, 3, 4}, {0, 1, 2, 3}, {kNaN, 1, 2, 3}, false);
  same.write({1, 2, 3, 4}, {0, 1, 2, 3}, {kNaN, 1, 2, 3}, true);
  EXPECT_TRUE(compare_outputs(same.expected.path(), same.actual.path(), spec_xy()).equal);
  Dirs moved;
  moved.write({1, 2, 3, 4}, {0, 1, 2, 3}, {kNaN, 1, 2, 3}, false);
  moved.write({1, 2, 3, 4}, {0, 1, 2, 3}, {0, kNaN, 2, 3}, true);
  auto c = compare_outputs(moved.expected.path(), moved.actual.path(), spec_xy(1.0, 1.0));
  EXPECT_FALSE(c.equal);
  EXPECT_EQ(c.mismatches, 2u);
}

TEST(CompareOutputs, AcrossImplementationsOverflowAgreesByClass) {
  const float inf = std::numeric_limits<float>::infinity();
  Dirs d;
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {kNaN, -inf, inf, 1.0f}, false);
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {-inf, kNaN, 3e38f, 1.0f}, true);
  EXPECT_FALSE(compare_outputs(d.expected.path(), d.actual.path(), spec_xy()).equal);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy(), CompareMode::AcrossImplementations);
  EXPECT_TRUE(c.equal) << c.first_diff;
}

TEST(CompareOutputs, AcrossImplementationsStillRejectsFiniteForNonFinite) {
  Dirs d;
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {kNaN, 1, 1, 1}, false);
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1e30f, 1, 1, 1}, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy(), CompareMode::AcrossImplementations);
  EXPECT_FALSE(c.equal);
  EXPECT_EQ(c.mismatches, 1u);
}

LaunchSpec spec_vec3(const std::string& element_type) {
  std::string et = element_type.empty() ? "" : R"(, "element_type": ")" + element_type + "\"";
  return launch_spec_from_json(nlohmann::json::parse(R"({"kernel": "k", "grid": [1], "block": [2], "args": [
      {"name": "v", "kind": "buffer", "type": "Vec3", "bytes": 12, "count": 2, "role": "out")" + et + "}]}"));
}

TEST(CompareOutputs, StructOfOneScalarComparesFieldByFieldWithTolerance) {
  test::TempDir expected, actual;
  write_npy(expected.path() / "v.npy", std::vector<float>{1, 2, 3, 4, 5, 6}, "<f4");
  write_npy(actual.path() / "v.npy", std::vector<float>{1, 2, 3.0000002f, 4, 5, 6}, "<f4");
  EXPECT_FALSE(compare_outputs(expected.path(), actual.path(), spec_vec3("")).equal);  // opaque bytes
  auto c = compare_outputs(expected.path(), actual.path(), spec_vec3("float"));
  EXPECT_TRUE(c.equal) << c.first_diff;
  write_npy(actual.path() / "v.npy", std::vector<float>{1, 2, 3, 4, 5, 7}, "<f4");
  c = compare_outputs(expected.path(), actual.path(), spec_vec3("float"));
  EXPECT_FALSE(c.equal);
  EXPECT_EQ(c.first_diff, "v[1]: expected (4, 5, 6) got (4, 5, 7)");
}

TEST(LaunchSpecElementType, RejectsWhatCannotTileTheStruct) {
  auto parse = [](const std::string& arg) {
    return launch_spec_from_json(nlohmann::json::parse(R"({"kernel": "k", "grid": [1], "block": [1], "args": [)" + arg + "]}"));
  };
  EXPECT_THROW(parse(R"({"name": "v", "kind": "buffer", "type": "V", "bytes": 10, "count": 1, "element_type": "float"})"), Error);
  EXPECT_THROW(parse(R"({"name": "v", "kind": "buffer", "type": "V", "bytes": 12, "count": 1, "element_type": "quad"})"), Error);
  EXPECT_THROW(parse(R"({"name": "v", "kind": "buffer", "type": "float", "count": 1, "element_type": "float"})"), Error);
  auto s = parse(R"({"name": "v", "kind": "buffer", "type": "V", "bytes": 12, "count": 1, "element_type": "float"})");
  EXPECT_EQ(launch_spec_to_json(s)["args"][0]["element_type"], "float");
}

TEST(CompareOutputs, PoisonTheReferenceKeptMustBeKept) {
  float poison;
  std::uint32_t bits = 0x7fa5a5a5u;  // a poison pattern that happens to be a NaN
  std::memcpy(&poison, &bits, 4);
  Dirs kept;
  kept.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1, 2, poison, poison}, false);
  kept.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1, 2, poison, poison}, true);
  EXPECT_TRUE(compare_outputs(kept.expected.path(), kept.actual.path(), spec_xy()).equal);
  Dirs overwritten;  // the candidate wrote an element the reference left alone
  overwritten.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1, 2, poison, poison}, false);
  overwritten.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1, 2, 0, poison}, true);
  auto c = compare_outputs(overwritten.expected.path(), overwritten.actual.path(), spec_xy());
  EXPECT_FALSE(c.equal);
  EXPECT_NE(c.first_diff.find("y[2]"), std::string::npos);
}

TEST(CompareOutputs, ModifiedInputIsADifference) {
  Dirs d;
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1, 2, 3, 4}, false);
  d.write({1, 2, 3.25f, 4}, {0, 1, 2, 3}, {1, 2, 3, 4}, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy(1.0, 1.0));
  EXPECT_FALSE(c.equal) << "inputs must come back bit for bit, whatever the tolerance";
  EXPECT_NE(c.first_diff.find("input x[2] was modified"), std::string::npos) << c.first_diff;
}

TEST(CompareOutputs, MissingOrShortFilesAreDifferences) {
  Dirs d;
  d.write({1, 2, 3, 4}, {0, 1, 2, 3}, {1, 2, 3, 4}, false);
  write_npy(d.actual / "x.in_after.npy", std::vector<float>{1, 2, 3, 4}, "<f4");
  write_npy(d.actual / "idx.npy", std::vector<int>{0, 1, 2}, "<i4");
  auto c = compare_outputs(d.expected.path(), d.actual.path(), spec_xy());
  EXPECT_FALSE(c.equal);
  EXPECT_EQ(c.mismatches, 2u);
  EXPECT_NE(c.first_diff.find("idx: 12 bytes, expected 16"), std::string::npos) << c.first_diff;
}

TEST(Npy, ReadsHeaderAndData) {
  test::TempDir dir;
  write_npy(dir / "a.npy", std::vector<double>{1.5, -2}, "<f8");
  auto a = read_npy_file(dir / "a.npy");
  EXPECT_EQ(a.descr, "<f8");
  ASSERT_EQ(a.shape.size(), 1u);
  EXPECT_EQ(a.shape[0], 2u);
  EXPECT_EQ(a.data.size(), 16u);
  test::write_text(dir / "bad.npy", "not numpy");
  EXPECT_THROW(read_npy_file(dir / "bad.npy"), Error);
}

}  // namespace
}  // namespace kq::verify
