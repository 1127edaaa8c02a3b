// `kquarry db stats` and `kquarry db merge`.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/error.hpp"
#include "curation/funnel.hpp"
#include "db/database.hpp"
#include "db/merge.hpp"
#include "db/stats.hpp"

namespace kq::cli {
namespace {

void print_group(const std::string& title, const nlohmann::json& counts) {
  std::cout << title << ":";
  if (counts.empty()) std::cout << " none";
  std::cout << "\n";
  for (const auto& [key, n] : counts.items()) std::cout << "  " << key << ": " << n.get<long long>() << "\n";
}

int db_stats(Context& ctx) {
  if (!std::filesystem::exists(ctx.db_path()))
    throw UsageError("database '" + ctx.db_path().string() + "' does not exist");
  db::Database database(ctx.db_path(), /*create=*/false, /*migrate=*/false);
  auto stats = db::collect_stats(database);
  auto funnel = curation::compute_funnel(database);
  stats["funnel"] = curation::funnel_to_json(funnel);
  if (ctx.opts.json) {
    std::cout << stats.dump(2) << "\n";
    return 0;
  }
  std::cout << ctx.db_path().string() << " (schema version " << stats["schema_version"] << ")\n";
  print_group("rows per table", stats["tables"]);
  print_group("repositories per status", stats["repos_by_status"]);
  print_group("kernels per stage", stats["kernels_by_stage"]);
  print_group("kernels per failed stage", stats["kernels_by_failed_stage"]);
  print_group("verifications per status", stats["verifications_by_status"]);
  std::cout << "funnel:\n" << curation::funnel_table(funnel);
  return 0;
}

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string output;
  bool force = false;
};

int db_merge(Context& ctx, const MergeArgs& args) {
  std::vector<std::filesystem::path> inputs(args.inputs.begin(), args.inputs.end());
  auto report = db::merge_databases(inputs, args.output, args.force);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [table, t] : report.tables) j[table] = {{"copied", t.copied}, {"already_present", t.already_present}};
  if (ctx.opts.json) {
    std::cout << nlohmann::json{{"output", args.output}, {"tables", j}}.dump(2) << "\n";
    return 0;
  }
  std::cout << "merged " << inputs.size() << " databases into " << args.output << "\n";
  for (const auto& [table, t] : report.tables)
    if (t.copied || t.already_present)
      std::cout << "  " << table << ": " << t.copied << " copied, " << t.already_present << " already present\n";
  return 0;
}

}  // namespace

void add_db_stats_commands(CLI::App& db_cmd, Context& ctx) {
  db_cmd.add_subcommand("stats", "Rows per table, kernels per stage, repositories and verifications per status, and the funnel")
      ->callback([&ctx] { ctx.run = db_stats; });
  auto args = std::make_shared<MergeArgs>();
  auto* merge = db_cmd.add_subcommand("merge", "Join shard databases into a new one without duplicates");
  merge->add_option("inputs", args->inputs, "input databases")->required()->transform(absolute_path_option());
  merge->add_option("-o,--output", args->output, "the database to write")->required()->transform(absolute_path_option());
  merge->add_flag("--force", args->force, "replace the output when it exists");
  merge->callback([&ctx, args] { ctx.run = [args](Context& c) { return db_merge(c, *args); }; });
}

}  // namespace kq::cli
