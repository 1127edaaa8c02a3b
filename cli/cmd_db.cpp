// `kquarry db init|migrate`: create and upgrade the database.
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "db/database.hpp"

namespace kq::cli {
namespace {

int db_init(Context& ctx) {
  db::Database database(ctx.db_path(), /*create=*/true, /*migrate=*/true);
  int v = database.schema_version();
  if (ctx.opts.json)
    std::cout << nlohmann::json{{"db", ctx.db_path().string()}, {"schema_version", v}}.dump() << "\n";
  else
    std::cout << ctx.db_path().string() << ": schema version " << v << "\n";
  return 0;
}

int db_migrate(Context& ctx) {
  if (!std::filesystem::exists(ctx.db_path()))
    throw UsageError("database '" + ctx.db_path().string() + "' does not exist (run `kquarry db init`)");
  db::Database database(ctx.db_path(), /*create=*/false, /*migrate=*/false);
  int before = database.schema_version();
  int applied = database.migrate();
  if (ctx.opts.json)
    std::cout << nlohmann::json{{"from", before}, {"to", before + applied}}.dump() << "\n";
  else
    std::cout << "schema version " << before << " -> " << before + applied << "\n";
  return 0;
}

}  // namespace

void add_db_stats_commands(CLI::App& db_cmd, Context& ctx);  // cmd_db_stats.cpp

void add_db_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("db", "Create, upgrade, inspect and merge databases");
  cmd->require_subcommand(1);
  cmd->add_subcommand("init", "Create the database with the newest schema")->callback([&ctx] { ctx.run = db_init; });
  cmd->add_subcommand("migrate", "Apply pending schema migrations")->callback([&ctx] { ctx.run = db_migrate; });
  add_db_stats_commands(*cmd, ctx);
}

}  // namespace kq::cli
