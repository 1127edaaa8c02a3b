// Resource limits on the standalone compile check: a unit that makes the
// compiler write a huge object, or eat memory, fails as that unit (with the
// limit named in its log); the next unit compiles as usual. And what the
// compiler says about a unit is stored as UTF-8 whatever the unit's bytes.
#include <gtest/gtest.h>

#include "core/utf8.hpp"
#include "extractor/compile_check.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

constexpr const char* kFine = "__global__ void fine(int* x) { x[threadIdx.x] = 1; }\n";

CompilerSettings tight(const std::filesystem::path& cache) {
  CompilerSettings s;
  s.cache_dir = cache;
  s.timeout = std::chrono::seconds(120);
  s.limits.file_size_mb = 8;
  s.limits.memory_mb = 2048;
  return s;
}

TEST(CompileLimits, AHugeObjectIsStoppedByTheFileSizeLimit) {
  if (find_nvcc().empty()) GTEST_SKIP() << "nvcc not found: the check is not run";
  test::TempDir cache;
  UnitCompiler compiler(tight(cache.path()));
  // A million empty declarations per line, sixty lines: the preprocessed
  // text the compiler writes is about 60 MB, from a 500-byte unit.
  std::string unit = "#define A0 ;;;;;;;;;;\n";
  for (int i = 1; i <= 6; ++i) {
    unit += "#define A" + std::to_string(i);
    for (int k = 0; k < 10; ++k) unit += " A" + std::to_string(i - 1);
    unit += "\n";
  }
  for (int line = 0; line < 60; ++line) unit += "A6\n";
  unit += "__global__ void k(int* x) { x[threadIdx.x] = 1; }\n";
  auto r = compiler.check(unit, Dialect::Cuda);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.log.find("file size limit"), std::string::npos) << r.log;
  auto fine = compiler.check(kFine, Dialect::Cuda);
  EXPECT_TRUE(fine.ok) << fine.log;
}

TEST(CompileLimits, AMemoryHungryUnitIsStoppedByTheMemoryLimit) {
  if (find_nvcc().empty()) GTEST_SKIP() << "nvcc not found: the check is not run";
  test::TempDir cache;
  auto settings = tight(cache.path());
  settings.limits.memory_mb = 1024;
  UnitCompiler compiler(settings);
  // Constant evaluation the front end must hold in memory at once.
  auto r = compiler.check("#include <array>\n"
                          "constexpr std::array<long, (1L << 28)> make() { std::array<long, (1L << 28)> a{}; "
                          "for (long i = 0; i < (1L << 28); ++i) a[i] = i; return a; }\n"
                          "__device__ long pick(long i) { constexpr auto table = make(); return table[i & 7]; }\n"
                          "__global__ void k(long* out) { out[threadIdx.x] = pick(threadIdx.x); }\n",
                          Dialect::Cuda, "c++20");
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.log.empty());
  auto fine = compiler.check(kFine, Dialect::Cuda);
  EXPECT_TRUE(fine.ok) << fine.log;
}

TEST(CompileLimits, CompilerOutputQuotingLatin1SourceIsDecoded) {
  if (find_nvcc().empty()) GTEST_SKIP() << "nvcc not found: the check is not run";
  test::TempDir cache;
  UnitCompiler compiler(tight(cache.path()));
  // The error line quotes the string literal's Latin-1 bytes back.
  auto r = compiler.check("__global__ void k(int* x) { const char* s = \"caf\xe9\"; x[0] = s; }\n", Dialect::Cuda);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(is_valid_utf8(r.log)) << r.log;
  EXPECT_NE(r.log.find("\"caf\xc3\xa9\""), std::string::npos) << r.log;  // the quoted line, decoded
  // The cached verdict is read back as it was written (valid JSON, same log).
  auto again = compiler.check("__global__ void k(int* x) { const char* s = \"caf\xe9\"; x[0] = s; }\n", Dialect::Cuda);
  EXPECT_TRUE(again.cached);
  EXPECT_EQ(again.log, r.log);
}

}  // namespace
}  // namespace kq::extractor
