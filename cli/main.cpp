// kquarry: turns open-source GPU code into a verified benchmark.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/progress.hpp"
#include "core/types.hpp"

namespace {

using kq::cli::absolute_path_option;

using kq::ConfigOrigin;
using kq::ExitCode;
using kq::to_int;

void add_global_options(CLI::App& app, kq::cli::GlobalOptions& o) {
  app.add_option("--db", o.db, "SQLite database (default: kquarry.db; for `run`: DIR/kquarry.db)");
  app.add_option("--cache", o.cache, "cache folder for clones and objects (default: $XDG_CACHE_HOME/kquarry)");
  app.add_option("--config", o.config_file, "configuration file (default: ./kquarry.toml when present)")->transform(absolute_path_option());
  app.add_option("--log-file", o.log_file, "also write a detailed log to this file")->transform(absolute_path_option());
  app.add_option("--set", o.set, "override a configuration key: --set llm.model=NAME (repeatable)");
  app.add_flag("-v,--verbose", o.verbose, "more output (repeat for trace)");
  app.add_flag("-q,--quiet", o.quiet, "only warnings and errors");
  app.add_flag("--json", o.json, "machine-readable output on stdout");
}

// Flags outrank environment and file; they are applied last.
void apply_flags(kq::cli::Context& ctx) {
  auto& o = ctx.opts;
  if (!o.db.empty()) ctx.config.set("db", o.db, ConfigOrigin::CommandLine, "--db");
  if (!o.cache.empty()) ctx.config.set("cache", o.cache, ConfigOrigin::CommandLine, "--cache");
  if (!o.log_file.empty()) ctx.config.set("log_file", o.log_file, ConfigOrigin::CommandLine, "--log-file");
  for (const auto& kv : o.set) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) throw kq::UsageError("--set '" + kv + "': expected KEY=VALUE");
    ctx.config.set(kv.substr(0, eq), kv.substr(eq + 1), ConfigOrigin::CommandLine, "--set");
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kquarry: mine GPU kernels from git repositories, verify them, and export a benchmark"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags work after the subcommand too: `kquarry db stats --json`
  app.footer(
      "Exit codes: 0 done, 1 done with some items failed, 2 usage or configuration error, "
      "3 the run itself failed.\nConfiguration: kquarry.toml < KQ_* environment < flags; "
      "see `kquarry config show`.");
  kq::cli::Context ctx;
  add_global_options(app, ctx.opts);
  for (auto adder : kq::cli::command_adders()) adder(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : to_int(ExitCode::Usage);
  }

  try {
    bool explicit_config = !ctx.opts.config_file.empty();
    ctx.config = kq::Config::load(explicit_config ? ctx.opts.config_file : "kquarry.toml", explicit_config);
    apply_flags(ctx);
    kq::init_logging(ctx.opts.quiet ? -1 : ctx.opts.verbose, ctx.config.get("log_file"));
    kq::Progress::set_enabled(!ctx.opts.quiet && !ctx.opts.json);
    if (!ctx.run) return to_int(ExitCode::Usage);
    return ctx.run(ctx);
  } catch (const kq::UsageError& e) {
    std::cerr << "kquarry: " << e.what() << "\n";
    return to_int(ExitCode::Usage);
  } catch (const std::exception& e) {
    std::cerr << "kquarry: " << e.what() << "\n";
    return to_int(ExitCode::RunFailed);
  }
}
