// `kquarry extract`: every kernel of the mined files, with its dependencies,
// as a unit that compiles alone; `--dry-run FILE` for one file without a database.
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/types.hpp"
#include "extractor/dry_run.hpp"
#include "extractor/extractor.hpp"

namespace kq::cli {
namespace {

struct ExtractArgs {
  std::string dry_run;
  std::string kernel, repo;
  unsigned jobs = 0;
  bool no_compile = false;
};

int run_dry(Context& ctx, const ExtractArgs& args) {
  auto r = extractor::dry_run_file(args.dry_run, static_cast<int>(ctx.config.get_int("extractor.timeout_s")));
  if (ctx.opts.json)
    std::cout << extractor::to_json(r).dump(2) << "\n";
  else
    std::cout << extractor::describe_file_result(r);
  return to_int(r.ok ? ExitCode::Ok : ExitCode::SomeFailed);
}

nlohmann::json report_json(const extractor::ExtractReport& r) {
  return {{"files", r.files},           {"files_failed", r.files_failed}, {"files_skipped", r.files_skipped},
          {"kernels", r.kernels},
          {"checked", r.checked},       {"standalone_ok", r.standalone_ok},
          {"standalone_failed", r.standalone_failed}, {"skipped", r.skipped},
          {"hip_translated", r.hip_translated}, {"hip_ok", r.hip_ok},
          {"parse_ms", r.parse_ms},     {"closure_ms", r.closure_ms}, {"analysis_ms", r.analysis_ms},
          {"compile_ms", r.compile_ms}, {"wall_ms", r.wall_ms},       {"failures", r.failures}};
}

int run_extract(Context& ctx, const ExtractArgs& args) {
  if (!args.dry_run.empty()) return run_dry(ctx, args);
  auto o = extractor::options_from_config(ctx.config, ctx.cache_dir());
  if (args.jobs > 0) o.jobs = args.jobs;
  o.kernel = args.kernel;
  o.repo = args.repo;
  o.compile = !args.no_compile;
  auto report = extractor::extract_all(ctx.db_path(), o);
  if (ctx.opts.json)
    std::cout << report_json(report).dump(2) << "\n";
  else
    std::cout << extractor::describe_report(report);
  return to_int(report.any_failed() ? ExitCode::SomeFailed : ExitCode::Ok);
}

}  // namespace

void add_extract_command(CLI::App& app, Context& ctx) {
  static ExtractArgs args;
  auto* cmd = app.add_subcommand("extract", "Extract every mined kernel with its dependencies as a standalone unit");
  cmd->add_option("--jobs", args.jobs, "files parsed and units compiled in parallel (default: config `jobs`)");
  cmd->add_option("--kernel", args.kernel, "only kernels of this name");
  cmd->add_option("--repo", args.repo, "only this repository (its name)");
  cmd->add_flag("--no-compile", args.no_compile, "skip the standalone compile check");
  cmd->add_option("--dry-run", args.dry_run, "extract one FILE without a database and print the result")->transform(absolute_path_option());
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_extract(c, args); }; });
}

}  // namespace kq::cli
