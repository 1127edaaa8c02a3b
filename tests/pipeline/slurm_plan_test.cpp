// The pieces of the Slurm executor that need no cluster: the stage plan and
// executor tables, shard parsing, typed slurm.* options and job scripts.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "pipeline/executors.hpp"
#include "pipeline/run_layout.hpp"
#include "pipeline/slurm_jobs.hpp"
#include "pipeline/slurm_options.hpp"
#include "tests/support/test_support.hpp"

namespace kq::pipeline {
namespace {

namespace fs = std::filesystem;

TEST(StagePlan, ShardedStagesComeBeforeTheFinalOnes) {
  std::vector<std::string> names;
  for (const auto& s : stage_plan()) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"mine", "extract", "synth", "verify", "curate", "export"}));
  EXPECT_EQ(find_stage("extract").place, StagePlace::Cpu);
  EXPECT_EQ(find_stage("verify").place, StagePlace::Gpu);
  EXPECT_EQ(find_stage("export").place, StagePlace::Final);
  EXPECT_THROW(find_stage("mining"), UsageError);
}

TEST(Executors, OneTableNamesLocalAndSlurm) {
  EXPECT_EQ(find_executor("local").name, "local");
  EXPECT_EQ(find_executor("slurm").name, "slurm");
  try {
    find_executor("k8s");
    FAIL() << "k8s is no executor";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("local, slurm"), std::string::npos) << e.what();
  }
}

TEST(Shards, ParseAndLayout) {
  auto s = parse_shard("2/4");
  EXPECT_EQ(s.index, 2u);
  EXPECT_EQ(s.count, 4u);
  EXPECT_EQ(s.label(), "2/4");
  EXPECT_THROW(parse_shard("4/4"), UsageError);
  EXPECT_THROW(parse_shard("x"), UsageError);
  RunLayout layout{"/shared/run"};
  EXPECT_EQ(layout.shard_db(s), "/shared/run/shards/shard-2-of-4.db");
  EXPECT_EQ(layout.done_mark("synth", s), "/shared/run/shards/done/synth-2-of-4");
}

TEST(SlurmOptions, TypedFromConfiguration) {
  Config c;
  c.set("slurm.shards", "8", ConfigOrigin::CommandLine, "--set");
  c.set("slurm.gpu_partition", "a100", ConfigOrigin::CommandLine, "--set");
  c.set("slurm.cpu_partition", "cpu", ConfigOrigin::CommandLine, "--set");
  c.set("slurm.modules", "cuda/12.4, gcc/12", ConfigOrigin::CommandLine, "--set");
  auto o = SlurmOptions::from_config(c);
  EXPECT_EQ(o.shards, 8u);
  EXPECT_EQ(o.placement(StagePlace::Gpu).partition, "a100");
  EXPECT_EQ(o.placement(StagePlace::Gpu).gres, "gpu:1");
  EXPECT_EQ(o.placement(StagePlace::Cpu).gres, "");
  EXPECT_EQ(o.placement(StagePlace::Final).partition, "cpu");  // final_partition empty: the CPU one
  EXPECT_EQ(o.modules, (std::vector<std::string>{"cuda/12.4", "gcc/12"}));
  c.set("slurm.shards", "0", ConfigOrigin::CommandLine, "--set");
  EXPECT_THROW(SlurmOptions::from_config(c), UsageError);
}

TEST(JobScript, ArrayGresModulesAndQuoting) {
  JobSpec spec;
  spec.name = "kq-verify";
  spec.array = {0, 2, 3};
  spec.max_parallel = 2;
  spec.placement = {"gpu", "2:00:00", "gpu:1"};
  spec.account = "lab";
  spec.cpus = 8;
  spec.modules = {"cuda/12.4"};
  spec.log_pattern = "/shared/run/slurm/logs/verify-%A_%a.out";
  spec.command = {"/opt/kq/bin/kquarry", "--set", "llm.model=it's", "run", "--shard", std::string(kArrayTask) + "/4"};
  auto s = render_job_script(spec);
  EXPECT_TRUE(s.starts_with("#!/bin/bash\n")) << s;
  for (const char* line : {"#SBATCH --array=0,2,3%2\n", "#SBATCH --partition=gpu\n", "#SBATCH --account=lab\n",
                           "#SBATCH --time=2:00:00\n", "#SBATCH --gres=gpu:1\n", "#SBATCH --cpus-per-task=8\n",
                           "#SBATCH --output=/shared/run/slurm/logs/verify-%A_%a.out\n", "module load 'cuda/12.4'\n"})
    EXPECT_NE(s.find(line), std::string::npos) << line << " missing from\n" << s;
  EXPECT_NE(s.find("'llm.model=it'\\''s'"), std::string::npos) << s;
  EXPECT_NE(s.find("'--shard' ''\"$SLURM_ARRAY_TASK_ID\"'/4'"), std::string::npos) << s;

  spec.array.clear();
  spec.placement.partition.clear();
  auto single = render_job_script(spec);
  EXPECT_EQ(single.find("--array"), std::string::npos) << single;
  EXPECT_EQ(single.find("--partition"), std::string::npos) << single;
}


TEST(ShardStage, RefusesAStageWhoseEarlierStageHasNotFinishedOnTheShard) {
  test::TempDir dir;
  test::write_text(dir / "repos.txt", "nothing\n");
  auto r = test::run_kquarry({"run", "--repos", "repos.txt", "--out", "out", "--stage", "verify", "--shard", "1/2"},
                             dir.path(), 60);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("mine has not finished on this shard"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out/shards/done/verify-1-of-2"));
  auto final_stage = test::run_kquarry(
      {"run", "--repos", "repos.txt", "--out", "out", "--stage", "export", "--shard", "0/2"}, dir.path(), 60);
  EXPECT_EQ(final_stage.exit_code, 2) << final_stage.err;
}

}  // namespace
}  // namespace kq::pipeline
