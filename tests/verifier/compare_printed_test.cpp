// Device variables and printed lines as outputs: a symbol compares like a
// buffer, printf.txt as a multiset of lines with numbers within tolerance.
#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"
#include "tests/verifier/npy_writer.hpp"
#include "verifier/compare_printed.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

LaunchSpec printing_spec() {
  return launch_spec_from_json(nlohmann::json::parse(R"({
    "kernel": "k", "grid": [1], "block": [4], "printf": true,
    "args": [{"name": "hits", "kind": "symbol", "type": "unsigned", "count": 1, "role": "inout"}],
    "compare": {"rtol": 1e-5, "atol": 1e-6}})"));
}

struct Dirs {
  test::TempDir expected, actual;
  void write(const std::string& printed, unsigned hits, bool into_actual) {
    const auto& d = into_actual ? actual.path() : expected.path();
    test::write_text(d / kPrintedFile, printed);
    testing::write_npy(d / "hits.npy", std::vector<unsigned>{hits}, "<u4");
  }
};

TEST(ComparePrinted, LinesAgreeInAnyOrder) {
  Dirs d;
  d.write("thread 0 sum 1.500000\nthread 1 sum -2.250000\n", 2, false);
  d.write("thread 1 sum -2.250000\nthread 0 sum 1.500000\n", 2, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), printing_spec());
  EXPECT_TRUE(c.equal) << c.first_diff;
}

TEST(ComparePrinted, DecimalsWithinTheLastDigitAgreeIntegersDoNot) {
  Dirs d;
  d.write("v 0.333333 i 7\n", 1, false);
  d.write("v 0.333334 i 7\n", 1, true);
  EXPECT_TRUE(compare_outputs(d.expected.path(), d.actual.path(), printing_spec()).equal);
  d.write("v 0.333333 i 8\n", 1, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), printing_spec());
  EXPECT_FALSE(c.equal);
  EXPECT_NE(c.first_diff.find("expected 'v 0.333333 i 7' got 'v 0.333333 i 8'"), std::string::npos) << c.first_diff;
  d.write("v 0.333400 i 7\n", 1, true);
  EXPECT_FALSE(compare_outputs(d.expected.path(), d.actual.path(), printing_spec()).equal);
  d.write("w 0.333333 i 7\n", 1, true);
  EXPECT_FALSE(compare_outputs(d.expected.path(), d.actual.path(), printing_spec()).equal);
}

TEST(ComparePrinted, MissingOrExtraLinesDiffer) {
  Dirs d;
  d.write("a\nb\n", 1, false);
  d.write("a\n", 1, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), printing_spec());
  EXPECT_FALSE(c.equal);
  EXPECT_NE(c.first_diff.find("1 lines, expected 2"), std::string::npos) << c.first_diff;
  std::filesystem::remove(d.actual.path() / kPrintedFile);
  c = compare_outputs(d.expected.path(), d.actual.path(), printing_spec());
  EXPECT_FALSE(c.equal);
  EXPECT_NE(c.first_diff.find("printf.txt is missing"), std::string::npos) << c.first_diff;
}

TEST(ComparePrinted, ASymbolComparesLikeABuffer) {
  Dirs d;
  d.write("x\n", 5, false);
  d.write("x\n", 6, true);
  auto c = compare_outputs(d.expected.path(), d.actual.path(), printing_spec());
  EXPECT_FALSE(c.equal);
  EXPECT_NE(c.first_diff.find("hits[0]: expected 5 got 6"), std::string::npos) << c.first_diff;
}

}  // namespace
}  // namespace kq::verify
