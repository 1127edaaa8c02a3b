// The process log (KQ_PROCESS_LOG): every finished process is one line with
// its wall time and arguments; sandboxed commands appear as themselves, not
// as the wrappers around them; without the variable nothing is written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/fs.hpp"
#include "core/sandbox.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

class ProcessLog : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv("KQ_PROCESS_LOG", (dir_ / "log").c_str(), 1); }
  void TearDown() override { ::unsetenv("KQ_PROCESS_LOG"); }
  std::string log() const { return std::filesystem::exists(dir_ / "log") ? read_file(dir_ / "log") : ""; }
  test::TempDir dir_;
};

TEST_F(ProcessLog, NamesEachProcessWithItsWallTime) {
  ASSERT_TRUE(run_process({"true", "one arg"}).ok());
  ASSERT_TRUE(run_process({"true"}).ok());
  const std::string text = log();
  EXPECT_NE(text.find("\ttrue one arg\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ttrue\n"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(text.front()))) << text;
}

TEST_F(ProcessLog, SandboxedCommandIsLoggedAsItself) {
  SandboxOptions o;
  o.work_dir = dir_.path();
  o.timeout = std::chrono::seconds(30);
  ASSERT_TRUE(sandbox_run({"true", "sandboxed"}, o).ok());
  // (Probes of what the machine offers may be logged too: they are processes.)
  const std::string text = log();
  const auto at = text.find("sandboxed");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_EQ(text.find("sandboxed", at + 1), std::string::npos) << "logged twice: " << text;
  EXPECT_NE(text.find("\ttrue sandboxed\n"), std::string::npos) << text;
}

TEST_F(ProcessLog, WritesNothingWithoutTheVariable) {
  ::unsetenv("KQ_PROCESS_LOG");
  ASSERT_TRUE(run_process({"true"}).ok());
  EXPECT_EQ(log(), "");
}

}  // namespace
}  // namespace kq
