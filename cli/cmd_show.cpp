// `kquarry show kernel NAME|ID`: a kernel's unit, dependencies and analysis.
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/types.hpp"
#include "db/kernels.hpp"

namespace kq::cli {
namespace {

nlohmann::json kernel_json(db::Database& db, const db::KernelRow& k) {
  nlohmann::json deps = nlohmann::json::array();
  for (const auto& d : db::kernel_deps(db, k.id)) deps.push_back({{"kind", d.kind}, {"name", d.name}, {"source", d.source}});
  nlohmann::json j = {{"id", k.id},
                      {"name", k.name},
                      {"qualified_name", k.qualified_name},
                      {"repo", k.repo_name},
                      {"file", k.file_path},
                      {"lines", {k.line_begin, k.line_end}},
                      {"dialect", k.dialect},
                      {"signature", k.signature},
                      {"stage", k.stage},
                      {"failed_stage", k.failed_stage},
                      {"fail_reason", k.fail_reason},
                      {"comment", k.comment},
                      {"params", nlohmann::json::parse(k.params_json.empty() ? "[]" : k.params_json)},
                      {"template_params", nlohmann::json::parse(k.template_params_json.empty() ? "[]" : k.template_params_json)},
                      {"instantiations", nlohmann::json::parse(k.instantiations_json.empty() ? "[]" : k.instantiations_json)},
                      {"launches", nlohmann::json::parse(k.launches_json.empty() ? "[]" : k.launches_json)},
                      {"deps", deps}};
  if (auto u = db::kernel_unit(db, k.id)) {
    j["unit"] = {{"source", u->source}, {"standalone_ok", u->standalone_ok}, {"compile_log", u->compile_log.value_or("")},
                 {"hip_source", u->hip_source.value_or("")}, {"hip_log", u->hip_log.value_or("")}};
    j["unit"]["hip_ok"] = u->hip_ok ? nlohmann::json(*u->hip_ok) : nlohmann::json(nullptr);
  }
  if (auto a = db::kernel_analysis_json(db, k.id)) j["analysis"] = nlohmann::json::parse(*a);
  return j;
}

void print_text(const nlohmann::json& j) {
  std::cout << "kernel " << j["id"] << ": " << j["qualified_name"].get<std::string>() << "  (" << j["repo"].get<std::string>()
            << "/" << j["file"].get<std::string>() << ":" << j["lines"][0] << "-" << j["lines"][1] << ", "
            << j["dialect"].get<std::string>() << ")\n";
  std::cout << "stage: " << j["stage"].get<std::string>();
  if (!j["failed_stage"].get<std::string>().empty())
    std::cout << "  (failed at " << j["failed_stage"].get<std::string>() << ": " << j["fail_reason"].get<std::string>() << ")";
  std::cout << "\nsignature: " << j["signature"].get<std::string>() << "\n";
  std::cout << "deps (" << j["deps"].size() << "):\n";
  for (const auto& d : j["deps"]) std::cout << "  " << d["kind"].get<std::string>() << "  " << d["name"].get<std::string>() << "\n";
  std::cout << "launches: " << j["launches"].size() << "\n";
  for (const auto& l : j["launches"])
    std::cout << "  " << l["file"].get<std::string>() << ":" << l["line"] << "  <<<" << l["grid"].get<std::string>() << ", "
              << l["block"].get<std::string>() << ">>>\n";
  if (j.contains("unit")) {
    std::cout << "standalone_ok: " << j["unit"]["standalone_ok"] << "  hip_ok: " << j["unit"]["hip_ok"] << "\n";
    std::cout << "--- unit ---\n" << j["unit"]["source"].get<std::string>() << "\n--- end of unit ---\n";
    auto log = j["unit"]["compile_log"].get<std::string>();
    if (!log.empty()) std::cout << "compile log:\n" << log << "\n";
  }
  if (j.contains("analysis")) std::cout << "analysis:\n" << j["analysis"].dump(2) << "\n";
}

int show_kernel(Context& ctx, const std::string& which) {
  db::Database db(ctx.db_path(), false);
  auto found = db::find_kernels(db, which);
  if (found.empty()) throw UsageError("show kernel: no kernel named or numbered '" + which + "' in " + ctx.db_path().string());
  nlohmann::json all = nlohmann::json::array();
  for (const auto& k : found) all.push_back(kernel_json(db, k));
  if (ctx.opts.json) {
    std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
    return 0;
  }
  for (const auto& j : all) print_text(j);
  return 0;
}

}  // namespace

void add_show_command(CLI::App& app, Context& ctx) {
  static std::string which;
  auto* cmd = app.add_subcommand("show", "Show what the database holds about an item");
  cmd->require_subcommand(1);
  auto* k = cmd->add_subcommand("kernel", "A kernel's unit, dependencies and analysis");
  k->add_option("kernel", which, "kernel name, qualified name or id")->required();
  k->callback([&ctx] { ctx.run = [](Context& c) { return show_kernel(c, which); }; });
}

}  // namespace kq::cli
