// What must also hold under nvcc and hipcc: the host helpers produce the same
// bytes as under g++, and HIP source compiles for NVIDIA through the
// HIP-on-CUDA header. Skipped (visibly) where a compiler is not installed.
// core/subprocess.hpp has its own kq::RunResult.
#define KQ_HOST_NO_RUN_RESULT_ALIAS 1

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/runtime/programs/host_buffers.hpp"
#include "tests/runtime/sim_programs.hpp"
#include "tests/support/test_support.hpp"

namespace kq::test {
namespace {

const char* kNvcc = "/usr/local/cuda/bin/nvcc";

std::string hex_of(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += digits[static_cast<unsigned char>(c) >> 4];
    out += digits[static_cast<unsigned char>(c) & 15];
  }
  return out + "\n";
}

RunResult compile(std::vector<std::string> argv) {
  RunOptions o;
  o.timeout = std::chrono::seconds(300);
  return run_process(argv, o);
}

TEST(HostGenerators, SameBytesUnderGppCxx17AndNvcc) {
  TempDir dir;
  const std::string src = (runtime_programs_dir() / "host_gen.cpp").string();
  const std::string runtime = (source_root() / "runtime").string();
  const std::string expected = hex_of(generated_buffer_bytes());

  const RunResult gpp = compile({"g++", "-std=c++17", "-O2", "-I", runtime, src, "-o", (dir / "gen_gpp").string()});
  ASSERT_TRUE(gpp.ok()) << gpp.err;
  const RunResult out_gpp = run_process({(dir / "gen_gpp").string()});
  EXPECT_EQ(out_gpp.out, expected);

  if (!std::filesystem::exists(kNvcc)) GTEST_SKIP() << "nvcc not found at " << kNvcc << ": g++ -std=c++17 checked only";
  const RunResult nvcc =
      compile({kNvcc, "-std=c++17", "-O2", "-I", runtime, "-x", "cu", src, "-o", (dir / "gen_nvcc").string()});
  ASSERT_TRUE(nvcc.ok()) << nvcc.err;
  const RunResult out_nvcc = run_process({(dir / "gen_nvcc").string()});
  EXPECT_EQ(out_nvcc.out, expected);
}

TEST(HostGenerators, SameBytesUnderHipcc) {
  const std::filesystem::path hipcc = find_program("hipcc");
  if (hipcc.empty()) GTEST_SKIP() << "hipcc not found in PATH";
  TempDir dir;
  const std::string runtime = (source_root() / "runtime").string();
  const RunResult r = compile({hipcc.string(), "--offload-arch=gfx90a", "-std=c++17", "-O2", "-I", runtime, "-x", "hip",
                               (runtime_programs_dir() / "host_gen.cpp").string(), "-o", (dir / "gen_hip").string()});
  ASSERT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  EXPECT_EQ(run_process({(dir / "gen_hip").string()}).out, hex_of(generated_buffer_bytes()));
}

TEST(HipOnCuda, HipProgramCompilesWithNvcc) {
  if (!std::filesystem::exists(kNvcc)) GTEST_SKIP() << "nvcc not found at " << kNvcc;
  TempDir dir;
  const std::string runtime = (source_root() / "runtime").string();
  const RunResult r = compile({kNvcc, "-std=c++17", "-arch=sm_90", "-I", runtime + "/kq/hip_on_cuda", "-I", runtime,
                               "-x", "cu", "-c", (runtime_programs_dir() / "hip_features.hip").string(), "-o",
                               (dir / "hip_features.o").string()});
  EXPECT_TRUE(r.ok()) << r.describe() << "\n" << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "hip_features.o"));
}

}  // namespace
}  // namespace kq::test
