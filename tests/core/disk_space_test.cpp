// Free space checked before a stage starts (core/disk_space.hpp).
#include <gtest/gtest.h>

#include "core/disk_space.hpp"
#include "core/error.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

TEST(DiskSpace, FreeBytesOfAFolderNotYetMade) {
  test::TempDir dir;
  auto here = free_bytes(dir.path());
  EXPECT_GT(here, 0u);
  // The nearest existing parent answers for a folder a stage is about to create.
  EXPECT_GT(free_bytes(dir / "not/yet/made"), 0u);
}

TEST(DiskSpace, TooLittleSpaceIsAClearError) {
  test::TempDir dir;
  EXPECT_NO_THROW(require_free_space({dir.path(), {}}, 0, "stage mine"));
  try {
    require_free_space({dir.path()}, 1ull << 40, "stage verify");  // 2^40 MiB: never free
    FAIL() << "no error";
  } catch (const Error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("not enough disk space to start stage verify"), std::string::npos) << m;
    EXPECT_NE(m.find(dir.path().string()), std::string::npos) << m;
    EXPECT_NE(m.find("disk.min_free_mb"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace kq
