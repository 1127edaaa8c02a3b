// cpu-sim builds read cpu_sim.hpp precompiled: the header is built once per
// flag set in the cache and linked into the build folder, GCC takes it (its
// -H trace names the .gch), and a program built with it gives known answers.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "core/subprocess.hpp"
#include "tests/verifier/verifier_fixture.hpp"
#include "verifier/npy.hpp"
#include "verifier/sim_pch.hpp"

namespace kq::verify {
namespace {

using namespace testing;
namespace fs = std::filesystem;

TEST(SimPch, BuiltOnceLinkedIntoTheBuildAndTakenByGcc) {
  test::TempDir cache, build;
  Toolchain t = toolchain_for("cpu-sim", Dialect::Cuda, quick_options());
  auto flags = sim_pch_flags(t, build.path(), cache.path());
  ASSERT_EQ(flags, (std::vector<std::string>{"-I", "kq_pch"}));
  EXPECT_TRUE(fs::exists(build / "kq_pch/kq/cpu_sim.hpp.gch"));
  EXPECT_EQ(fs::hard_link_count(build / "kq_pch/kq/cpu_sim.hpp.gch"), 2u) << "linked from the cache, not copied";

  test::write_text(build / "unit.cu", "__global__ void k(int* y) { y[threadIdx.x] = 1; }\n");
  std::vector<std::string> argv{t.compiler.string(), "-H", "-fsyntax-only"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.insert(argv.end(), t.flags.begin(), t.flags.end());
  argv.push_back("unit.cu");
  RunOptions o;
  o.cwd = build.path();
  auto r = run_process(argv, o);
  ASSERT_TRUE(r.ok()) << r.err;
  EXPECT_NE(r.err.find("! kq_pch/kq/cpu_sim.hpp.gch"), std::string::npos) << r.err.substr(0, 2000);

  // A toolchain that does not include the header gets nothing.
  Toolchain plain = t;
  plain.flags = {"-std=c++17"};
  EXPECT_TRUE(sim_pch_flags(plain, build.path(), cache.path()).empty());
}

TEST(SimPch, ProgramBuiltWithItGivesKnownAnswers) {
  test::TempDir cache, out;
  auto o = quick_options();
  o.cache_dir = cache.path();
  auto r = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", out.path(), o);
  ASSERT_TRUE(r.passed()) << r.log;
  ASSERT_TRUE(fs::exists(cache / "pch"));
  EXPECT_FALSE(fs::is_empty(cache / "pch"));
  auto y = read_npy_file(out / "y.npy");
  ASSERT_EQ(y.data.size(), 64u * sizeof(float));
  const auto* v = reinterpret_cast<const float*>(y.data.data());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(v[i], static_cast<float>(i * i)) << i;
}

}  // namespace
}  // namespace kq::verify
