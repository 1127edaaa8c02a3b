// Names of local repositories: from the remote their configuration records,
// else from the nearest folder whose name means something; unique in a list.
#include <gtest/gtest.h>

#include <git2.h>

#include <set>

#include "miner/repo_list.hpp"
#include "miner/repo_name.hpp"
#include "tests/support/git_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

void add_remote(const fs::path& repo_dir, const std::string& name, const std::string& url) {
  git_libgit2_init();
  git_repository* repo = nullptr;
  ASSERT_EQ(git_repository_open(&repo, repo_dir.c_str()), 0);
  git_remote* remote = nullptr;
  ASSERT_EQ(git_remote_create(&remote, repo, name.c_str(), url.c_str()), 0);
  git_remote_free(remote);
  git_repository_free(repo);
  git_libgit2_shutdown();
}

void make_repo(const fs::path& dir) {
  test::GitFixture g(dir);
  g.write("k.cu", "__global__ void k() {}\n");
  g.commit("one kernel");
}

TEST(RepoName, MirrorsUnderGenericFoldersAreNamedByTheirRecordedRemote) {
  TempDir t;
  make_repo(t / "NVIDIA+cuda-samples/repo");
  make_repo(t / "ROCm+rocm-examples/repo");
  add_remote(t / "NVIDIA+cuda-samples/repo", "origin", "https://github.com/NVIDIA/cuda-samples.git");
  add_remote(t / "ROCm+rocm-examples/repo", "upstream", "https://github.com/ROCm/rocm-examples");
  EXPECT_EQ(local_repo_name(t / "NVIDIA+cuda-samples/repo"), "cuda-samples");
  EXPECT_EQ(local_repo_name(t / "ROCm+rocm-examples/repo"), "rocm-examples") << "any remote, not only origin";
}

TEST(RepoName, WithoutARemoteTheNearestMeaningfulFolderNamesIt) {
  TempDir t;
  make_repo(t / "owner+project/repo");
  fs::create_directories(t / "plain/src");
  EXPECT_EQ(local_repo_name(t / "owner+project/repo"), "owner_project");
  EXPECT_EQ(local_repo_name(t / "plain/src"), "plain");
  EXPECT_EQ(local_repo_name(t / "kernels.git"), "kernels");
  EXPECT_TRUE(is_generic_folder_name("Repo.git"));
  EXPECT_FALSE(is_generic_folder_name("llm.c"));
}

TEST(RepoName, ListNamesAreUniqueOwnerFirstThenNumbered) {
  TempDir t;
  make_repo(t / "a/repo");
  make_repo(t / "b/repo");
  add_remote(t / "a/repo", "origin", "https://host/alice/proj.git");
  add_remote(t / "b/repo", "origin", "https://host/bob/proj.git");
  fs::create_directories(t / "x/tool");
  fs::create_directories(t / "y/tool");
  test::write_text(t / "repos.txt",
                   "a/repo\nb/repo\nx/tool\ny/tool\nhttps://h/one/lib.git\nhttps://h/one/sub/lib.git\n");
  auto entries = parse_repo_list(t / "repos.txt");
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries[0].name, "a_proj");
  EXPECT_EQ(entries[1].name, "b_proj");
  EXPECT_EQ(entries[2].name, "x_tool");
  EXPECT_EQ(entries[3].name, "y_tool");
  EXPECT_EQ(entries[4].name, "one_lib");
  EXPECT_EQ(entries[5].name, "sub_lib");
  std::set<std::string> names;
  for (const auto& e : entries) names.insert(e.name);
  EXPECT_EQ(names.size(), entries.size());
}

}  // namespace
}  // namespace kq::miner
