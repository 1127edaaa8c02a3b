// Git metadata that is not UTF-8: a branch name, a commit message and an
// author name in Latin-1. The miner stores no commit message or author; the
// branch name it does store (the snapshot's ref) is decoded to UTF-8.
#include <gtest/gtest.h>

#include <git2.h>

#include "core/utf8.hpp"
#include "miner_test_util.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

using namespace kq::miner::testing;

TEST(HostileMetadata, Latin1BranchMessageAndAuthorAreMined) {
  test::TempDir tmp;
  std::string branch = "caf\xe9";
  {
    test::GitFixture repo(tmp / "repo");
    repo.write("LICENSE", test::fixture_mit_license());
    repo.write("src/k.cu", test::fixture_kernel("k"));
    repo.set_author("Fran\xe7ois M\xfcller");
    repo.commit("premi\xe8re version \xab kernels \xbb", branch);
    git_libgit2_init();
    git_repository* raw = nullptr;
    ASSERT_EQ(git_repository_open(&raw, (tmp / "repo").c_str()), 0);
    ASSERT_EQ(git_repository_set_head(raw, ("refs/heads/" + branch).c_str()), 0);
    git_repository_free(raw);
    git_libgit2_shutdown();
  }
  auto report = mine_repos(tmp / "kq.db", {local_entry(tmp / "repo")}, fixture_options(tmp / "cache"));
  auto r = report.repos.at(0);
  ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  auto ref = query_text(tmp / "kq.db", "SELECT ref FROM snapshots");
  EXPECT_EQ(ref, "caf\xc3\xa9");
  EXPECT_TRUE(is_valid_utf8(ref));
  EXPECT_EQ(count_rows(tmp / "kq.db", "files"), 1);
}

}  // namespace
}  // namespace kq::miner
