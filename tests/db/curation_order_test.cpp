#include <gtest/gtest.h>

#include "db/curation.hpp"
#include "db/database.hpp"
#include "tests/support/test_support.hpp"

namespace kq::db {
namespace {

using test::TempDir;

std::int64_t add_file(Database& db, const std::string& url, const std::string& path) {
  db.prepare("INSERT OR IGNORE INTO repos(url, name, status) VALUES(?, 'r', 'mined')").bind(1, url).exec();
  auto repo = db.prepare("SELECT id FROM repos WHERE url = ?");
  repo.bind(1, url);
  repo.step();
  db.prepare("INSERT INTO snapshots(repo_id, commit_sha, complete) VALUES(?, ?, 1)").bind_all(repo.int64(0), path).exec();
  auto snap = db.last_insert_id();
  db.prepare("INSERT INTO files(snapshot_id, path, sha256, size, language) VALUES(?, ?, 'h', 1, 'cuda')")
      .bind_all(snap, path)
      .exec();
  return db.last_insert_id();
}

void add_kernel(Database& db, std::int64_t file, const std::string& name, int line) {
  db.prepare(
        "INSERT INTO kernels(file_id, name, qualified_name, dialect, line_begin, line_end, signature, source, "
        "content_hash, stage) VALUES(?,?,?, 'cuda', ?, ?, 'sig', 'src', 'h', 'verified')")
      .bind_all(file, name, name, line, line + 1)
      .exec();
}

// Row ids in the order a merge of shards would give them (repositories and
// kernels by name), which is not the order of the content.
TEST(CurationOrder, KernelsComeInContentOrderWhateverTheirRowIds) {
  TempDir tmp;
  Database db(tmp.path() / "k.db");
  auto b_file = add_file(db, "https://host/b.git", "z.cu");
  auto a_late = add_file(db, "https://host/a.git", "m.cu");
  auto a_early = add_file(db, "https://host/a.git", "d/k.cu");
  add_kernel(db, b_file, "alpha", 5);
  add_kernel(db, a_late, "aaa", 40);
  add_kernel(db, a_late, "zzz", 3);
  add_kernel(db, a_early, "beta", 9);

  std::vector<std::string> names;
  for (const auto& k : load_curation_kernels(db)) names.push_back(k.repo_url + ":" + k.path + ":" + k.name);
  EXPECT_EQ(names, (std::vector<std::string>{"https://host/a.git:d/k.cu:beta", "https://host/a.git:m.cu:zzz",
                                             "https://host/a.git:m.cu:aaa", "https://host/b.git:z.cu:alpha"}));
}

}  // namespace
}  // namespace kq::db
