// The extract and show commands driven through the kquarry binary, on one
// project of the example corpus.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;

nlohmann::json json_of(const RunResult& r) {
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j;
}

TEST(ExtractCli, ExtractsMinedFilesOnceAndShowsKernels) {
  test::TempDir dir;
  test::write_text(dir / "repos.txt", (test::examples_dir() / "vecops").string() + "\n");
  auto mine = test::run_kquarry({"--db", "kq.db", "mine", "--repos", "repos.txt"}, dir.path());
  ASSERT_EQ(mine.exit_code, 0) << mine.out << mine.err;

  auto first = test::run_kquarry({"--db", "kq.db", "--json", "extract", "--no-compile", "--jobs", "2"}, dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  auto report = json_of(first);
  EXPECT_EQ(report["kernels"], 16);
  EXPECT_EQ(report["files_failed"], 0);

  auto again = test::run_kquarry({"--db", "kq.db", "--json", "extract", "--no-compile"}, dir.path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json_of(again)["files"], 0);  // nothing left to do

  auto show = test::run_kquarry({"--db", "kq.db", "--json", "show", "kernel", "saxpy"}, dir.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto k = json_of(show);
  EXPECT_EQ(k["stage"], "extracted");
  EXPECT_EQ(k["analysis"]["index_pattern"], "1d");
  EXPECT_NE(k["unit"]["source"].get<std::string>().find("__global__ void saxpy"), std::string::npos);
  ASSERT_GE(k["launches"].size(), 1u);
  EXPECT_EQ(k["launches"][0]["block"], "BLOCK");
  EXPECT_EQ(k["params"].size(), 4u);

  // A template kernel in a header gets the instantiations written in a source file.
  auto axpby = json_of(test::run_kquarry({"--db", "kq.db", "--json", "show", "kernel", "axpby"}, dir.path()));
  EXPECT_EQ(axpby["instantiations"].size(), 2u);
  EXPECT_NE(axpby["unit"]["source"].get<std::string>().find("template __global__ void axpby<float>"), std::string::npos)
      << axpby["unit"]["source"];

  auto text = test::run_kquarry({"--db", "kq.db", "show", "kernel", "relu"}, dir.path());
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("function  relu_op"), std::string::npos) << text.out;

  auto missing = test::run_kquarry({"--db", "kq.db", "show", "kernel", "no_such_kernel"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
}

TEST(ExtractCli, DryRunPrintsOneFile) {
  test::TempDir dir;
  auto file = test::examples_dir() / "vecops" / "src" / "indexing.cu";
  auto r = test::run_kquarry({"--json", "extract", "--dry-run", file.string()}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json_of(r);
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_EQ(j["kernels"].size(), 3u);
}

}  // namespace
}  // namespace kq
