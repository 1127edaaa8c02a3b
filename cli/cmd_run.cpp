// `kquarry run`: the whole pipeline in one go (pipeline/run_pipeline.hpp), on
// one of the executors (pipeline/executors.hpp); with --stage and --shard, one
// stage of one shard, as a cluster's array task runs it.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "pipeline/executors.hpp"

namespace kq::cli {

int print_run_summary(const Context& ctx, const pipeline::PipelineSummary& sum);  // also for slurm collect

namespace {

struct RunArgs {
  std::string repos, out, synthesizer, version, executor = "local", stage, shard;
  std::vector<std::string> backends;
  long long jobs = 0;
};

pipeline::PipelineOptions pipeline_options(Context& ctx, const RunArgs& args) {
  pipeline::PipelineOptions o;
  o.repos = args.repos;
  o.out_dir = args.out;
  if (!ctx.opts.db.empty()) o.db_path = ctx.opts.db;  // an explicit --db wins over DIR/kquarry.db
  o.cache_dir = ctx.cache_dir();
  o.backends = args.backends;
  o.synthesizer = args.synthesizer;
  o.jobs = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : ctx.jobs();
  o.version = args.version;
  o.executor = args.executor;
  o.child_args = child_args(ctx);
  return o;
}

pipeline::PipelineSummary run_selected(Context& ctx, const RunArgs& args, const pipeline::PipelineOptions& o) {
  if (args.stage.empty() != args.shard.empty()) throw UsageError("--stage and --shard go together");
  if (args.stage.empty()) return pipeline::find_executor(args.executor).run(ctx.config, o);
  if (args.executor != "local") throw UsageError("--stage runs one shard here; it takes no --executor");
  return pipeline::run_shard_stage(ctx.config, o, args.stage, pipeline::parse_shard(args.shard));
}

int run_all(Context& ctx, const RunArgs& args) {
  auto o = pipeline_options(ctx, args);
  std::filesystem::create_directories(o.out_dir);
  add_log_file(o.out_dir / "kquarry.log");
  return print_run_summary(ctx, run_selected(ctx, args, o));
}

}  // namespace

int print_run_summary(const Context& ctx, const pipeline::PipelineSummary& sum) {
  if (ctx.opts.json)
    std::cout << sum.to_json().dump(2) << "\n";
  else if (!ctx.opts.quiet)
    std::cout << sum.table() << (sum.release_dir.empty() ? "" : "release: " + sum.release_dir.string() + "\n");
  return sum.exit_code;
}

void add_llm_run_flags(CLI::App* cmd, Context& ctx);  // cli/cmd_llm.cpp

void add_run_command(CLI::App& app, Context& ctx) {
  static RunArgs args;
  auto* cmd = app.add_subcommand("run", "Mine, extract, synthesize, verify, curate and export in one go");
  cmd->add_option("--repos", args.repos, "repo list (one URL, git repository or folder per line)")->required()->transform(absolute_path_option());
  cmd->add_option("--out", args.out, "output folder: release-V/, kquarry.db, kquarry.log")->required()->transform(absolute_path_option());
  cmd->add_option("--backends", args.backends, "backends to verify on (default: verifier.backends)")
      ->delimiter(',');
  cmd->add_option("--synthesizer", args.synthesizer, "builtin, openai or auto (default: synth.synthesizer)");
  cmd->add_option("--jobs", args.jobs, "parallel workers (default: jobs)");
  cmd->add_option("--version", args.version, "release version (default: export.version)");
  cmd->add_option("--executor", args.executor, "local (default) or slurm: job arrays per stage, slurm.* keys");
  cmd->add_option("--stage", args.stage, "run only this sharded stage (mine, extract, synth, verify) ...");
  cmd->add_option("--shard", args.shard, "... on shard K/N, in DIR/shards/shard-K-of-N.db");
  add_llm_run_flags(cmd, ctx);
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_all(c, args); }; });
}

}  // namespace kq::cli
