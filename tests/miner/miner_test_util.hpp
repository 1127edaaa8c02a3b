#pragma once
// Shared helpers of the miner tests: options for fixture runs, row counts, dumps.
#include <filesystem>
#include <string>

#include "db/database.hpp"
#include "miner/miner.hpp"
#include "tests/support/git_fixture.hpp"

namespace kq::miner::testing {

inline MineOptions fixture_options(const std::filesystem::path& cache) {
  MineOptions o;
  o.cache_dir = cache;
  o.rules = {test::kFixtureMaxFileBytes, {"third_party/**", "**/node_modules/**"}};
  o.timeout_s = 60;
  o.show_progress = false;
  return o;
}

inline long long count_rows(const std::filesystem::path& db_path, const std::string& table,
                            const std::string& where = "1") {
  db::Database db(db_path);
  auto q = db.prepare("SELECT count(*) FROM " + table + " WHERE " + where);
  q.step();
  return q.int64(0);
}

inline std::string query_text(const std::filesystem::path& db_path, const std::string& sql) {
  db::Database db(db_path);
  auto q = db.prepare(sql);
  return q.step() ? q.text(0) : std::string("<no row>");
}

inline RepoEntry local_entry(const std::filesystem::path& dir, const std::string& ref = "") {
  return RepoEntry{dir.string(), ref, default_repo_name(dir.string()), SourceKind::LocalPath, "list:1"};
}

inline RepoEntry url_entry(const std::string& url, const std::string& ref = "") {
  return RepoEntry{url, ref, default_repo_name(url), SourceKind::Remote, "list:1"};
}

}  // namespace kq::miner::testing
