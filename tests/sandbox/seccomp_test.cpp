// The system-call filter of cpu-sim runs (core/sandbox_seccomp.hpp): a new
// process or a socket kills the program, threads and ordinary work go on.
#include <gtest/gtest.h>

#include <csignal>

#include "core/sandbox.hpp"
#include "core/sandbox_seccomp.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

constexpr const char* kProbe = R"(#include <sys/socket.h>
#include <unistd.h>
#include <cstdio>
#include <cstring>
#include <thread>
int main(int argc, char** argv) {
  const char* what = argc > 1 ? argv[1] : "";
  if (!std::strcmp(what, "thread")) { int x = 0; std::thread t([&] { x = 42; }); t.join(); std::printf("%d\n", x); }
  if (!std::strcmp(what, "fork")) { if (fork() == 0) _exit(0); }
  if (!std::strcmp(what, "socket")) { std::printf("%d\n", socket(AF_INET, SOCK_STREAM, 0)); }
  if (!std::strcmp(what, "file")) { std::FILE* f = std::fopen("out.txt", "w"); std::fputs("ok", f); std::fclose(f); }
  std::puts("done");
  return 0;
}
)";

class Seccomp : public testing::Test {
 protected:
  void SetUp() override {
    if (!seccomp_available()) GTEST_SKIP() << "built without libseccomp (Debian: libseccomp-dev)";
    if (!sandbox_support().bubblewrap_works) GTEST_SKIP() << "bubblewrap does not work here: " << sandbox_support().detail;
    test::write_text(dir_ / "probe.cpp", kProbe);
    RunOptions o;
    o.cwd = dir_.path();
    auto r = run_process({"g++", "-O0", "-pthread", "probe.cpp", "-o", "probe"}, o);
    ASSERT_TRUE(r.ok()) << r.err;
  }
  SandboxResult run(const std::string& what, bool deny = true) {
    SandboxOptions o;
    o.work_dir = dir_.path();
    o.timeout = std::chrono::milliseconds(10000);
    o.deny_host_calls = deny;
    o.bubblewrap = BubblewrapMode::On;
    return sandbox_run({(dir_.path() / "probe").string(), what}, o);
  }
  test::TempDir dir_;
};

TEST_F(Seccomp, FilterIsMadeAndListsTheCalls) {
  EXPECT_FALSE(seccomp_filter_bpf().empty());
  EXPECT_EQ(seccomp_filter_bpf().size() % 8, 0u);  // whole BPF instructions
  const auto& calls = seccomp_denied_calls();
  for (const char* c : {"fork", "clone", "socket", "connect"})
    EXPECT_NE(std::find(calls.begin(), calls.end(), c), calls.end()) << c;
}

TEST_F(Seccomp, ThreadsAndFilesInTheWorkFolderStillWork) {
  auto r = run("thread");
  EXPECT_TRUE(r.ok()) << r.describe() << r.err;
  EXPECT_EQ(r.out, "42\ndone\n");
  EXPECT_TRUE(r.seccomp);
  EXPECT_NE(r.isolation.find("seccomp"), std::string::npos) << r.isolation;
  auto f = run("file");
  EXPECT_TRUE(f.ok()) << f.describe() << f.err;
  EXPECT_EQ(test::read_text(dir_ / "out.txt"), "ok");
}

TEST_F(Seccomp, ANewProcessKillsTheProgram) {
  auto r = run("fork");
  EXPECT_EQ(r.term_signal, SIGSYS) << r.describe() << r.err;
  EXPECT_EQ(r.out.find("done"), std::string::npos);
  EXPECT_NE(r.err.find("denied system call"), std::string::npos) << r.err;
}

TEST_F(Seccomp, ASocketKillsTheProgram) {
  auto r = run("socket");
  EXPECT_EQ(r.term_signal, SIGSYS) << r.describe() << r.err;
}

TEST_F(Seccomp, WithoutTheRequestNothingIsFiltered) {
  auto r = run("fork", false);
  EXPECT_TRUE(r.ok()) << r.describe() << r.err;
  EXPECT_FALSE(r.seccomp);
}

}  // namespace
}  // namespace kq
