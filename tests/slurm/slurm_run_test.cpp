// `kquarry run --executor slurm` on a one-node cluster started by the test:
// the release equals the local run's, a failed array task is submitted again,
// and a run whose shard job was cancelled midway resumes without losing or
// duplicating anything. Skipped, with the reason, where Slurm is missing.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "db/stats.hpp"
#include "tests/slurm/one_node_cluster.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* const kMit =
    "MIT License\n\nCopyright (c) 2026 Fixture\n\nPermission is hereby granted, free of charge, to any person "
    "obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the "
    "Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, "
    "distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is "
    "furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission "
    "notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "
    "\"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.\n";

std::string kernel(const std::string& name, const std::string& body) {
  return "/// " + name + ": elementwise over i < n.\n__global__ void " + name +
         "(int n, const float* x, float* y) {\n  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) " +
         body + ";\n}\n\n";
}

// Three repositories, four kernels, one a near duplicate of another in a
// different repository, so which one survives depends on a stable order.
void write_corpus(const fs::path& root) {
  auto repo = [&](const std::string& name, const std::string& source) {
    test::write_text(root / name / "LICENSE", kMit);
    test::write_text(root / name / "src" / "ops.cu", "#include <cuda_runtime.h>\n\n" + source);
  };
  repo("alpha", kernel("alpha_axpy", "y[i] = 2.0f * x[i] + y[i]") + kernel("alpha_square", "y[i] = x[i] * x[i]"));
  repo("beta", kernel("beta_axpy", "y[i] = 2.0f * x[i] + y[i] + 1.0f"));
  repo("gamma", kernel("gamma_shift", "y[i] = x[i] - 3.0f"));
  test::write_text(root / "repos.txt", "alpha\nbeta\ngamma\n");
}

const std::vector<std::string> kCommon = {"--set", "curation.mutation_check=false", "--set", "slurm.poll_s=1",
                                          "--set", "slurm.cpus_per_task=1"};

std::vector<std::string> with_common(std::vector<std::string> args) {
  args.insert(args.begin(), kCommon.begin(), kCommon.end());
  return args;
}

std::vector<std::string> run_args(const std::string& out, const std::string& executor) {
  return {"run", "--repos", "repos.txt", "--out", out, "--backends", "cpu-sim", "--version", "0.0.1",
          "--executor", executor, "--jobs", "1", "--json"};
}

json table_rows(const fs::path& db_path) {
  db::Database db(db_path, /*create=*/false);
  return db::collect_stats(db)["tables"];
}

class SlurmRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    skip_reason_ = test::OneNodeCluster::missing_reason();
    if (!skip_reason_.empty()) return;
    dir_ = std::make_unique<test::TempDir>();
    write_corpus(dir_->path());
    cluster_ = std::make_unique<test::OneNodeCluster>(dir_->path() / "cluster");
    // The reference: the same corpus and settings, run locally in one process.
    auto local = test::run_kquarry(with_common(run_args("local", "local")), dir_->path(), 900);
    ASSERT_EQ(local.exit_code, 0) << local.out << local.err;
  }
  static void TearDownTestSuite() {
    cluster_.reset();
    dir_.reset();
  }
  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
  }

  static fs::path dir() { return dir_->path(); }

  static void expect_same_release(const std::string& out) {
    for (const char* f : {"tasks.cuda.jsonl", "tasks.hip.jsonl", "README.md"}) {
      auto local = test::read_text(dir() / "local/release-0.0.1" / f);
      EXPECT_FALSE(local.empty()) << f;
      EXPECT_EQ(test::read_text(dir() / out / "release-0.0.1" / f), local) << f << " differs from the local run's";
    }
  }

  static json state(const std::string& out) { return json::parse(test::read_text(dir() / out / "slurm/state.json")); }

  static std::string skip_reason_;
  static std::unique_ptr<test::TempDir> dir_;
  static std::unique_ptr<test::OneNodeCluster> cluster_;
};

std::string SlurmRun::skip_reason_;
std::unique_ptr<test::TempDir> SlurmRun::dir_;
std::unique_ptr<test::OneNodeCluster> SlurmRun::cluster_;

TEST_F(SlurmRun, ReleaseEqualsTheLocalRunAndAFailedTaskIsSubmittedAgain) {
  // The nodes run this wrapper: synth on shard 1/3 fails the first time.
  fs::path flaky = dir() / "flaky-kquarry";
  test::write_text(flaky, "#!/bin/bash\ncase \" $* \" in *\" --stage synth --shard 1/3 \"*)\n"
                          "  if [ ! -e '" + (dir() / "failed-once").string() + "' ]; then touch '" +
                              (dir() / "failed-once").string() + "'; exit 3; fi;;\nesac\nexec '" KQ_BINARY "' \"$@\"\n");
  fs::permissions(flaky, fs::perms::owner_all);
  auto args = with_common(run_args("sharded", "slurm"));
  args.insert(args.begin(), {"--set", "slurm.shards=3", "--set", "slurm.kquarry=" + flaky.string()});
  auto r = test::run_kquarry(args, dir(), 900);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::exists(dir() / "failed-once"));
  expect_same_release("sharded");
  auto summary = json::parse(r.out);
  EXPECT_EQ(summary["tasks"], 3) << r.out;  // four kernels, one near duplicate

  // Round 2 ran only the failed synth task, what depended on it, and the final job.
  auto rounds = state("sharded")["rounds"];
  ASSERT_EQ(rounds.size(), 2u) << rounds.dump();
  std::map<std::string, json> second;
  for (const auto& j : rounds[1]["jobs"]) second[j["stage"].get<std::string>()] = j["shards"];
  EXPECT_EQ(second.count("mine") + second.count("extract"), 0u) << rounds.dump();
  EXPECT_EQ(second["synth"], json::array({1})) << rounds.dump();
  EXPECT_EQ(second["verify"], json::array({0, 1, 2})) << rounds.dump();
  EXPECT_TRUE(second.count("collect"));
  for (unsigned k = 0; k < 3; ++k)
    EXPECT_TRUE(fs::exists(dir() / "sharded/shards" / ("shard-" + std::to_string(k) + "-of-3.db")));
}

bool any_running(const std::string& job) {
  auto q = run_process({"squeue", "-h", "-r", "-t", "RUNNING", "-j", job}, {.timeout = std::chrono::seconds(10)});
  return q.ok() && !q.out.empty();
}

bool any_queued(const std::vector<std::string>& jobs) {
  std::string list;
  for (const auto& j : jobs) list += (list.empty() ? "" : ",") + j;
  auto q = run_process({"squeue", "-h", "-j", list}, {.timeout = std::chrono::seconds(10)});
  return q.ok() && !q.out.empty();
}

TEST_F(SlurmRun, AShardJobCancelledMidwayResumesWithoutLossOrDuplicates) {
  auto submit = test::run_kquarry(with_common({"--set", "slurm.shards=2", "--json", "slurm", "submit", "--repos",
                                               "repos.txt", "--out", "resumed", "--backends", "cpu-sim",
                                               "--version", "0.0.1"}),
                                  dir(), 120);
  ASSERT_EQ(submit.exit_code, 0) << submit.out << submit.err;
  std::map<std::string, std::string> job;
  std::vector<std::string> ids;
  auto submitted = json::parse(submit.out);
  for (const auto& j : submitted["jobs"]) {
    job[j["stage"].get<std::string>()] = j["job"].get<std::string>();
    ids.push_back(j["job"].get<std::string>());
  }
  ASSERT_TRUE(job.count("verify")) << submit.out;

  // Cancel verification once one of its array tasks has been running a moment.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (!any_running(job["verify"]) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(any_running(job["verify"])) << "verification never started";
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_TRUE(run_process({"scancel", job["verify"]}).ok());
  while (any_queued(ids) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

  auto status = test::run_kquarry({"--json", "slurm", "status", "--out", "resumed"}, dir(), 60);
  EXPECT_EQ(status.exit_code, 1) << status.out << status.err;  // not finished
  auto st = json::parse(status.out);
  EXPECT_FALSE(st["finished"].get<bool>());
  for (const auto& s : st["stages"]) {
    if (s["stage"] == "verify") {
      EXPECT_LT(s["done"].get<int>(), 2) << status.out;
    }
  }

  // Resume: the same run, waited for; only what was left is submitted.
  auto resumed = test::run_kquarry(with_common([] {
                                     auto a = run_args("resumed", "slurm");
                                     a.insert(a.begin(), {"--set", "slurm.shards=2"});
                                     return a;
                                   }()),
                                   dir(), 900);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  expect_same_release("resumed");
  auto rounds = state("resumed")["rounds"];
  ASSERT_EQ(rounds.size(), 2u);
  for (const auto& j : rounds[1]["jobs"]) EXPECT_NE(j["stage"], "mine") << rounds.dump();

  // Nothing lost or written twice: the joined database has the local run's rows.
  auto local = table_rows(dir() / "local/kquarry.db");
  auto joined = table_rows(dir() / "resumed/kquarry.db");
  for (const char* table : {"repos", "files", "kernels", "units", "syntheses", "verifications", "curated_tasks"})
    EXPECT_EQ(joined[table], local[table]) << table;
}

}  // namespace
}  // namespace kq
