#pragma once
// The `openai` synthesizer: asks an OpenAI-compatible model, in stages, for
// (a) the kernel's contract, (b) launch specs, (c) an independent CPU golden
// and (d) documentation. On a repair attempt only the stage the verifier's
// feedback points at is asked again, in the same conversation, with the
// feedback appended. Malformed replies are sent back as feedback a bounded
// number of times (llm.format_retries), never a crash.
//
// Every call of an attempt is returned in Synthesis::model_calls (see
// db/llm_calls.hpp); the stage stores them under the attempt's synthesis id.
// A spent budget ends the attempt with status synth::kBudgetExhausted and a
// reason starting "budget exhausted:".
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "db/llm_calls.hpp"
#include "llm/client.hpp"
#include "llm/prompt.hpp"
#include "synth/synthesizer.hpp"

namespace kq::llm {

class OpenAISynthesizer : public synth::Synthesizer {
 public:
  struct Options {
    int format_retries = 2;  // re-asks per stage after a malformed reply
  };

  OpenAISynthesizer(std::shared_ptr<Client> client, PromptLibrary prompts, Options options);
  // Client and prompts from the llm.* keys; every synthesizer made this way in
  // one process shares one budget and one limit on requests in flight.
  static std::unique_ptr<synth::Synthesizer> from_config(const Config& config);

  std::string name() const override { return "openai"; }
  bool can_repair() const override { return true; }
  synth::Synthesis synthesize(const synth::KernelInput& kernel,
                              const std::optional<synth::Feedback>& previous) override;

  Client& client() { return *client_; }

 private:
  // What the conversation with the model has produced so far for one kernel.
  struct KernelState {
    int attempt = 0;
    std::string pattern;
    nlohmann::json contract;
    std::vector<LaunchSpec> cases;
    std::string golden;
    nlohmann::json doc;
    std::map<std::string, std::vector<Message>> conversations;  // per stage
    std::string failed_stage;  // the stage whose model call ended the last attempt
  };
  using CallLog = std::vector<db::LlmCallRecord>;

  KernelState take_state(std::int64_t kernel_id, bool fresh);
  void keep_state(std::int64_t kernel_id, KernelState state);

  void run_all_stages(const synth::KernelInput& kernel, KernelState& state, CallLog& log);
  void run_stage(const std::string& stage, const synth::KernelInput& kernel, KernelState& state,
                 CallLog& log);
  void repair_stage(const std::string& stage, const synth::Feedback& feedback,
                    const synth::KernelInput& kernel, KernelState& state, CallLog& log);
  // Sends the stage's conversation until the reply parses; stores the result.
  void converse(const std::string& stage, const synth::KernelInput& kernel, KernelState& state,
                CallLog& log);
  void apply_reply(const std::string& stage, const std::string& content, const synth::KernelInput& kernel,
                   KernelState& state) const;
  std::string reply_format(const std::string& stage) const;
  TemplateVars stage_vars(const synth::KernelInput& kernel, const KernelState& state) const;

  std::shared_ptr<Client> client_;
  PromptLibrary prompts_;
  Options options_;
  nlohmann::json schemas_;
  std::mutex mu_;
  std::map<std::int64_t, KernelState> states_;
  std::list<std::int64_t> order_;  // oldest first, to bound the memory held
};

// The stage a piece of verifier feedback asks to redo: "golden" for mismatches
// and golden compile/run errors, "launch_specs" when the kernel itself could not
// be compiled or run with the cases given.
std::string stage_for_feedback(const synth::Feedback& feedback);

// Makes `openai` (and so `auto`) known to the synthesis stage; the commands that
// run synthesis call it at start-up.
void register_openai_synthesizer();

}  // namespace kq::llm
