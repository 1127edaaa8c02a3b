// `kquarry run` checks free space before each stage: with less than
// disk.min_free_mb it stops before the stage, with the reason, and exit 3.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/support/test_support.hpp"

namespace kq {
namespace {

TEST(DiskSpaceRun, AStageDoesNotStartWithoutTheSpace) {
  test::TempDir dir;
  test::write_text(dir / "proj/src/k.cu", "__global__ void k(int* y) { y[0] = 1; }\n");
  test::write_text(dir / "repos.txt", (dir / "proj").string() + "\n");
  setenv("KQ_DISK_MIN_FREE_MB", "1099511627776", 1);
  auto r = test::run_kquarry({"run", "--repos", "repos.txt", "--out", "out", "--backends", "cpu-sim"}, dir.path(), 120);
  unsetenv("KQ_DISK_MIN_FREE_MB");
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("not enough disk space to start stage mine"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("disk.min_free_mb"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out/release-0.1.0"));
}

}  // namespace
}  // namespace kq
