// `kquarry export`: curates the verified kernels (filters, task building,
// mutation check) and writes the release folder DIR/release-V/.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "curation/curate.hpp"
#include "curation/export.hpp"

namespace kq::cli {
namespace {

struct ExportArgs {
  std::string out = ".";
  std::string version;
  bool skip_curate = false;
  bool no_compile_check = false;
};

int run_export(Context& ctx, const ExportArgs& args) {
  curation::CurateSummary cs;
  if (!args.skip_curate) {
    auto co = curation::CurateOptions::from_config(ctx.config, ctx.cache_dir());
    co.jobs = ctx.jobs();
    cs = curation::curate(ctx.db_path(), co);
  }
  auto eo = curation::ExportOptions::from_config(ctx.config, ctx.cache_dir(), args.version, ctx.jobs());
  eo.out_dir = args.out;
  eo.compile_check = !args.no_compile_check;
  auto res = curation::export_release(ctx.db_path(), eo);
  if (ctx.opts.json) {
    std::cout << nlohmann::json{{"release", res.release_dir.string()}, {"tasks", res.tasks},
                                {"manifest_sha256", res.manifest_sha256}, {"curated", cs.curated},
                                {"dropped", cs.dropped + cs.failed}, {"drop_reasons", cs.drop_reasons},
                                {"not_compiled", res.not_compiled}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "curated " << cs.curated << " kernels (" << cs.dropped + cs.failed << " dropped)\n";
    for (const auto& [reason, n] : cs.drop_reasons) std::cout << "  " << n << "  " << reason << "\n";
    for (const auto& n : res.not_compiled) std::cout << "  not released, a real compiler rejects it: " << n.substr(0, 300) << "\n";
    std::cout << "wrote " << res.release_dir.string() << ": " << res.tasks << " tasks x 2 dialects\n";
  }
  return cs.failed ? 1 : 0;
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
  static ExportArgs args;
  auto* cmd = app.add_subcommand("export", "Curate the verified kernels and write a release folder DIR/release-V/");
  cmd->add_option("--out", args.out, "folder the release folder is written into")->capture_default_str()->transform(absolute_path_option());
  cmd->add_option("--version", args.version, "release version (default: export.version)");
  cmd->add_flag("--skip-curate", args.skip_curate, "export the tasks curated before, without curating again");
  cmd->add_flag("--no-compile-check", args.no_compile_check,
                "do not compile every task with the real compilers found here before release");
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_export(c, args); }; });
}

}  // namespace kq::cli
