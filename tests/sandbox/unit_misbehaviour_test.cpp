// Kernels that misbehave on the host they run on (cpu-sim runs kernels as
// host code): a fork loop, a socket and an endless writer end as their case's
// status, the next case runs, and nothing of theirs is left running.
#include <gtest/gtest.h>

#include <fstream>

#include "core/sandbox.hpp"
#include "core/sandbox_seccomp.hpp"
#include "tests/support/test_support.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

// Processes whose command line mentions `path` (their executable lives there).
int processes_under(const std::filesystem::path& path) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "cmdline");
    std::string cmd((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (cmd.find(path.string()) != std::string::npos) ++n;
  }
  return n;
}

LaunchSpec one_int_spec(const std::string& kernel) {
  return launch_spec_from_json(nlohmann::json::parse(R"({"kernel": ")" + kernel + R"(", "grid": [1], "block": [1],
    "args": [{"name": "y", "kind": "buffer", "type": "int", "count": 1, "role": "out"}]})"));
}

VerifierOptions tight(const std::filesystem::path& cache) {
  VerifierOptions o;
  o.cache_dir = cache;
  o.run_timeout = std::chrono::seconds(3);
  o.max_processes = 32;
  o.file_size_mb = 1;
  o.memory_mb = 4096;
  return o;
}

// cpu-sim runs get the seccomp filter where bubblewrap works and libseccomp is built in.
bool filtered() { return sandbox_support().bubblewrap_works && seccomp_available(); }

TEST(UnitMisbehaviour, ForkLoopInAKernelEndsAndLeavesNoProcess) {
  test::TempDir cache, out, next;
  std::string unit =
      "#include <unistd.h>\n"
      "__global__ void forker(int* y) {\n"
      "  for (;;) {\n"
      "    if (fork() == 0) pause();\n"
      "  }\n"
      "}\n";
  auto r = run_spec(unit, Dialect::Cuda, one_int_spec("forker"), "cpu-sim", out.path(), tight(cache.path()));
  // With the filter the first fork kills it; without, the pids limit holds the loop until the timeout.
  EXPECT_EQ(r.status, filtered() ? VerifyStatus::Crash : VerifyStatus::Timeout) << r.log;
  if (filtered()) {
    EXPECT_NE(r.log.find("denied system call"), std::string::npos) << r.log;
  }
  EXPECT_EQ(processes_under(cache.path()), 0) << "fork loop left processes behind";
  std::string fine = "__global__ void fine(int* y) { y[0] = 1; }\n";
  auto after = run_spec(fine, Dialect::Cuda, one_int_spec("fine"), "cpu-sim", next.path(), tight(cache.path()));
  EXPECT_TRUE(after.passed()) << after.log;
}

// The miss the static check is backed by: a kernel that reaches the network
// from its CPU path is stopped at verification and classified.
TEST(UnitMisbehaviour, ASocketFromTheCpuPathIsACrashAtVerification) {
  if (!filtered()) GTEST_SKIP() << "no seccomp filter here (bubblewrap or libseccomp missing)";
  test::TempDir cache, out;
  std::string unit =
      "#include <sys/socket.h>\n"
      "__global__ void caller(int* y) {\n"
      "#ifndef __CUDA_ARCH__\n"
      "  y[0] = socket(AF_INET, SOCK_STREAM, 0);\n"
      "#endif\n"
      "}\n";
  auto r = run_spec(unit, Dialect::Cuda, one_int_spec("caller"), "cpu-sim", out.path(), tight(cache.path()));
  EXPECT_EQ(r.status, VerifyStatus::Crash) << r.log;
  EXPECT_NE(r.log.find("denied system call"), std::string::npos) << r.log;
}

TEST(UnitMisbehaviour, EndlessWriterIsACrashWithSIGXFSZ) {
  test::TempDir cache, out;
  std::string unit =
      "#include <cstdio>\n"
      "__global__ void writer(int* y) {\n"
      "  std::FILE* f = std::fopen(\"flood.bin\", \"wb\");\n"
      "  static char block[65536];\n"
      "  while (f && std::fwrite(block, 1, sizeof block, f) == sizeof block) {}\n"
      "  y[0] = 0;\n"
      "}\n";
  auto r = run_spec(unit, Dialect::Cuda, one_int_spec("writer"), "cpu-sim", out.path(), tight(cache.path()));
  EXPECT_EQ(r.status, VerifyStatus::Crash) << r.log;
  EXPECT_NE(r.log.find("SIGXFSZ"), std::string::npos) << r.log;
  EXPECT_LE(std::filesystem::file_size(out / "flood.bin"), 1u << 20);
}

}  // namespace
}  // namespace kq::verify
