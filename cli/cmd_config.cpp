// `kquarry config show`: every effective value and where it came from.
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"

namespace kq::cli {
namespace {

int show_config(Context& ctx) {
  if (ctx.opts.json) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, v] : ctx.config.entries())
      out[key] = {{"value", v.value}, {"origin", std::string(to_string(v.origin))}, {"source", v.source}};
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& [key, v] : ctx.config.entries()) {
    std::cout << key << " = \"" << v.value << "\"    # " << to_string(v.origin);
    if (v.origin != ConfigOrigin::Default) std::cout << ": " << v.source;
    std::cout << "\n";
  }
  return 0;
}

int list_keys(Context&) {
  for (const auto& k : config_keys())
    std::cout << k.name << " (" << config_env_name(k.name) << ")\n    " << k.help << "\n";
  return 0;
}

}  // namespace

void add_config_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("config", "Show the effective configuration");
  cmd->require_subcommand(1);
  cmd->add_subcommand("show", "Print every key, its value and its origin (default, file, environment, flag)")
      ->callback([&ctx] { ctx.run = show_config; });
  cmd->add_subcommand("keys", "List every key with its environment variable and meaning")
      ->callback([&ctx] { ctx.run = list_keys; });
}

}  // namespace kq::cli
