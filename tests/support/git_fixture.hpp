#pragma once
// Git repositories built at test time with libgit2: files, symlinks,
// commits on any branch, tags. Nothing is fetched from anywhere.
#include <filesystem>
#include <string>
#include <vector>

struct git_repository;

namespace kq::test {

class GitFixture {
 public:
  // Creates a repository with a work tree at `dir` whose HEAD is `main`.
  explicit GitFixture(const std::filesystem::path& dir);
  ~GitFixture();
  GitFixture(const GitFixture&) = delete;
  GitFixture& operator=(const GitFixture&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::string url() const { return "file://" + dir_.string(); }

  void write(const std::string& rel, const std::string& content);
  void symlink(const std::string& rel, const std::filesystem::path& target);
  void remove(const std::string& rel);

  // Commits the whole work tree as it is now onto `branch` (its tip, if any,
  // is the parent) and returns the commit id. HEAD follows `main` only.
  std::string commit(const std::string& message, const std::string& branch = "main");
  void tag(const std::string& name, const std::string& commit_sha, bool annotated = true);
  void branch(const std::string& name, const std::string& commit_sha);
  // Author and committer name of later commits (any bytes: hostile metadata tests).
  void set_author(const std::string& name) { author_ = name; }

 private:
  std::filesystem::path dir_;
  git_repository* repo_ = nullptr;
  long long clock_ = 1700000000;  // commit times advance one minute per commit
  std::string author_ = "Fixture Author";
};

// The repository every miner test starts from. On `main` (HEAD): two commits;
// tag `v1.0` on the first; branch `feature` from the first with one more
// kernel. The tree holds kernel sources in every language, a binary file, an
// oversized file (over 4096 bytes: tests set max_file_bytes to 4096), a
// non-UTF-8 file, a vendored folder, a symlink to a file outside the repository,
// a symlink to a folder outside it, and an in-tree symlink.
struct MinerFixture {
  std::filesystem::path dir;
  std::string first, second, feature;  // commit ids
};

constexpr std::size_t kFixtureMaxFileBytes = 4096;

// Candidate paths at `main`, at `v1.0` and at `feature`, sorted.
std::vector<std::string> fixture_candidates_main();
std::vector<std::string> fixture_candidates_v1();
std::vector<std::string> fixture_candidates_feature();

// `outside` is a folder outside `dir` that the escaping symlinks point into.
MinerFixture make_miner_fixture(const std::filesystem::path& dir, const std::filesystem::path& outside);

// A short MIT license text and a kernel source, for repositories tests build themselves.
std::string fixture_mit_license();
std::string fixture_kernel(const std::string& name);

}  // namespace kq::test
