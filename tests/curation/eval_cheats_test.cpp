// `kquarry eval` as an attacker sees it: each sample of
// tests/curation/data/cheats.json tries to pass the saxpy task without
// solving it (ending the process early, bringing its own main, rewriting the
// harness with macros, constructors and static initialisers, exit handlers,
// interposing library functions, forging the record, caching inputs, ...).
// Every one must be scored incorrect with a reason that names what it tried,
// while the canonical solution is scored correct. On cpu-sim here; the same
// file drives the GPU check (scripts/device/eval_check.sh).
#include <gtest/gtest.h>

#include <fstream>

#include "core/fs.hpp"
#include "core/subprocess.hpp"
#include "curation/eval_build.hpp"
#include "curation/evaluator.hpp"
#include "curation/release_compile.hpp"
#include "curation/task_record.hpp"
#include "db/curation.hpp"
#include "tests/support/curation_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::curation {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A release of the saxpy task (CUDA dialect): the record without its
// reference, the reference in oracle/.
json write_release(const fs::path& dir) {
  db::Database db(dir / "kq.db");
  auto id = test::insert_fixture_kernel(db, test::saxpy_fixture());
  auto k = db::load_curation_kernel(db, id);
  auto tasks = build_tasks(*k, db::verifications_of(db, k->synthesis_id), "KernelQuarry/0001", RecordOptions{});
  json record = tasks.at(1).record;
  EXPECT_EQ(record["dialect"], "cuda");
  json oracle{{"task_id", record["task_id"]}, {"dialect", "cuda"}, {"reference_source", record["reference_source"]}};
  record.erase("reference_source");
  fs::create_directories(dir / "release" / "oracle");
  write_file_atomic(dir / "release" / "tasks.cuda.jsonl", record.dump() + "\n");
  write_file_atomic(dir / "release" / "oracle" / "references.cuda.jsonl", oracle.dump() + "\n");
  return record;
}

json cheats() {
  std::ifstream in(test::source_root() / "tests" / "curation" / "data" / "cheats.json");
  return json::parse(in);
}

TEST(EvalCheats, EveryCheatIsRefusedWithItsNameAndTheCanonicalSolutionPasses) {
  test::TempDir dir;
  json task = write_release(dir.path());
  // The released test does not carry the answer.
  EXPECT_EQ(task["test"].get<std::string>().find("a * x[i] + y[i]"), std::string::npos);

  std::string samples;
  auto sample = [&](const std::string& text) {
    return json{{"task_id", task["task_id"]}, {"dialect", "cuda"}, {"solution", text}}.dump() + "\n";
  };
  const std::string prompt = task["complete_prompt"];
  samples += sample(prompt + task["canonical_solution"].get<std::string>());
  // <iostream> gives the object a stream initialiser, which runs none of the
  // candidate's code: not a cheat.
  samples += sample("#include <iostream>\n" + prompt + task["canonical_solution"].get<std::string>());
  const json list = cheats();
  for (const auto& c : list) samples += sample(c.value("prefix", "") + prompt + c["completion"].get<std::string>());
  write_file_atomic(dir.path() / "samples.jsonl", samples);

  EvalOptions o;
  o.release_dir = dir.path() / "release";
  o.samples = dir.path() / "samples.jsonl";
  o.backend = "cpu-sim";
  o.jobs = 2;
  o.work_dir = dir.path() / "work";
  o.test.pch_dir = fs::temp_directory_path() / "kq-curation-test-pch";
  auto rep = evaluate(o);
  ASSERT_EQ(rep.samples.size(), list.size() + 2);
  EXPECT_EQ(rep.samples[0].verdict, "correct") << rep.samples[0].reason;
  EXPECT_EQ(rep.samples[1].verdict, "correct") << rep.samples[1].reason;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& r = rep.samples[i + 2];
    const std::string name = list[i]["name"], expect = list[i]["expect"];
    EXPECT_EQ(r.verdict, "incorrect") << name;
    EXPECT_NE(r.reason.find(expect), std::string::npos) << name << ": expected a reason with `" << expect
                                                          << "`, got: " << r.reason.substr(0, 600);
  }
  EXPECT_EQ(rep.exit_code, 2);
  EXPECT_EQ(rep.summary["samples"], list.size() + 2);
}

// The GPU path up to the link, where nvcc exists (no GPU needed): the harness
// and the candidate compile apart, the object check passes the canonical
// solution, and the link binds the entry point.
TEST(EvalBuild, CanonicalSolutionBuildsIsolatedWithNvcc) {
  if (find_program("nvcc").empty()) GTEST_SKIP() << "no nvcc here";
  test::TempDir dir;
  json task = write_release(dir.path());
  json oracle = json::parse(read_file(dir.path() / "release" / "oracle" / "references.cuda.jsonl"));
  IsolatedBuildInput in;
  in.test = {task["test"], oracle["reference_source"]};
  in.candidate = canonical_candidate(task);
  in.prompt = task["complete_prompt"];
  in.entry_point = task["entry_point"];
  in.dialect = Dialect::Cuda;
  in.backend = "cuda";
  auto built = build_isolated(in, dir.path() / "cuda", TestRunOptions{});
  EXPECT_TRUE(built.compiled) << built.stage << ": " << built.log;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "cuda" / "test"));
}

}  // namespace
}  // namespace kq::curation
