// End-to-end: the real kquarry binary on fixture repositories, served over
// file://, the git protocol (a local git daemon) and plain folders.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "core/hash.hpp"
#include "core/subprocess.hpp"
#include "miner_test_util.hpp"
#include "tests/support/miner_process.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

namespace fs = std::filesystem;
using namespace kq::miner::testing;
using test::TempDir;

RunResult mine_cli(const fs::path& cwd, const fs::path& list, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"mine", "--repos", list.string(), "--db", (cwd / "kq.db").string(),
                                "--set", "miner.max_file_bytes=" + std::to_string(test::kFixtureMaxFileBytes)};
  args.insert(args.end(), extra.begin(), extra.end());
  return test::run_kquarry(args, cwd, 120);
}

nlohmann::json json_of(const RunResult& r) {
  try {
    return nlohmann::json::parse(r.out);
  } catch (...) {
    ADD_FAILURE() << "not JSON: " << r.out << "\nstderr: " << r.err;
    return {};
  }
}

// Every row the miner writes, keyed by natural keys (no ids, no times), sorted.
std::vector<std::string> dump(const fs::path& db_path, const fs::path& strip) {
  db::Database db(db_path);
  std::vector<std::string> rows;
  auto collect = [&](const std::string& sql) {
    auto q = db.prepare(sql);
    while (q.step()) {
      std::string row;
      for (int i = 0; i < q.column_count(); ++i) row += (q.is_null(i) ? "NULL" : q.text(i)) + "|";
      auto at = row.find(strip.string());
      while (at != std::string::npos) {
        row.erase(at, strip.string().size());
        at = row.find(strip.string());
      }
      rows.push_back(row);
    }
  };
  collect("SELECT 'repo', url, name, license_spdx, license_file, requested_ref, status, error FROM repos");
  collect("SELECT 'snap', r.url, s.commit_sha, s.ref, s.complete, s.worktree FROM snapshots s JOIN repos r ON r.id=s.repo_id");
  collect(
      "SELECT 'file', r.url, s.commit_sha, f.path, f.sha256, f.size, f.language FROM files f "
      "JOIN snapshots s ON s.id=f.snapshot_id JOIN repos r ON r.id=s.repo_id");
  collect("SELECT 'event', r.url, e.stage, e.status, e.reason FROM stage_events e JOIN repos r ON r.id=e.repo_id");
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(MineCli, CloneOverTheGitProtocol) {
  auto exec_path = run_process({"git", "--exec-path"});
  std::string dir = exec_path.out.substr(0, exec_path.out.find_last_not_of("\n") + 1);
  if (!exec_path.ok() || !fs::exists(fs::path(dir) / "git-daemon"))
    GTEST_SKIP() << "git daemon is not installed; the git:// clone is not tested";
  TempDir tmp;
  auto fx = test::make_miner_fixture(tmp / "served" / "proj", tmp / "outside");
  int port = test::free_local_port();
  test::ChildProcess daemon({"git", "daemon", "--export-all", "--base-path=" + (tmp / "served").string(),
                             "--listen=127.0.0.1", "--port=" + std::to_string(port), "--reuseaddr",
                             (tmp / "served").string()},
                            tmp.path());
  ASSERT_TRUE(test::wait_for_port(port, std::chrono::seconds(10))) << "git daemon did not start";
  std::string url = "git://127.0.0.1:" + std::to_string(port) + "/proj";
  test::write_text(tmp / "list.txt", url + "@v1.0\n");
  auto r = mine_cli(tmp.path(), tmp / "list.txt", {"--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json_of(r);
  EXPECT_EQ(j["mined"], 1);
  EXPECT_EQ(j["repos"][0]["commit"], fx.first);
  EXPECT_EQ(j["files"], test::fixture_candidates_v1().size());
  auto again = mine_cli(tmp.path(), tmp / "list.txt", {"--json"});
  EXPECT_EQ(json_of(again)["unchanged"], 1) << again.err;
  test::write_text(tmp / "list.txt", url + "\n");
  auto head = mine_cli(tmp.path(), tmp / "list.txt", {"--json"});
  EXPECT_EQ(json_of(head)["repos"][0]["commit"], fx.second) << head.err;
  EXPECT_EQ(count_rows(tmp / "kq.db", "snapshots"), 2);
}

TEST(MineCli, UnreachableEntryFailsAndTheRestAreMined) {
  TempDir tmp;
  auto fx = test::make_miner_fixture(tmp / "repo", tmp / "outside");
  test::write_text(tmp / "plain" / "k.cu", test::fixture_kernel("k"));
  int closed = test::free_local_port();
  std::string bad = "git://127.0.0.1:" + std::to_string(closed) + "/x";
  test::write_text(tmp / "list.txt", "file://" + fx.dir.string() + "\n" + bad + "\nplain\nrepo@feature\n");
  auto r = mine_cli(tmp.path(), tmp / "list.txt", {"--json", "--jobs", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = json_of(r);
  EXPECT_EQ(j["mined"], 3);
  EXPECT_EQ(j["failed"], 1);
  auto error = query_text(tmp / "kq.db", "SELECT error FROM repos WHERE status='failed'");
  EXPECT_NE(error.find(bad), std::string::npos) << error;
  EXPECT_NE(error.find("list.txt:2"), std::string::npos) << error;
  EXPECT_EQ(count_rows(tmp / "kq.db", "stage_events", "status='failed'"), 1);
  EXPECT_EQ(count_rows(tmp / "kq.db", "repos", "status='mined'"), 3);
}

TEST(MineCli, CredentialsAreNeverPrompted) {
  TempDir tmp;
  // An http server that always answers 401: libgit2 asks for credentials, kquarry refuses at once.
  int port = test::free_local_port();
  auto python = find_program("python3");
  if (python.empty()) GTEST_SKIP() << "python3 missing; no local HTTP server for the credentials test";
  test::write_text(tmp / "server.py",
                   "import http.server, sys\n"
                   "class H(http.server.BaseHTTPRequestHandler):\n"
                   "    def do_GET(self):\n"
                   "        self.send_response(401)\n"
                   "        self.send_header('WWW-Authenticate', 'Basic realm=\"x\"')\n"
                   "        self.send_header('Content-Length', '0')\n"
                   "        self.end_headers()\n"
                   "    def log_message(self, *a): pass\n"
                   "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()\n");
  test::ChildProcess server({python.string(), (tmp / "server.py").string(), std::to_string(port)}, tmp.path());
  ASSERT_TRUE(test::wait_for_port(port, std::chrono::seconds(10)));
  test::write_text(tmp / "list.txt", "http://127.0.0.1:" + std::to_string(port) + "/private.git\n");
  auto r = mine_cli(tmp.path(), tmp / "list.txt");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_LT(r.wall_ms, 30000);
  auto error = query_text(tmp / "kq.db", "SELECT error FROM repos");
  EXPECT_NE(error.find("needs credentials"), std::string::npos) << error;
}

TEST(MineCli, SilentServerTimesOut) {
  TempDir tmp;
  test::SilentServer server;
  test::write_text(tmp / "plain" / "k.cu", test::fixture_kernel("k"));
  test::write_text(tmp / "list.txt", "git://127.0.0.1:" + std::to_string(server.port()) + "/x\nplain\n");
  auto r = mine_cli(tmp.path(), tmp / "list.txt", {"--set", "miner.timeout_s=1", "--jobs", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_LT(r.wall_ms, 30000);
  auto error = query_text(tmp / "kq.db", "SELECT error FROM repos WHERE status='failed'");
  EXPECT_NE(error.find("miner.timeout_s"), std::string::npos) << error;
  EXPECT_EQ(count_rows(tmp / "kq.db", "repos", "status='mined'"), 1);
}

TEST(MineCli, UsageErrorsExitTwo) {
  TempDir tmp;
  test::write_text(tmp / "list.txt", "ftp://host/x\n");
  auto r = mine_cli(tmp.path(), tmp / "list.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("list.txt:1"), std::string::npos) << r.err;
  test::write_text(tmp / "ok.txt", "plain\n");
  EXPECT_EQ(mine_cli(tmp.path(), tmp / "ok.txt", {"--shard", "2/2"}).exit_code, 2);
  EXPECT_EQ(mine_cli(tmp.path(), tmp / "missing.txt").exit_code, 2);
  EXPECT_EQ(test::run_kquarry({"mine"}, tmp.path()).exit_code, 2);
}

TEST(MineCli, ShardsPartitionTheList) {
  TempDir tmp;
  std::string list;
  for (int i = 0; i < 8; ++i) {
    test::write_text(tmp / ("p" + std::to_string(i)) / "k.cu", test::fixture_kernel("k" + std::to_string(i)));
    list += "p" + std::to_string(i) + "\n";
  }
  test::write_text(tmp / "list.txt", list);
  std::multiset<std::string> seen;
  for (int k = 0; k < 3; ++k) {
    auto cwd = tmp / ("shard" + std::to_string(k));
    fs::create_directories(cwd);
    auto r = mine_cli(cwd, tmp / "list.txt", {"--shard", std::to_string(k) + "/3", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto summary = json_of(r);
    for (const auto& repo : summary["repos"]) {
      seen.insert(repo["url"].get<std::string>());
      EXPECT_EQ(stable_shard(repo["url"].get<std::string>(), 3), static_cast<unsigned>(k));
    }
    EXPECT_EQ(count_rows(cwd / "kq.db", "repos"), static_cast<long long>(summary["repos"].size()));
  }
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 8u);
}

TEST(MineCli, KilledHalfwayThenRerunGivesTheSameRows) {
  TempDir tmp;
  std::string list;
  for (int i = 0; i < 10; ++i) {
    auto fx = test::make_miner_fixture(tmp / "repos" / ("r" + std::to_string(i)), tmp / "outside" / std::to_string(i));
    list += "file://" + fx.dir.string() + (i % 2 ? "@feature" : "") + "\n";
  }
  test::write_text(tmp / "list.txt", list);
  auto whole = tmp / "whole", killed = tmp / "killed";
  fs::create_directories(whole);
  fs::create_directories(killed);
  auto ref = mine_cli(whole, tmp / "list.txt", {"--jobs", "1"});
  ASSERT_EQ(ref.exit_code, 0) << ref.err;

  test::ChildProcess child({KQ_BINARY, "mine", "--repos", (tmp / "list.txt").string(), "--db",
                            (killed / "kq.db").string(), "--jobs", "1", "--set",
                            "miner.max_file_bytes=" + std::to_string(test::kFixtureMaxFileBytes)},
                           killed, {{"XDG_CACHE_HOME", (killed / ".cache").string()}});
  long long done = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (child.running() && done < 3 && std::chrono::steady_clock::now() < deadline) {
    try {
      if (fs::exists(killed / "kq.db")) done = count_rows(killed / "kq.db", "snapshots", "complete=1");
    } catch (const std::exception&) {
      // the schema is still being created
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  int status = child.kill_and_wait(SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
  auto partial = count_rows(killed / "kq.db", "snapshots");
  EXPECT_LT(partial, 10) << "killed too late to test resumption";

  auto rerun = mine_cli(killed, tmp / "list.txt", {"--jobs", "2", "--json"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(json_of(rerun)["unchanged"], partial);
  EXPECT_EQ(dump(killed / "kq.db", killed), dump(whole / "kq.db", whole));
}

}  // namespace
}  // namespace kq::miner
