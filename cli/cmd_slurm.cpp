// `kquarry slurm submit|status|cancel|collect`: a run as Slurm jobs
// (pipeline/slurm_executor.hpp), without waiting for it.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "core/log.hpp"
#include "pipeline/slurm_executor.hpp"

namespace kq::cli {

int print_run_summary(const Context& ctx, const pipeline::PipelineSummary& sum);  // cli/cmd_run.cpp

namespace {

struct SlurmArgs {
  std::string repos, out, synthesizer, version;
  std::vector<std::string> backends;
  long long jobs = 0;
};

int slurm_submit(Context& ctx, const SlurmArgs& args) {
  pipeline::PipelineOptions o;
  o.repos = args.repos;
  o.out_dir = args.out;
  o.backends = args.backends;
  o.synthesizer = args.synthesizer;
  o.version = args.version;
  o.child_args = child_args(ctx);
  auto jobs = pipeline::submit_slurm_run(ctx.config, o);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& j : jobs) list.push_back({{"stage", j.stage}, {"job", j.id}, {"shards", j.shards}});
  if (ctx.opts.json) {
    std::cout << nlohmann::json{{"out", args.out}, {"jobs", list}}.dump(2) << "\n";
    return 0;
  }
  for (const auto& j : jobs)
    std::cout << j.stage << ": job " << j.id
              << (j.shards.empty() ? "" : " (" + std::to_string(j.shards.size()) + " array tasks)") << "\n";
  std::cout << "follow with: kquarry slurm status --out " << args.out << "\n";
  return 0;
}

int slurm_status(Context& ctx, const SlurmArgs& args) {
  auto st = pipeline::slurm_status(args.out);
  std::cout << (ctx.opts.json ? st.json.dump(2) + "\n" : st.table);
  return st.finished ? 0 : 1;
}

int slurm_cancel(Context& ctx, const SlurmArgs& args) {
  auto n = pipeline::cancel_slurm_run(args.out);
  if (!ctx.opts.quiet) std::cout << "cancelled " << n << " jobs; resume with `kquarry slurm submit`\n";
  return 0;
}

int slurm_collect(Context& ctx, const SlurmArgs& args) {
  add_log_file(std::filesystem::path(args.out) / "kquarry.log");
  auto jobs = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : ctx.jobs();
  return print_run_summary(ctx, pipeline::collect_slurm_run(ctx.config, args.out, jobs, ctx.opts.db));
}

}  // namespace

void add_slurm_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SlurmArgs>();
  auto* cmd = app.add_subcommand("slurm", "Run the pipeline as Slurm job arrays: submit, status, cancel, collect");
  cmd->require_subcommand(1);
  auto* submit = cmd->add_subcommand("submit", "Submit a run, or what is left of it (failed or cancelled tasks)");
  submit->add_option("--repos", args->repos, "repo list (one URL, git repository or folder per line)")->required();
  submit->add_option("--backends", args->backends, "backends to verify on (default: verifier.backends)")
      ->delimiter(',');
  submit->add_option("--synthesizer", args->synthesizer, "builtin, openai or auto (default: synth.synthesizer)");
  submit->add_option("--version", args->version, "release version (default: export.version)");
  auto* status = cmd->add_subcommand("status", "Per-stage progress from squeue/sacct and the shard databases");
  auto* cancel = cmd->add_subcommand("cancel", "Cancel the run's queued and running jobs");
  auto* collect = cmd->add_subcommand("collect", "Join the shard databases, curate and export (the final job)");
  collect->add_option("--jobs", args->jobs, "parallel workers (default: jobs)");
  using Fn = int (*)(Context&, const SlurmArgs&);
  for (auto [sub, fn] : {std::pair<CLI::App*, Fn>{submit, slurm_submit}, {status, slurm_status},
                         {cancel, slurm_cancel}, {collect, slurm_collect}}) {
    sub->add_option("--out", args->out, "the run's folder, on storage every node sees")->required();
    sub->callback([&ctx, args, fn = fn] { ctx.run = [args, fn](Context& c) { return fn(c, *args); }; });
  }
}

}  // namespace kq::cli
