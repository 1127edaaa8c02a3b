// `kquarry run`: the whole pipeline in one go (pipeline/run_pipeline.hpp).
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/log.hpp"
#include "pipeline/run_pipeline.hpp"

namespace kq::cli {
namespace {

struct RunArgs {
  std::string repos, out, synthesizer, version;
  std::vector<std::string> backends;
  long long jobs = 0;
};

int run_all(Context& ctx, const RunArgs& args) {
  pipeline::PipelineOptions o;
  o.repos = args.repos;
  o.out_dir = args.out;
  if (!ctx.opts.db.empty()) o.db_path = ctx.opts.db;  // an explicit --db wins over DIR/kquarry.db
  o.cache_dir = ctx.cache_dir();
  o.backends = args.backends;
  o.synthesizer = args.synthesizer;
  o.jobs = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : ctx.jobs();
  o.version = args.version;
  std::filesystem::create_directories(o.out_dir);
  add_log_file(o.out_dir / "kquarry.log");
  auto sum = pipeline::run_pipeline(ctx.config, o);
  if (ctx.opts.json)
    std::cout << sum.to_json().dump(2) << "\n";
  else if (!ctx.opts.quiet)
    std::cout << sum.table() << (sum.release_dir.empty() ? "" : "release: " + sum.release_dir.string() + "\n");
  return sum.exit_code;
}

}  // namespace

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
  add_llm_run_flags(cmd, ctx);
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_all(c, args); }; });
}

}  // namespace kq::cli
