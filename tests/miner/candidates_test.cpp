#include <gtest/gtest.h>

#include "miner/candidates.hpp"
#include "miner/glob.hpp"
#include "tests/support/git_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

using test::TempDir;

TEST(Glob, Stars) {
  EXPECT_TRUE(glob_match("third_party/**", "third_party/a/b.cu"));
  EXPECT_FALSE(glob_match("third_party/**", "src/third_party/b.cu"));
  EXPECT_TRUE(glob_match("**/node_modules/**", "a/b/node_modules/c/d.cu"));
  EXPECT_TRUE(glob_match("**/node_modules/**", "node_modules/d.cu"));
  EXPECT_FALSE(glob_match("**/node_modules/**", "a/node_modulesx/d.cu"));
  EXPECT_TRUE(glob_match("src/*.cu", "src/a.cu"));
  EXPECT_FALSE(glob_match("src/*.cu", "src/x/a.cu"));
  EXPECT_TRUE(glob_match("src/**/*.cu", "src/a.cu"));
  EXPECT_TRUE(glob_match("src/**/*.cu", "src/x/y/a.cu"));
  EXPECT_TRUE(glob_match("**/*.cuh", "deep/x.cuh"));
  EXPECT_TRUE(glob_match("a?c/[xy]z/[!q]", "abc/yz/r"));
  EXPECT_FALSE(glob_match("a?c", "a/c"));
  EXPECT_FALSE(glob_match("[!q]", "q"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
}

TEST(Candidates, LanguageRules) {
  EXPECT_EQ(classify_language("a.cu", ""), "cuda");
  EXPECT_EQ(classify_language("a.cuh", "#include <hip/hip_runtime.h>"), "cuda");
  EXPECT_EQ(classify_language("a.hip", ""), "hip");
  EXPECT_EQ(classify_language("a.cpp", "__global__ void k();"), "cpp");
  EXPECT_EQ(classify_language("a.cpp", "#include <hip/hip_runtime.h>\n"), "hip");
  EXPECT_EQ(classify_language("a.h", "#include \"hip/hip_fp16.h\"\n"), "hip");
  EXPECT_EQ(classify_language("a.cc", "hipLaunchKernelGGL(k, 1, 1, 0, 0);"), "hip");
  EXPECT_EQ(classify_language("a.cpp", "// see <hip/hip_runtime.h> docs\n"), "cpp");
  EXPECT_TRUE(has_kernel_extension("x.inl"));
  EXPECT_FALSE(has_kernel_extension("x.txt"));
  EXPECT_FALSE(has_kernel_extension("x.CU"));
}

std::vector<std::string> paths(const ScanResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.files) out.push_back(f.path);
  return out;
}

TEST(Candidates, FixtureRules) {
  TempDir tmp;
  auto fx = test::make_miner_fixture(tmp / "repo", tmp / "outside");
  CandidateRules rules{test::kFixtureMaxFileBytes, {"third_party/**", "**/node_modules/**"}};
  auto r = scan_candidates(fx.dir, rules);
  EXPECT_EQ(paths(r), test::fixture_candidates_main());
  for (const auto& f : r.files) {
    if (f.path == "src/kernels.hip" || f.path == "src/hip_in_cpp.cpp") {
      EXPECT_EQ(f.language, "hip") << f.path;
    }
    if (f.path.ends_with(".cu") || f.path.ends_with(".cuh")) {
      EXPECT_EQ(f.language, "cuda") << f.path;
    }
    EXPECT_EQ(f.sha256.size(), 64u);
    EXPECT_GT(f.size, 0u);
  }
  // Binary, oversized, escaping symlink, host.cpp (no kernel) are read but rejected.
  EXPECT_GE(r.skipped, 4u);
}

TEST(Candidates, SizeLimitAndVendoredGlobsAreConfigurable) {
  TempDir tmp;
  auto fx = test::make_miner_fixture(tmp / "repo", tmp / "outside");
  auto r = scan_candidates(fx.dir, CandidateRules{1u << 20, {}});
  auto p = paths(r);
  for (const char* extra : {"src/big.cu", "third_party/lib/vendored.cu", "src/nested/node_modules/pkg/dep.cu"})
    EXPECT_NE(std::find(p.begin(), p.end(), extra), p.end()) << extra;
  for (const char* never : {"data/blob.cu", "src/escape.cu", "src/escape_dir/hidden.cu", "src/host.cpp"})
    EXPECT_EQ(std::find(p.begin(), p.end(), never), p.end()) << never;
}

TEST(Candidates, ContentIdDependsOnPathsAndContent) {
  std::vector<CandidateFile> a{{"a.cu", "11", 1, "cuda"}}, b{{"b.cu", "11", 1, "cuda"}}, c{{"a.cu", "22", 1, "cuda"}};
  EXPECT_TRUE(content_commit_id(a).starts_with("dir:"));
  EXPECT_EQ(content_commit_id(a), content_commit_id(a));
  EXPECT_NE(content_commit_id(a), content_commit_id(b));
  EXPECT_NE(content_commit_id(a), content_commit_id(c));
}

}  // namespace
}  // namespace kq::miner
