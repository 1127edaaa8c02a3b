// `kquarry synth`: test cases, golden and documentation for every analyzed kernel.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "core/types.hpp"
#include "llm/openai_synth.hpp"
#include "synth/synth_stage.hpp"

namespace kq::cli {
namespace {

struct SynthArgs {
  std::string synthesizer, kernel;
  unsigned jobs = 0;
  std::size_t limit = 0;
  bool retry_failed = false;
};

// The summary both commands print: counts, then the most frequent reasons.
void print_report(const synth::StageReport& r) {
  std::cout << r.stage << ": " << r.selected << " kernel(s), " << r.ok << " ok, " << r.failed << " failed\n";
  for (const auto& [status, n] : r.by_status)
    if (status != "ok") std::cout << "  " << status << ": " << n << "\n";
  if (!r.top_reasons.empty()) std::cout << "reasons:\n";
  for (const auto& [reason, n] : r.top_reasons) std::cout << "  " << n << "  " << reason << "\n";
  if (!r.budget_note().empty()) std::cout << r.budget_note() << "\n";
}

int run_synth(Context& ctx, const SynthArgs& args) {
  llm::register_openai_synthesizer();
  auto o = synth::stage_options_from_config(ctx.config, ctx.cache_dir());
  if (!args.synthesizer.empty()) o.synthesizer = args.synthesizer;
  o.jobs = args.jobs > 0 ? args.jobs : ctx.jobs();
  o.kernel = args.kernel;
  o.limit = args.limit;
  o.retry_failed = args.retry_failed;
  auto report = synth::synthesize_all(ctx.db_path(), o);
  if (ctx.opts.json) std::cout << report.to_json().dump(2) << "\n";
  else if (!ctx.opts.quiet) print_report(report);
  return report.exit_code();
}

}  // namespace

void print_stage_report(const synth::StageReport& r) { print_report(r); }
void add_llm_run_flags(CLI::App* cmd, Context& ctx);  // cli/cmd_llm.cpp

void add_synth_command(CLI::App& app, Context& ctx) {
  static SynthArgs args;
  auto* cmd = app.add_subcommand("synth", "Synthesize test cases, golden and documentation for analyzed kernels");
  cmd->add_option("--synthesizer", args.synthesizer, "builtin, openai or auto (default: synth.synthesizer)");
  cmd->add_option("--jobs", args.jobs, "kernels in parallel (default: config `jobs`)");
  cmd->add_option("--kernel", args.kernel, "only this kernel (name, qualified name or id)");
  cmd->add_option("--limit", args.limit, "at most this many kernels");
  cmd->add_flag("--retry-failed", args.retry_failed, "also kernels whose synthesis failed before");
  add_llm_run_flags(cmd, ctx);
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_synth(c, args); }; });
}

}  // namespace kq::cli
