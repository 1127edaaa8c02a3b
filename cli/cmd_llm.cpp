// `kquarry llm ping`: checks the model endpoint (GET {llm.base_url}/models) and
// prints the models it serves, or what is wrong (unreachable, 401, not JSON...).
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "core/types.hpp"
#include "llm/client.hpp"
#include "llm/openai_synth.hpp"

namespace kq::cli {
namespace {

int ping(Context& ctx) {
  auto options = llm::ClientOptions::from_config(ctx.config);
  llm::Client client(options, llm::Limits::from_config(ctx.config));
  nlohmann::json out = {{"base_url", options.base_url}, {"model", options.model},
                        {"api_key", options.api_key.empty() ? "none" : "set"}};
  try {
    auto models = client.list_models();
    bool served = std::find(models.begin(), models.end(), options.model) != models.end();
    out["ok"] = true;
    out["models"] = models;
    out["model_served"] = served;
    if (ctx.opts.json) {
      std::cout << out.dump(2) << "\n";
      return to_int(ExitCode::Ok);
    }
    std::cout << "endpoint " << options.base_url << " answers; " << models.size() << " model(s):\n";
    for (const auto& m : models) std::cout << "  " << m << (m == options.model ? "   (llm.model)" : "") << "\n";
    if (!served) std::cout << "note: llm.model '" << options.model << "' is not in the list\n";
    return to_int(ExitCode::Ok);
  } catch (const llm::LlmError& e) {
    out["ok"] = false;
    out["error"] = e.what();
    out["status"] = e.status();
    if (ctx.opts.json) std::cout << out.dump(2) << "\n";
    else std::cerr << "kquarry: llm ping: " << e.what() << "\n";
    return to_int(ExitCode::RunFailed);
  }
}

}  // namespace

// --record, --replay, --max-calls and --max-tokens for the commands that
// synthesize; each becomes a --set of its llm.* key, so flags keep their rank
// above file and environment and `config show` names them.
void add_llm_run_flags(CLI::App* cmd, Context& ctx) {
  auto as_set = [&ctx](const std::string& key) {
    return [&ctx, key](const std::string& value) { ctx.opts.set.push_back(key + "=" + value); };
  };
  cmd->add_option_function<std::string>("--record", as_set("llm.record_dir"),
                                        "store every model request and reply in DIR (keyed by sha256)");
  cmd->add_option_function<std::string>("--replay", as_set("llm.replay_dir"),
                                        "answer model requests from DIR, recorded with --record; no network");
  cmd->add_option_function<std::string>("--max-calls", as_set("llm.max_calls"),
                                        "stop asking the model after N calls (llm.max_calls)");
  cmd->add_option_function<std::string>("--max-tokens", as_set("llm.max_total_tokens"),
                                        "stop asking the model after N tokens (llm.max_total_tokens)");
}

void add_llm_command(CLI::App& app, Context& ctx) {
  // Every command that synthesizes (synth, run) can then choose `openai` or `auto`.
  llm::register_openai_synthesizer();
  auto* cmd = app.add_subcommand("llm", "Model endpoint tools (OpenAI-compatible)");
  cmd->require_subcommand(1);
  cmd->add_subcommand("ping", "Check llm.base_url: list its models or say what is wrong")
      ->callback([&ctx] { ctx.run = ping; });
}

}  // namespace kq::cli
