#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "miner/repo_list.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

using test::TempDir;
using test::write_text;

RepoEntry line(const std::string& text, const std::filesystem::path& base = "/base") {
  return parse_repo_line(text, base);
}

TEST(RepoList, UrlsOfEveryScheme) {
  for (std::string url : {"https://github.com/org/proj.git", "http://host/x", "ssh://git@host:22/org/proj.git",
                          "git://127.0.0.1:9418/proj", "file:///srv/git/proj.git"}) {
    auto e = line(url);
    EXPECT_EQ(e.url, url);
    EXPECT_EQ(e.ref, "");
    EXPECT_EQ(e.kind, SourceKind::Remote);
  }
  EXPECT_EQ(line("https://github.com/org/proj.git").name, "proj");
}

TEST(RepoList, RefSuffixAfterTheLastPathComponent) {
  auto e = line("https://github.com/org/proj.git@v1.2");
  EXPECT_EQ(e.url, "https://github.com/org/proj.git");
  EXPECT_EQ(e.ref, "v1.2");
  auto commit = line("git://host/proj@0123abcd");
  EXPECT_EQ(commit.url, "git://host/proj");
  EXPECT_EQ(commit.ref, "0123abcd");
  auto branch_with_slash = line("https://host/org/proj@feature/x");
  EXPECT_EQ(branch_with_slash.url, "https://host/org/proj");
  EXPECT_EQ(branch_with_slash.ref, "feature/x");
}

TEST(RepoList, CredentialsAndSshShorthandAreNotRefs) {
  auto cred = line("https://user:secret@host.example/org/proj.git");
  EXPECT_EQ(cred.url, "https://user:secret@host.example/org/proj.git");
  EXPECT_EQ(cred.ref, "");
  auto cred_ref = line("https://user@host.example/org/proj.git@main");
  EXPECT_EQ(cred_ref.url, "https://user@host.example/org/proj.git");
  EXPECT_EQ(cred_ref.ref, "main");
  auto scp = line("git@github.com:org/proj.git");
  EXPECT_EQ(scp.url, "git@github.com:org/proj.git");
  EXPECT_EQ(scp.ref, "");
  EXPECT_EQ(scp.kind, SourceKind::Remote);
  EXPECT_EQ(scp.name, "proj");
  auto scp_ref = line("git@github.com:org/proj.git@dev");
  EXPECT_EQ(scp_ref.url, "git@github.com:org/proj.git");
  EXPECT_EQ(scp_ref.ref, "dev");
}

TEST(RepoList, LocalPathsAreRelativeToTheListFolder) {
  auto e = line("sub/proj@v2", "/lists");
  EXPECT_EQ(e.kind, SourceKind::LocalPath);
  EXPECT_EQ(e.url, "/lists/sub/proj");
  EXPECT_EQ(e.ref, "v2");
  EXPECT_EQ(line("/abs/proj/", "/lists").url, "/abs/proj");
}

TEST(RepoList, ExistingLocalPathWithAtIsNotSplit) {
  TempDir tmp;
  std::filesystem::create_directories(tmp / "proj@2");
  auto e = line("proj@2", tmp.path());
  EXPECT_EQ(e.url, (tmp / "proj@2").string());
  EXPECT_EQ(e.ref, "");
}

TEST(RepoList, JsonLines) {
  auto e = line(R"({"url": "https://host/org/proj.git", "ref": "v1", "name": "nice"})");
  EXPECT_EQ(e.url, "https://host/org/proj.git");
  EXPECT_EQ(e.ref, "v1");
  EXPECT_EQ(e.name, "nice");
  auto local = line(R"({"url": "rel/dir"})", "/lists");
  EXPECT_EQ(local.url, "/lists/rel/dir");
  EXPECT_EQ(local.kind, SourceKind::LocalPath);
}

TEST(RepoList, WholeFileSkipsCommentsAndBlankLines) {
  TempDir tmp;
  write_text(tmp / "repos.txt",
             "# a comment\n\n   \nhttps://host/a.git\n  # indented comment\n{\"url\":\"https://host/b.git\"}\nlocal\n");
  auto entries = parse_repo_list(tmp / "repos.txt");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].url, "https://host/a.git");
  EXPECT_EQ(entries[0].origin, (tmp / "repos.txt").string() + ":4");
  EXPECT_EQ(entries[1].url, "https://host/b.git");
  EXPECT_EQ(entries[2].url, (tmp / "local").string());
  EXPECT_EQ(entries[2].origin, (tmp / "repos.txt").string() + ":7");
}

void expect_list_error(const std::string& content, const std::string& where, const std::string& what) {
  TempDir tmp;
  write_text(tmp / "list.txt", content);
  try {
    parse_repo_list(tmp / "list.txt");
    FAIL() << "no error for: " << content;
  } catch (const UsageError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find((tmp / "list.txt").string() + ":" + where + ":"), std::string::npos) << msg;
    EXPECT_NE(msg.find(what), std::string::npos) << msg;
  }
}

TEST(RepoList, ErrorsNameFileAndLine) {
  expect_list_error("https://ok/a\nftp://host/x\n", "2", "unsupported URL scheme");
  expect_list_error("# c\n{\"url\": \n", "2", "invalid JSON");
  expect_list_error("{\"ref\": \"x\"}\n", "1", "without \"url\"");
  expect_list_error("{\"url\": 5}\n", "1", "must be a string");
  expect_list_error("{\"url\": \"a\", \"branch\": \"x\"}\n", "1", "unknown JSON field");
  expect_list_error("https://host/a.git@\n", "1", "empty ref");
  expect_list_error("https://host/a.git\n\nhttps://host/a.git@v2\n", "3", "already listed at");
  expect_list_error("https://host/a b\n", "1", "whitespace");
}

TEST(RepoList, MissingListIsAUsageError) {
  EXPECT_THROW(parse_repo_list("/nonexistent/list.txt"), UsageError);
}

TEST(RepoList, ShardsPartitionTheEntries) {
  std::vector<RepoEntry> entries;
  for (int i = 0; i < 50; ++i) entries.push_back(line("https://host/r" + std::to_string(i) + ".git"));
  std::size_t total = 0;
  for (unsigned k = 0; k < 3; ++k) {
    auto part = select_shard(entries, k, 3);
    total += part.size();
    for (const auto& e : part) EXPECT_EQ(stable_shard(e.url, 3), k);
  }
  EXPECT_EQ(total, entries.size());
}

TEST(RepoList, ShardSyntax) {
  EXPECT_EQ(parse_shard("0/4"), std::make_pair(0u, 4u));
  EXPECT_EQ(parse_shard("3/4"), std::make_pair(3u, 4u));
  for (const char* bad : {"4/4", "1", "a/2", "1/0", "-1/3", "1/2x", "/2"}) EXPECT_THROW(parse_shard(bad), UsageError) << bad;
}

TEST(RepoList, DefaultNames) {
  EXPECT_EQ(default_repo_name("https://host/org/My Proj.git/"), "My_Proj");
  EXPECT_EQ(default_repo_name("/"), "repo");
  EXPECT_EQ(default_repo_name("git@host:proj"), "proj");
}

}  // namespace
}  // namespace kq::miner
