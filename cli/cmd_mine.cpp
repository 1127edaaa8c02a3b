// `kquarry mine --repos FILE`: clone or update every listed repository, pin
// its commit, record its license and candidate files.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "miner/miner.hpp"

namespace kq::cli {
namespace {

struct MineArgs {
  std::string repos;
  int jobs = 0;
  std::string shard;
};

void print_summary(const miner::MineReport& r) {
  for (const auto& repo : r.repos)
    if (repo.kind == miner::RepoOutcomeKind::Failed) std::cerr << "failed: " << repo.error << "\n";
  std::cout << "mined " << r.mined << ", unchanged " << r.unchanged << ", failed " << r.failed << " repositories; "
            << r.files << " candidate files (" << r.scanned << " source files read) in " << r.seconds << " s\n";
}

int run_mine(Context& ctx, const MineArgs& args) {
  auto entries = miner::parse_repo_list(args.repos);
  auto options = miner::MineOptions::from_config(ctx.config);
  options.cache_dir = ctx.cache_dir();
  options.jobs = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : ctx.jobs();
  if (!args.shard.empty()) options.shard = miner::parse_shard(args.shard);
  options.show_progress = !ctx.opts.quiet && !ctx.opts.json;
  auto report = miner::mine_repos(ctx.db_path(), entries, options);
  if (ctx.opts.json)
    std::cout << report.to_json().dump(2) << "\n";
  else
    print_summary(report);
  return report.exit_code();
}

}  // namespace

void add_mine_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<MineArgs>();
  auto* cmd = app.add_subcommand("mine", "Clone or update repositories, pin commits, find candidate kernel files");
  cmd->add_option("--repos", args->repos, "repository list: one URL, local repository or folder a line (optional @REF), "
                                          "or JSON lines {\"url\",\"ref\",\"name\"}")
      ->required()->transform(absolute_path_option());
  cmd->add_option("--jobs", args->jobs, "repositories mined in parallel (default: config `jobs`)");
  cmd->add_option("--shard", args->shard, "K/N: mine only the entries whose URL hashes to shard K of N");
  cmd->callback([&ctx, args] { ctx.run = [args](Context& c) { return run_mine(c, *args); }; });
}

}  // namespace kq::cli
