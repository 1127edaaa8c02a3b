// `kquarry review list|accept|reject`: the review queue of curation (kernels
// whose license needs a person, or that a person set aside).
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "db/curation.hpp"

namespace kq::cli {
namespace {

struct ReviewArgs {
  std::string decision;
  std::int64_t kernel_id = 0;
  std::string reason;
  std::string reviewer = "user";
};

int review_list(Context& ctx, const ReviewArgs& args) {
  db::Database database(ctx.db_path());
  auto rows = db::list_reviews(database, args.decision);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    if (ctx.opts.json)
      out.push_back({{"kernel_id", r.kernel_id}, {"decision", r.decision}, {"reason", r.reason},
                     {"reviewer", r.reviewer}, {"at", r.at}});
    else
      std::cout << r.kernel_id << "\t" << r.decision << "\t" << r.reviewer << "\t" << r.reason << "\n";
  }
  if (ctx.opts.json) std::cout << out.dump(2) << "\n";
  return 0;
}

int review_set(Context& ctx, const ReviewArgs& args, const std::string& decision) {
  db::Database database(ctx.db_path());
  if (!db::load_curation_kernel(database, args.kernel_id))
    throw UsageError("kernel " + std::to_string(args.kernel_id) + " does not exist in " + ctx.db_path().string());
  db::set_review(database, args.kernel_id, decision, args.reason, args.reviewer);
  if (!ctx.opts.quiet) std::cout << "kernel " << args.kernel_id << ": " << decision << "\n";
  return 0;
}

}  // namespace

void add_review_command(CLI::App& app, Context& ctx) {
  static ReviewArgs args;
  auto* cmd = app.add_subcommand("review", "List and decide the curation review queue");
  cmd->require_subcommand(1);
  auto* list = cmd->add_subcommand("list", "Kernels in the review queue");
  list->add_option("--decision", args.decision, "only accept, reject or needs_review");
  list->callback([&ctx] { ctx.run = [](Context& c) { return review_list(c, args); }; });
  for (const char* d : {"accept", "reject"}) {
    auto* sub = cmd->add_subcommand(d, std::string(d) + " a kernel for release (takes effect at the next export)");
    sub->add_option("kernel_id", args.kernel_id, "kernel id")->required();
    sub->add_option("--reason", args.reason, "why, for the record");
    sub->add_option("--reviewer", args.reviewer, "who decided")->capture_default_str();
    std::string decision = d;
    sub->callback([&ctx, decision] {
      ctx.run = [decision](Context& c) { return review_set(c, args, decision); };
    });
  }
}

}  // namespace kq::cli
