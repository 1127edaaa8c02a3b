// `kquarry run` end to end on a tiny corpus made at test time, on cpu-sim:
// the release is written, its tasks pass with their canonical solutions, a
// rerun resumes without redoing work, and eval scores a sample.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/tiny_corpus.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(EndToEnd, RunOnATinyCorpusOnCpuSim) {
  test::TempDir dir;
  test::write_corpus(dir.path());
  auto r = test::run_kquarry({"run", "--repos", "repos.txt", "--out", "out", "--backends", "cpu-sim", "--jobs", "2",
                              "--version", "0.0.1", "--json"},
                             dir.path(), 600);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto summary = json::parse(r.out);
  EXPECT_EQ(summary["tasks"], 2) << r.out;
  EXPECT_EQ(summary["funnel"][0]["step"], "discovered");
  EXPECT_EQ(summary["funnel"][0]["count"], 2);
  EXPECT_EQ(summary["funnel"].back()["step"], "exported");
  EXPECT_EQ(summary["funnel"].back()["count"], 2);
  fs::path rel = dir / "out/release-0.0.1";
  EXPECT_TRUE(fs::exists(dir / "out/kquarry.db"));
  EXPECT_TRUE(fs::exists(dir / "out/kquarry.log"));
  auto cuda = test::read_jsonl(rel / "tasks.cuda.jsonl");
  ASSERT_EQ(cuda.size(), 2u);
  EXPECT_EQ(cuda[0]["task_id"], "KernelQuarry/0001");
  EXPECT_EQ(test::read_jsonl(rel / "tasks.hip.jsonl").size(), 2u);

  // Rerun: everything is recorded already, the ids stay.
  auto again = test::run_kquarry({"run", "--repos", "repos.txt", "--out", "out", "--backends", "cpu-sim",
                                  "--version", "0.0.1", "--json"},
                                 dir.path(), 600);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(test::read_jsonl(rel / "tasks.cuda.jsonl"), cuda);

  // Eval: the canonical solution as a completion is correct.
  json sample{{"task_id", cuda[1]["task_id"]}, {"dialect", "cuda"}, {"completion", cuda[1]["canonical_solution"]}};
  test::write_text(dir / "samples.jsonl", sample.dump() + "\n");
  auto ev = test::run_kquarry({"eval", "--release", rel.string(), "--samples", "samples.jsonl", "--backend",
                               "cpu-sim"},
                              dir.path(), 600);
  EXPECT_EQ(ev.exit_code, 0) << ev.out << ev.err;
  EXPECT_TRUE(fs::exists(dir / "samples.jsonl.results.json"));
}

}  // namespace
}  // namespace kq
