// `kquarry verify`: run every synthesized kernel's cases on the selected
// backends and compare them with the golden.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "core/text.hpp"
#include "core/types.hpp"
#include "synth/verify_stage.hpp"
#include "verifier/backend.hpp"

namespace kq::cli {

void print_stage_report(const synth::StageReport& r);

namespace {

struct VerifyArgs {
  std::vector<std::string> backends;
  std::string kernel;
  unsigned jobs = 0;
  std::size_t limit = 0;
  bool retry_failed = false;
};

int run_verify(Context& ctx, const VerifyArgs& args) {
  if (!args.backends.empty()) {
    // Through the configuration, as `run --backends` does, so every stage sees one value.
    ctx.config.set("verifier.backends", join(args.backends, ","), ConfigOrigin::CommandLine, "--backends");
  }
  auto o = synth::stage_options_from_config(ctx.config, ctx.cache_dir());
  o.jobs = args.jobs > 0 ? args.jobs : ctx.jobs();
  o.kernel = args.kernel;
  o.limit = args.limit;
  o.retry_failed = args.retry_failed;
  auto report = synth::verify_all(ctx.db_path(), o);
  if (ctx.opts.json) {
    std::cout << report.to_json().dump(2) << "\n";
  } else if (!ctx.opts.quiet) {
    std::cout << "backends: ";
    for (const auto& b : report.backends) std::cout << b << " ";
    for (const auto& b : report.skipped_backends) std::cout << "(" << b << ": cannot run here) ";
    std::cout << "\n";
    print_stage_report(report);
  }
  return report.exit_code();
}

}  // namespace

void add_verify_command(CLI::App& app, Context& ctx) {
  static VerifyArgs args;
  auto* cmd = app.add_subcommand("verify", "Run synthesized cases on the selected backends and compare with the golden");
  static const std::string backends_help = verify::backend_name_list() + " (default: verifier.backends)";
  cmd->add_option("--backends", args.backends, backends_help)
      ->delimiter(',');
  cmd->add_option("--jobs", args.jobs, "kernels in parallel (default: config `jobs`)");
  cmd->add_option("--kernel", args.kernel, "only this kernel (name, qualified name or id)");
  cmd->add_option("--limit", args.limit, "at most this many kernels");
  cmd->add_flag("--retry-failed", args.retry_failed, "also kernels whose verification failed before");
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_verify(c, args); }; });
}

}  // namespace kq::cli
