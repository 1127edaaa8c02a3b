#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "db/database.hpp"
#include "db/merge.hpp"
#include "db/stats.hpp"
#include "tests/support/test_support.hpp"

namespace kq::db {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

// A shard as the pipeline would leave it: a repository with one snapshot and
// file, kernels with dependencies, units, analyses, syntheses, verifications,
// reviews and stage events.
void add_repo(Database& db, const std::string& url, const std::vector<std::string>& kernels) {
  db.prepare("INSERT INTO repos(url, name, status) VALUES(?, 'r', 'mined')").bind(1, url).exec();
  auto repo = db.last_insert_id();
  db.prepare("INSERT INTO snapshots(repo_id, commit_sha, complete) VALUES(?, 'c0ffee', 1)").bind(1, repo).exec();
  auto snap = db.last_insert_id();
  db.prepare("INSERT INTO files(snapshot_id, path, sha256, size, language) VALUES(?, 'k.cu', 'h', 1, 'cuda')")
      .bind(1, snap)
      .exec();
  auto file = db.last_insert_id();
  db.prepare("INSERT INTO stage_events(repo_id, stage, status) VALUES(?, 'mine', 'ok')").bind(1, repo).exec();
  int line = 1;
  for (const auto& k : kernels) {
    db.prepare(
          "INSERT INTO kernels(file_id, name, qualified_name, dialect, line_begin, line_end, signature, source, "
          "content_hash, stage) VALUES(?,?,?, 'cuda', ?, ?, 'sig', 'src', 'h', 'verified')")
        .bind_all(file, k, k, line, line + 1)
        .exec();
    line += 10;
    auto kid = db.last_insert_id();
    db.prepare("INSERT INTO deps(kernel_id, kind, name, source) VALUES(?, 'macro', ?, '#define X')")
        .bind_all(kid, "dep_of_" + k)
        .exec();
    db.prepare("INSERT INTO units(kernel_id, source, standalone_ok) VALUES(?, ?, 1)").bind_all(kid, "unit " + k).exec();
    db.prepare("INSERT INTO analysis(kernel_id, json) VALUES(?, '{}')").bind(1, kid).exec();
    db.prepare("INSERT INTO syntheses(kernel_id, synthesizer) VALUES(?, 'builtin')").bind(1, kid).exec();
    auto syn = db.last_insert_id();
    db.prepare("INSERT INTO verifications(synthesis_id, backend, status) VALUES(?, 'cpu-sim', 'pass')")
        .bind(1, syn)
        .exec();
    db.prepare("INSERT INTO llm_calls(synthesis_id, stage, provider) VALUES(?, 'code', 'replay')").bind(1, syn).exec();
    db.prepare("INSERT INTO reviews(kernel_id, decision) VALUES(?, 'accept')").bind(1, kid).exec();
    db.prepare("INSERT INTO stage_events(kernel_id, stage, status) VALUES(?, 'verified', 'ok')").bind(1, kid).exec();
  }
}

long long scalar(Database& db, const std::string& sql) {
  auto q = db.prepare(sql);
  q.step();
  return q.int64(0);
}

class Merge : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      Database a(tmp_ / "a.db");
      add_repo(a, "https://host/a.git", {"ka1", "ka2"});
      // Records with no kernel yet: ids differ between shards.
      a.exec("INSERT INTO task_ids(content_key) VALUES('key-a')");
    }
    {
      Database b(tmp_ / "b.db");
      add_repo(b, "https://host/b.git", {"kb1"});
      add_repo(b, "https://host/a.git", {"ka1", "ka2"});  // the same repository mined in both shards
      b.exec("INSERT INTO task_ids(content_key) VALUES('key-a'), ('key-b')");
    }
  }
  TempDir tmp_;
};

TEST_F(Merge, UnionWithoutDuplicatesAndRemappedIds) {
  auto report = merge_databases({tmp_ / "a.db", tmp_ / "b.db"}, tmp_ / "c.db", false);
  EXPECT_EQ(report.tables["repos"].copied, 2);
  EXPECT_EQ(report.tables["repos"].already_present, 1);
  Database c(tmp_ / "c.db");
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM repos"), 2);
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM snapshots"), 2);
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM files"), 2);
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM kernels"), 3);
  for (const char* t : {"deps", "units", "analysis", "syntheses", "verifications", "llm_calls", "reviews"})
    EXPECT_EQ(scalar(c, std::string("SELECT count(*) FROM ") + t), 3) << t;
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM stage_events WHERE kernel_id IS NOT NULL"), 3);
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM stage_events WHERE repo_id IS NOT NULL"), 2);
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM task_ids"), 2);
  // Every child row still belongs to its own kernel after renumbering.
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM deps d JOIN kernels k ON k.id=d.kernel_id WHERE d.name='dep_of_'||k.name"), 3);
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM units u JOIN kernels k ON k.id=u.kernel_id WHERE u.source='unit '||k.name"), 3);
  EXPECT_EQ(scalar(c,
                   "SELECT count(*) FROM kernels k JOIN files f ON f.id=k.file_id JOIN snapshots s ON s.id=f.snapshot_id "
                   "JOIN repos r ON r.id=s.repo_id WHERE (r.url LIKE '%a.git' AND k.name LIKE 'ka%') OR "
                   "(r.url LIKE '%b.git' AND k.name='kb1')"),
            3);
  auto fk = c.prepare("PRAGMA foreign_key_check");
  EXPECT_FALSE(fk.step()) << "dangling reference in table " << fk.text(0);
}

TEST_F(Merge, MergingADatabaseWithItselfAddsNothing) {
  merge_databases({tmp_ / "a.db", tmp_ / "a.db"}, tmp_ / "c.db", false);
  Database c(tmp_ / "c.db");
  Database a(tmp_ / "a.db");
  for (const char* t : {"repos", "snapshots", "files", "kernels", "deps", "units", "verifications", "stage_events"})
    EXPECT_EQ(scalar(c, std::string("SELECT count(*) FROM ") + t), scalar(a, std::string("SELECT count(*) FROM ") + t))
        << t;
}

TEST_F(Merge, RefusesToOverwriteUnlessForced) {
  test::write_text(tmp_ / "c.db", "precious");
  EXPECT_THROW(merge_databases({tmp_ / "a.db"}, tmp_ / "c.db", false), UsageError);
  EXPECT_EQ(test::read_text(tmp_ / "c.db"), "precious");
  EXPECT_THROW(merge_databases({tmp_ / "missing.db"}, tmp_ / "d.db", false), UsageError);
  EXPECT_THROW(merge_databases({tmp_ / "a.db"}, tmp_ / "a.db", true), UsageError);
  merge_databases({tmp_ / "a.db"}, tmp_ / "c.db", true);
  Database c(tmp_ / "c.db");
  EXPECT_EQ(scalar(c, "SELECT count(*) FROM kernels"), 2);
}

TEST_F(Merge, CommandLine) {
  auto r = test::run_kquarry({"db", "merge", (tmp_ / "a.db").string(), (tmp_ / "b.db").string(), "-o",
                              (tmp_ / "m.db").string(), "--json"},
                             tmp_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["tables"]["kernels"]["copied"], 3);
  auto again = test::run_kquarry({"db", "merge", (tmp_ / "a.db").string(), "-o", (tmp_ / "m.db").string()}, tmp_.path());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  auto forced =
      test::run_kquarry({"db", "merge", (tmp_ / "a.db").string(), "-o", (tmp_ / "m.db").string(), "--force"}, tmp_.path());
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
}

TEST_F(Merge, StatsJson) {
  auto r = test::run_kquarry({"db", "stats", "--json", "--db", (tmp_ / "b.db").string()}, tmp_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["tables"]["repos"], 2);
  EXPECT_EQ(j["tables"]["kernels"], 3);
  EXPECT_EQ(j["kernels_by_stage"]["verified"], 3);
  EXPECT_EQ(j["repos_by_status"]["mined"], 2);
  EXPECT_EQ(j["verifications_by_status"]["pass"], 3);
  EXPECT_TRUE(j["kernels_by_failed_stage"].empty());
  EXPECT_EQ(j["schema_version"], latest_schema_version());
  auto text = test::run_kquarry({"db", "stats", "--db", (tmp_ / "b.db").string()}, tmp_.path());
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("kernels per stage"), std::string::npos) << text.out;
  EXPECT_EQ(test::run_kquarry({"db", "stats", "--db", (tmp_ / "none.db").string()}, tmp_.path()).exit_code, 2);
}

TEST(Stats, FailedStagesAreCounted) {
  TempDir tmp;
  Database db(tmp / "s.db");
  add_repo(db, "https://host/x.git", {"k1", "k2"});
  db.exec("UPDATE kernels SET failed_stage='extracted' WHERE name='k1'");
  auto s = collect_stats(db);
  EXPECT_EQ(s["kernels_by_failed_stage"]["extracted"], 1);
  EXPECT_EQ(s["tables"]["deps"], 2);
}


std::vector<std::string> kernels_by_id(const fs::path& path) {
  Database db(path);
  std::vector<std::string> names;
  auto q = db.prepare("SELECT name FROM kernels ORDER BY id");
  while (q.step()) names.push_back(q.text(0));
  return names;
}

TEST_F(Merge, ByKeyNumbersRowsByContentWhateverTheInputOrder) {
  merge_databases({tmp_ / "b.db", tmp_ / "a.db"}, tmp_ / "input.db", false, MergeOrder::Input);
  EXPECT_EQ(kernels_by_id(tmp_ / "input.db"), (std::vector<std::string>{"kb1", "ka1", "ka2"}));
  merge_databases({tmp_ / "b.db", tmp_ / "a.db"}, tmp_ / "ba.db", false, MergeOrder::ByKey);
  merge_databases({tmp_ / "a.db", tmp_ / "b.db"}, tmp_ / "ab.db", false, MergeOrder::ByKey);
  // a.git sorts before b.git, so its kernels come first either way.
  EXPECT_EQ(kernels_by_id(tmp_ / "ba.db"), (std::vector<std::string>{"ka1", "ka2", "kb1"}));
  EXPECT_EQ(kernels_by_id(tmp_ / "ab.db"), kernels_by_id(tmp_ / "ba.db"));
  EXPECT_FALSE(fs::exists(tmp_ / "ba.db.joining"));
  Database ba(tmp_ / "ba.db");
  EXPECT_EQ(scalar(ba, "SELECT count(*) FROM deps d JOIN kernels k ON k.id=d.kernel_id WHERE d.name='dep_of_'||k.name"), 3);
  // Task numbers are public: they keep the order they were handed out in.
  auto q = ba.prepare("SELECT content_key FROM task_ids ORDER BY task_number");
  std::vector<std::string> keys;
  while (q.step()) keys.push_back(q.text(0));
  EXPECT_EQ(keys, (std::vector<std::string>{"key-a", "key-b"}));
  auto fk = ba.prepare("PRAGMA foreign_key_check");
  EXPECT_FALSE(fk.step()) << "dangling reference in table " << fk.text(0);
}

}  // namespace
}  // namespace kq::db
