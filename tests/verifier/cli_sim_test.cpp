// `kquarry sim` and `kquarry backends` driven as a user would.
#include <gtest/gtest.h>

#include "tests/verifier/verifier_fixture.hpp"

namespace kq::verify {
namespace {

using namespace testing;

TEST(CliSim, RunsComparesAndReportsFailures) {
  test::TempDir dir;
  std::filesystem::copy_file(data_dir() / "square.cu", dir / "square.cu");
  std::filesystem::copy_file(data_dir() / "square.json", dir / "square.json");
  test::write_text(dir / "broken.cu", "__global__ void square(int n, const float* x, float* y) { y[0] = nope; }\n");
  std::string wrong = data("square.cu");
  wrong.replace(wrong.find("x[i] * x[i];"), 12, "x[i] + x[i];");
  test::write_text(dir / "wrong.cu", wrong);

  auto ok = test::run_kquarry({"sim", "square.cu", "--spec", "square.json", "--backend", "cpu-sim", "--out", "a"},
                              dir.path());
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "a" / "y.npy"));
  EXPECT_NE(test::read_text(dir / "a" / "result.json").find("\"pass\""), std::string::npos);

  auto bad = test::run_kquarry({"sim", "broken.cu", "--spec", "square.json", "--out", "b"}, dir.path());
  EXPECT_EQ(bad.exit_code, 3) << bad.out << bad.err;
  auto result = nlohmann::json::parse(test::read_text(dir / "b" / "result.json"));
  EXPECT_EQ(result["status"], "compile_error");
  EXPECT_NE(result["error"].get<std::string>().find("nope"), std::string::npos);

  auto other = test::run_kquarry({"sim", "wrong.cu", "--spec", "square.json", "--out", "c", "--schedule", "reverse"},
                                 dir.path());
  ASSERT_EQ(other.exit_code, 0) << other.out << other.err;

  auto same = test::run_kquarry({"sim", "--compare", "a", "a", "--spec", "square.json"}, dir.path());
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  auto differ = test::run_kquarry({"sim", "--compare", "a", "c", "--spec", "square.json"}, dir.path());
  EXPECT_EQ(differ.exit_code, 1) << differ.out << differ.err;
  EXPECT_NE(differ.out.find("y[1]: expected 1 got 2"), std::string::npos) << differ.out;

  auto usage = test::run_kquarry({"sim", "square.cu", "--spec", "square.json", "--backend", "tpu", "--out", "d"},
                                 dir.path());
  EXPECT_EQ(usage.exit_code, 2) << usage.out << usage.err;
}

TEST(CliBackends, ListsEveryBackendAndTheSandbox) {
  test::TempDir dir;
  auto r = test::run_kquarry({"backends", "--json"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["backends"].size(), 4u);
  EXPECT_EQ(j["backends"][0]["name"], "cpu-sim");
  EXPECT_TRUE(j["backends"][0]["run"].get<bool>());
  EXPECT_FALSE(j["sandbox"].get<std::string>().empty());
  auto text = test::run_kquarry({"backends"}, dir.path());
  EXPECT_NE(text.out.find("hip-nvidia"), std::string::npos);
}

}  // namespace
}  // namespace kq::verify
