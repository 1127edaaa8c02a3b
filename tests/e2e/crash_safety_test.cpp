// Crash safety as a tested property: `kquarry run` on a tiny corpus is killed
// with SIGKILL (the whole process group, as a power cut would) at seeded
// points spread over every stage, inside database transactions and between
// the files of a release, and resumed each time. After every kill the
// database passes PRAGMA integrity_check and the release folder, when there
// is one, is complete; at the end the rows and the release equal those of an
// uninterrupted run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "curation/manifest.hpp"
#include "db/database.hpp"
#include "tests/support/git_fixture.hpp"
#include "tests/support/miner_process.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kRun = {"run",       "--repos", "repos.txt", "--out",   "out",  "--backends",
                                       "cpu-sim",   "--jobs",  "1",         "--version", "0.0.1", "--json"};
constexpr const char* kRelease = "out/release-0.0.1";

// The corpus, shared by every run so that their records name the same source.
void write_corpus(const fs::path& root) {
  test::write_text(root / "tiny" / "LICENSE", test::fixture_mit_license());
  test::write_text(root / "tiny" / "src" / "ops.cu",
                   "/// y[i] = a * x[i] + y[i] for i < n.\n"
                   "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
                   "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                   "  if (i < n) y[i] = a * x[i] + y[i];\n"
                   "}\n");
}

// Every run shares one cache (compiled objects), so only the first pays for
// compiling and the killed runs spend their time in the stages' own work.
std::map<std::string, std::string> run_env(const fs::path& root) {
  return {{"XDG_CACHE_HOME", (root / "cache").string()}, {"KQ_CURATION_MUTATION_CHECK", "false"}};
}

RunResult run_to_end(const fs::path& root, const fs::path& dir) {
  fs::create_directories(dir);
  test::write_text(dir / "repos.txt", (root / "tiny").string() + "\n");
  std::vector<std::string> argv{KQ_BINARY};
  argv.insert(argv.end(), kRun.begin(), kRun.end());
  RunOptions o;
  o.cwd = dir;
  o.timeout = std::chrono::seconds(600);
  o.env_set = run_env(root);
  return run_process(argv, o);
}

// Measurements (timings) differ between any two runs; everything else of a task must not.
json without_measurements(json j) {
  if (j.is_object()) {
    json out = json::object();
    for (auto& [k, v] : j.items())
      if (!k.ends_with("_us") && !k.ends_with("_ms") && k != "seconds") out[k] = without_measurements(v);
    return out;
  }
  if (j.is_array())
    for (auto& v : j) v = without_measurements(v);
  return j;
}

std::vector<json> tasks_of(const fs::path& release, const std::string& dialect) {
  std::vector<json> out;
  std::ifstream in(release / ("tasks." + dialect + ".jsonl"));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(without_measurements(json::parse(line)));
  return out;
}

// Rows per table: a resumed run must end with exactly the rows of an uninterrupted one.
std::map<std::string, long long> row_counts(const fs::path& db_path) {
  db::Database db(db_path);
  std::map<std::string, long long> out;
  for (const char* t : {"repos", "snapshots", "files", "kernels", "deps", "units", "analysis", "syntheses",
                        "verifications", "curated_tasks", "task_ids", "releases", "release_tasks"}) {
    auto st = db.prepare(std::string("SELECT COUNT(*) FROM ") + t);
    st.step();
    out[t] = st.int64(0);
  }
  return out;
}

// What must hold after any kill: an intact database without duplicate rows,
// and no partly written folder under the release's name.
void expect_consistent(const fs::path& dir, const std::string& when) {
  if (fs::exists(dir / "out/kquarry.db")) {
    db::Database db(dir / "out/kquarry.db");
    auto check = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step()) << when;
    EXPECT_EQ(check.text(0), "ok") << when;
    for (const char* dup : {"SELECT COUNT(*) FROM (SELECT 1 FROM deps GROUP BY kernel_id, kind, name HAVING COUNT(*) > 1)",
                            "SELECT COUNT(*) FROM (SELECT 1 FROM syntheses GROUP BY kernel_id, synthesizer, attempt "
                            "HAVING COUNT(*) > 1)",
                            "SELECT COUNT(*) FROM (SELECT 1 FROM stage_events WHERE kernel_id IS NOT NULL AND "
                            "status = 'ok' GROUP BY kernel_id, stage HAVING COUNT(*) > 1)"}) {
      auto st = db.prepare(dup);
      st.step();
      EXPECT_EQ(st.int64(0), 0) << when << ": duplicates from " << dup;
    }
  }
  if (fs::exists(dir / kRelease)) {
    EXPECT_EQ(curation::release_incomplete_reason(dir / kRelease), "") << when << ": a partial release was published";
  }
}

// One kill: either at a named crash point (KQ_TEST_KILL_AT), or a delay after a stage's start line.
struct Kill {
  std::string crash_point;  // "db-commit:7"
  std::string stage;        // with `delay`
  std::chrono::milliseconds delay{0};
  std::string describe() const {
    return crash_point.empty() ? "SIGKILL " + std::to_string(delay.count()) + " ms into " + stage
                               : "SIGKILL at " + crash_point;
  }
};

bool file_has(const fs::path& p, std::size_t from, const std::string& text) {
  std::string all = test::read_text(p);
  return all.size() > from && all.find(text, from) != std::string::npos;
}

// Runs kquarry until the kill happens or the run ends by itself; true when
// the run was cut off.
bool run_and_kill(const fs::path& root, const fs::path& dir, const Kill& kill) {
  std::vector<std::string> argv{KQ_BINARY};
  argv.insert(argv.end(), kRun.begin(), kRun.end());
  auto env = run_env(root);
  if (!kill.crash_point.empty()) env["KQ_TEST_KILL_AT"] = kill.crash_point;
  fs::path output = dir / "run-output.txt";
  std::error_code ec;
  std::size_t from = fs::exists(output, ec) ? fs::file_size(output, ec) : 0;
  test::ChildProcess child(argv, dir, env, output);
  auto deadline = Clock::now() + std::chrono::minutes(5);
  std::optional<Clock::time_point> fire;
  while (child.running() && Clock::now() < deadline) {
    if (!kill.stage.empty() && !fire && file_has(output, from, "] " + kill.stage + "\n"))
      fire = Clock::now() + kill.delay;
    if (fire && Clock::now() >= *fire) {
      child.kill_and_wait(SIGKILL);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int status = child.kill_and_wait(SIGKILL);  // no-op when it finished
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// Seeded kill points, in two series each run on a fresh folder. By stage: a
// delay into each stage, bounded by that stage's time in the uninterrupted
// run. By write: inside one of the first transactions of each resumed run,
// then between the files of the release and just before it is published.
std::vector<Kill> stage_kills(const json& reference_summary, std::mt19937& rng) {
  std::vector<Kill> kills;
  for (const auto& s : reference_summary["stages"]) {
    auto ms = static_cast<int>(s["seconds"].get<double>() * 1000);
    std::uniform_int_distribution<int> into(0, std::max(20, ms));
    kills.push_back({"", s["stage"].get<std::string>(), std::chrono::milliseconds(into(rng))});
  }
  return kills;
}

std::vector<Kill> write_kills(std::mt19937& rng) {
  std::vector<Kill> kills;
  std::uniform_int_distribution<int> commit(1, 5);
  for (int i = 0; i < 6; ++i) kills.push_back({"db-commit:" + std::to_string(commit(rng)), "", {}});
  std::uniform_int_distribution<int> file(1, 4);
  kills.push_back({"release-file:" + std::to_string(file(rng)), "", {}});
  kills.push_back({"release-publish:1", "", {}});
  return kills;
}

class CrashSafety : public testing::Test {
 protected:
  void SetUp() override {
    if (const char* s = std::getenv("KQ_CRASH_SEED")) seed_ = static_cast<unsigned>(std::stoul(s));
    rng_.seed(seed_);
    write_corpus(root_.path());
    auto cold = run_to_end(root_.path(), root_ / "cold");  // fills the shared cache
    ASSERT_EQ(cold.exit_code, 0) << cold.out << cold.err;
    auto ref = run_to_end(root_.path(), reference_);
    ASSERT_EQ(ref.exit_code, 0) << ref.out << ref.err;
    summary_ = json::parse(ref.out);
    ASSERT_EQ(summary_["tasks"], 1) << ref.out;
    EXPECT_EQ(tasks_of(root_ / "cold" / kRelease, "cuda"), tasks_of(reference_ / kRelease, "cuda"));
  }

  // Kills and resumes a run in `dir`, then lets it finish: every check holds
  // after each kill, and the end equals the uninterrupted reference.
  void crash_and_resume(const fs::path& dir, const std::vector<Kill>& kills) {
    fs::create_directories(dir);
    test::write_text(dir / "repos.txt", (root_ / "tiny").string() + "\n");
    std::size_t cut_off = 0;
    for (const auto& kill : kills) {
      bool cut = run_and_kill(root_.path(), dir, kill);
      cut_off += cut;
      std::printf("%s: %s\n", kill.describe().c_str(), cut ? "cut off" : "finished first");
      expect_consistent(dir, kill.describe() + " (seed " + std::to_string(seed_) + ")");
      if (HasFatalFailure()) return;
    }
    // Most kills must land inside a run, or the test would prove little.
    EXPECT_GE(cut_off * 3, kills.size() * 2) << cut_off << " of " << kills.size() << " kills cut a run off";
    auto last = run_to_end(root_.path(), dir);
    ASSERT_EQ(last.exit_code, 0) << last.out << last.err;
    expect_consistent(dir, "after the final resume");
    EXPECT_EQ(row_counts(dir / "out/kquarry.db"), row_counts(reference_ / "out/kquarry.db"));
    for (const char* dialect : {"cuda", "hip"})
      EXPECT_EQ(tasks_of(dir / kRelease, dialect), tasks_of(reference_ / kRelease, dialect)) << dialect;
  }

  test::TempDir root_;
  fs::path reference_ = root_ / "reference";
  unsigned seed_ = 20261204;
  std::mt19937 rng_;
  json summary_;
};

TEST_F(CrashSafety, KilledInEveryStageAndDuringWritesThenResumedEqualsAnUninterruptedRun) {
  crash_and_resume(root_ / "by-stage", stage_kills(summary_, rng_));
  crash_and_resume(root_ / "by-write", write_kills(rng_));

  // A published release is replaced only whole: killed just before the swap
  // and while the next one is written, the previous release stays complete.
  for (const char* point : {"release-publish:1", "release-file:2"}) {
    run_and_kill(root_.path(), root_ / "by-write", {point, "", {}});
    expect_consistent(root_ / "by-write", std::string("over a finished release, SIGKILL at ") + point);
    EXPECT_EQ(tasks_of(root_ / "by-write" / kRelease, "cuda"), tasks_of(reference_ / kRelease, "cuda")) << point;
  }
}

}  // namespace
}  // namespace kq
