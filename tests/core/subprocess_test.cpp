#include <gtest/gtest.h>

#include <csignal>

#include "core/subprocess.hpp"

namespace kq {
namespace {

TEST(Subprocess, CapturesOutputAndExitCode) {
  auto r = run_process({"sh", "-c", "echo hello; echo oops >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "hello\n");
  EXPECT_EQ(r.err, "oops\n");
  EXPECT_FALSE(r.ok());
}

TEST(Subprocess, TimeoutKillsTheWholeGroup) {
  RunOptions o;
  o.timeout = std::chrono::milliseconds(300);
  // The grandchild would keep the pipe open forever if only the child died.
  auto r = run_process({"sh", "-c", "sleep 100 & sleep 100"}, o);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(r.wall_ms, 5000);
}

TEST(Subprocess, ReportsSignals) {
  auto r = run_process({"sh", "-c", "kill -SEGV $$"});
  EXPECT_EQ(r.term_signal, SIGSEGV);
  EXPECT_NE(r.describe().find("signal 11"), std::string::npos);
}

TEST(Subprocess, MissingProgramIsASpawnFailure) {
  auto r = run_process({"/nonexistent/program"});
  EXPECT_TRUE(r.spawn_failed);
  EXPECT_NE(r.err.find("/nonexistent/program"), std::string::npos);
}

TEST(Subprocess, FeedsStdinAndCapsOutput) {
  RunOptions o;
  o.stdin_data = "abc";
  auto r = run_process({"cat"}, o);
  EXPECT_EQ(r.out, "abc");
  RunOptions capped;
  capped.max_output_bytes = 1000;
  auto big = run_process({"sh", "-c", "head -c 100000 /dev/zero"}, capped);
  EXPECT_EQ(big.out.size(), 1000u);
  EXPECT_TRUE(big.output_truncated);
}

TEST(Subprocess, FileSizeLimitStopsWriters) {
  RunOptions o;
  o.limits.file_size_bytes = 4096;
  o.cwd = std::filesystem::temp_directory_path();
  auto r = run_process({"sh", "-c", "head -c 100000 /dev/zero > kq_fsize_test.bin"}, o);
  EXPECT_FALSE(r.ok());
  std::filesystem::remove(std::filesystem::temp_directory_path() / "kq_fsize_test.bin");
}

}  // namespace
}  // namespace kq
