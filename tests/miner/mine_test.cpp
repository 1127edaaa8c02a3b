#include <gtest/gtest.h>

#include <git2.h>

#include <algorithm>

#include "miner/git_source.hpp"
#include "miner_test_util.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

namespace fs = std::filesystem;
using namespace kq::miner::testing;
using test::TempDir;

class Mine : public ::testing::Test {
 protected:
  void SetUp() override { fx_ = test::make_miner_fixture(tmp_ / "repo", tmp_ / "outside"); }
  fs::path db() const { return tmp_ / "kq.db"; }
  MineOptions options() const { return fixture_options(tmp_ / "cache"); }
  RepoOutcome mine(const RepoEntry& e) { return mine_repos(db(), {e}, options()).repos.at(0); }
  std::vector<std::string> recorded_paths(const std::string& commit) {
    std::vector<std::string> out;
    db::Database d(db());
    auto q = d.prepare(
        "SELECT f.path FROM files f JOIN snapshots s ON s.id=f.snapshot_id WHERE s.commit_sha=? ORDER BY f.path");
    q.bind(1, commit);
    while (q.step()) out.push_back(q.text(0));
    return out;
  }

  TempDir tmp_;
  test::MinerFixture fx_;
};

TEST_F(Mine, LocalRepositoryDefaultsToHead) {
  auto r = mine(local_entry(fx_.dir));
  ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  EXPECT_EQ(r.commit_sha, fx_.second);
  EXPECT_EQ(recorded_paths(fx_.second), test::fixture_candidates_main());
  EXPECT_EQ(query_text(db(), "SELECT ref FROM snapshots"), "main");
  EXPECT_EQ(query_text(db(), "SELECT license_spdx || ' ' || license_file FROM repos"), "MIT LICENSE");
  EXPECT_EQ(query_text(db(), "SELECT status FROM repos"), "mined");
  EXPECT_EQ(count_rows(db(), "snapshots", "complete=1"), 1);
  EXPECT_EQ(count_rows(db(), "stage_events", "repo_id IS NOT NULL AND status='ok'"), 1);
  EXPECT_EQ(query_text(db(), "SELECT language FROM files WHERE path='src/hip_in_cpp.cpp'"), "hip");
  EXPECT_EQ(query_text(db(), "SELECT language FROM files WHERE path='src/kernels.hip'"), "hip");
}

TEST_F(Mine, WorktreeHoldsExactlyThePinnedCommit) {
  auto r = mine(local_entry(fx_.dir, "v1.0"));
  ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  fs::path wt = query_text(db(), "SELECT worktree FROM snapshots");
  EXPECT_TRUE(fs::exists(wt / "src/saxpy.cu"));
  EXPECT_TRUE(fs::exists(wt / "src/host.cpp"));
  EXPECT_FALSE(fs::exists(wt / "src/second.cu"));
  EXPECT_FALSE(fs::exists(wt / ".git"));
  EXPECT_TRUE(fs::is_symlink(wt / "src/escape.cu"));
  EXPECT_EQ(test::read_text(wt / "src/saxpy.cu"), test::fixture_kernel("saxpy"));
  EXPECT_TRUE(wt.string().starts_with((tmp_ / "cache" / "repos").string()));
}

TEST_F(Mine, RefsResolveInLocalRepositories) {
  struct Case {
    std::string ref, commit;
    std::vector<std::string> files;
  };
  for (const auto& c : {Case{"v1.0", fx_.first, test::fixture_candidates_v1()},
                        Case{"feature", fx_.feature, test::fixture_candidates_feature()},
                        Case{fx_.first, fx_.first, test::fixture_candidates_v1()},
                        Case{fx_.second.substr(0, 10), fx_.second, test::fixture_candidates_main()}}) {
    TempDir run;
    auto r = mine_repos(run / "kq.db", {local_entry(fx_.dir, c.ref)}, fixture_options(run / "cache")).repos.at(0);
    ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << c.ref << ": " << r.error;
    EXPECT_EQ(r.commit_sha, c.commit) << c.ref;
    EXPECT_EQ(r.files, c.files.size()) << c.ref;
    EXPECT_EQ(query_text(run / "kq.db", "SELECT ref FROM snapshots"), c.ref);
  }
}

TEST_F(Mine, RefsResolveAfterCloningAUrl) {
  auto head = mine(url_entry("file://" + fx_.dir.string()));
  ASSERT_EQ(head.kind, RepoOutcomeKind::Mined) << head.error;
  EXPECT_EQ(head.commit_sha, fx_.second);
  EXPECT_EQ(query_text(db(), "SELECT ref FROM snapshots"), "main");
  TempDir other;
  auto opts = fixture_options(other / "cache");
  auto tag = mine_repos(other / "kq.db", {url_entry("file://" + fx_.dir.string(), "v1.0")}, opts).repos.at(0);
  EXPECT_EQ(tag.commit_sha, fx_.first) << tag.error;
  EXPECT_TRUE(fs::exists(repo_cache_dir(other / "cache", url_entry("file://" + fx_.dir.string(), "v1.0")) / "git"));
  TempDir third;
  auto branch =
      mine_repos(third / "kq.db", {url_entry("file://" + fx_.dir.string(), "feature")}, fixture_options(third / "c"))
          .repos.at(0);
  EXPECT_EQ(branch.commit_sha, fx_.feature) << branch.error;
}

TEST_F(Mine, BadRefFailsWithAClearMessage) {
  auto r = mine(local_entry(fx_.dir, "no-such-ref"));
  EXPECT_EQ(r.kind, RepoOutcomeKind::Failed);
  EXPECT_NE(r.error.find("ref 'no-such-ref' not found"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("list:1"), std::string::npos) << r.error;
  EXPECT_EQ(query_text(db(), "SELECT status FROM repos"), "failed");
  EXPECT_NE(query_text(db(), "SELECT error FROM repos").find("no-such-ref"), std::string::npos);
  EXPECT_EQ(count_rows(db(), "stage_events", "status='failed' AND repo_id IS NOT NULL"), 1);
  EXPECT_EQ(count_rows(db(), "snapshots"), 0);
  auto url = mine(url_entry("file://" + fx_.dir.string(), "nope"));
  EXPECT_EQ(url.kind, RepoOutcomeKind::Failed);
  EXPECT_NE(url.error.find("ref 'nope' not found"), std::string::npos) << url.error;
}

TEST_F(Mine, MissingPathAndNotARepository) {
  auto missing = mine(local_entry(tmp_ / "absent"));
  EXPECT_EQ(missing.kind, RepoOutcomeKind::Failed);
  EXPECT_NE(missing.error.find("does not exist"), std::string::npos) << missing.error;
  fs::create_directories(tmp_ / "plain");
  auto not_repo = mine(local_entry(tmp_ / "plain", "v1"));
  EXPECT_EQ(not_repo.kind, RepoOutcomeKind::Failed);
  EXPECT_NE(not_repo.error.find("not a git repository"), std::string::npos) << not_repo.error;
  auto bad_url = mine(url_entry("file://" + (tmp_ / "plain").string()));
  EXPECT_EQ(bad_url.kind, RepoOutcomeKind::Failed);
  EXPECT_NE(bad_url.error.find("cannot fetch"), std::string::npos) << bad_url.error;
}

TEST_F(Mine, RerunOnTheSameCommitAddsNoRows) {
  std::vector<RepoEntry> entries{local_entry(fx_.dir), url_entry("file://" + fx_.dir.string(), "feature")};
  auto first = mine_repos(db(), entries, options());
  EXPECT_EQ(first.mined, 2u);
  std::vector<long long> before;
  for (const char* t : {"repos", "snapshots", "files", "stage_events"}) before.push_back(count_rows(db(), t));
  auto again = mine_repos(db(), entries, options());
  EXPECT_EQ(again.unchanged, 2u);
  EXPECT_EQ(again.mined, 0u);
  EXPECT_EQ(again.files, first.files);
  std::vector<long long> after;
  for (const char* t : {"repos", "snapshots", "files", "stage_events"}) after.push_back(count_rows(db(), t));
  EXPECT_EQ(before, after);
}

TEST_F(Mine, FetchOnRerunPinsTheNewCommit) {
  auto entry = url_entry("file://" + fx_.dir.string());
  ASSERT_EQ(mine(entry).commit_sha, fx_.second);
  test::GitFixture again(fx_.dir);
  again.write("src/third.cu", test::fixture_kernel("third"));
  auto third = again.commit("third");
  auto r = mine(entry);
  EXPECT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  EXPECT_EQ(r.commit_sha, third);
  EXPECT_EQ(count_rows(db(), "snapshots"), 2);
  EXPECT_EQ(count_rows(db(), "repos"), 1);
}

TEST_F(Mine, PlainDirectoryIsASnapshotOfItsContent) {
  auto dir = tmp_ / "plain";
  test::write_text(dir / "k.cu", test::fixture_kernel("k"));
  test::write_text(dir / "LICENSE", "Boost Software License - Version 1.0\n");
  auto r = mine(local_entry(dir));
  ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  EXPECT_TRUE(r.commit_sha.starts_with("dir:"));
  EXPECT_EQ(query_text(db(), "SELECT worktree FROM snapshots"), dir.string());
  EXPECT_EQ(query_text(db(), "SELECT license_spdx FROM repos"), "BSL-1.0");
  EXPECT_EQ(mine(local_entry(dir)).kind, RepoOutcomeKind::Unchanged);
  test::write_text(dir / "k2.cu", test::fixture_kernel("k2"));
  auto changed = mine(local_entry(dir));
  EXPECT_EQ(changed.kind, RepoOutcomeKind::Mined);
  EXPECT_NE(changed.commit_sha, r.commit_sha);
  EXPECT_EQ(count_rows(db(), "snapshots"), 2);
}

TEST_F(Mine, ExportSkipsMissingBlobsAndSaysSo) {
  // A blob absent from the object store, as in a partial clone: the export
  // leaves that file out and lists it next to the tree.
  std::string content = "int main() { return 0; }\n";
  git_oid oid;
  ASSERT_EQ(git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB), 0);
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  auto loose = fx_.dir / ".git" / "objects" / std::string(hex, 2) / std::string(hex + 2);
  ASSERT_TRUE(fs::exists(loose));
  fs::remove(loose);
  auto out = tmp_ / "export";
  auto missing = export_commit(fx_.dir, fx_.first, out);
  EXPECT_EQ(missing, std::vector<std::string>{"src/host.cpp"});
  EXPECT_EQ(read_missing_list(out), std::vector<std::string>{"src/host.cpp"});
  EXPECT_TRUE(fs::exists(out / "LICENSE"));
  EXPECT_FALSE(fs::exists(out / "src/host.cpp"));
  auto r = mine(local_entry(fx_.dir, "v1.0"));
  ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  EXPECT_NE(query_text(db(), "SELECT reason FROM stage_events").find("1 blobs missing"), std::string::npos);
}

}  // namespace
}  // namespace kq::miner
