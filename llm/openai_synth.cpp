#include "llm/openai_synth.hpp"

#include "core/fs.hpp"
#include "core/log.hpp"
#include "llm/openai_synth_parse.hpp"
#include "llm/prompt_vars.hpp"

namespace kq::llm {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxKeptStates = 256;
const char* const kStages[] = {"analysis", "launch_specs", "golden", "doc"};

json messages_json(const std::vector<Message>& messages) {
  json out = json::array();
  for (const auto& m : messages) out.push_back({{"role", m.role}, {"content", m.content}});
  return out;
}

bool mentions_golden(const std::string& text) { return text.find("kq_golden") != std::string::npos; }

synth::Synthesis failed(const std::string& reason, int attempt) {
  synth::Synthesis s;
  s.synthesizer = "openai";
  s.attempt = attempt;
  s.status = "failed";
  s.reason = reason;
  return s;
}

}  // namespace

std::string stage_for_feedback(const synth::Feedback& feedback) {
  if (feedback.stage == "golden" || feedback.stage == "compare") return "golden";
  if (feedback.status == "mismatch") return "golden";
  if (mentions_golden(feedback.message)) return "golden";
  return "launch_specs";
}

OpenAISynthesizer::OpenAISynthesizer(std::shared_ptr<Client> client, PromptLibrary prompts, Options options)
    : client_(std::move(client)), prompts_(std::move(prompts)), options_(options) {
  schemas_ = json::parse(read_file(prompts_.dir() / "schemas.json"), nullptr, false);
  if (schemas_.is_discarded()) throw UsageError((prompts_.dir() / "schemas.json").string() + ": not JSON");
}

std::unique_ptr<synth::Synthesizer> OpenAISynthesizer::from_config(const Config& config) {
  // One budget and one in-flight limit per process, whatever the number of workers.
  static std::mutex mu;
  static std::optional<Limits> shared;
  Limits limits;
  {
    std::lock_guard lock(mu);
    if (!shared) shared = Limits::from_config(config);
    limits = *shared;
  }
  auto client = std::make_shared<Client>(ClientOptions::from_config(config), limits);
  Options o;
  o.format_retries = static_cast<int>(config.get_int("llm.format_retries"));
  return std::make_unique<OpenAISynthesizer>(std::move(client), PromptLibrary::from_config(config), o);
}

OpenAISynthesizer::KernelState OpenAISynthesizer::take_state(std::int64_t kernel_id, bool fresh) {
  std::lock_guard lock(mu_);
  auto it = states_.find(kernel_id);
  if (it == states_.end()) return {};
  KernelState s = std::move(it->second);
  states_.erase(it);
  order_.remove(kernel_id);
  return fresh ? KernelState{} : s;
}

void OpenAISynthesizer::keep_state(std::int64_t kernel_id, KernelState state) {
  std::lock_guard lock(mu_);
  states_[kernel_id] = std::move(state);
  order_.push_back(kernel_id);
  while (order_.size() > kMaxKeptStates) {
    states_.erase(order_.front());
    order_.pop_front();
  }
}

synth::Synthesis OpenAISynthesizer::synthesize(const synth::KernelInput& kernel,
                                               const std::optional<synth::Feedback>& previous) {
  KernelState state = take_state(kernel.kernel_id, !previous.has_value());
  ++state.attempt;
  CallLog log;
  std::string redone = "all";
  synth::Synthesis out;
  try {
    bool complete = !state.golden.empty() && !state.cases.empty() && state.doc.is_object() &&
                    state.contract.is_object();
    if (previous && complete && previous->stage == "synthesis" && !state.failed_stage.empty()) {
      // The last attempt stopped in a model call (endpoint error, replies in
      // the wrong format): that conversation ends with our request; send it again.
      redone = state.failed_stage;
      converse(redone, kernel, state, log);
    } else if (previous && complete) {
      redone = stage_for_feedback(*previous);
      repair_stage(redone, *previous, kernel, state, log);
    } else {
      run_all_stages(kernel, state, log);
    }
    out.synthesizer = "openai";
    out.attempt = state.attempt;
    out.cases = state.cases;
    out.golden = state.golden;
    out.doc = state.doc;
    state.failed_stage.clear();
  } catch (const BudgetExhausted& e) {
    out = failed(e.what(), state.attempt);
    out.status = synth::kBudgetExhausted;
  } catch (const MalformedReply& e) {
    out = failed(std::string("malformed model reply: ") + e.what(), state.attempt);
  } catch (const Error& e) {
    out = failed(std::string("model call failed: ") + e.what(), state.attempt);
  }
  // What this attempt alone used: the same on a replay, whatever else ran beside it.
  std::int64_t tokens_in = 0, tokens_out = 0;
  for (const auto& c : log) {
    tokens_in += c.tokens_in;
    tokens_out += c.tokens_out;
  }
  json usage = {{"calls", log.size()}, {"tokens_in", tokens_in}, {"tokens_out", tokens_out}};
  out.extra = {{"contract", state.contract}, {"pattern", state.pattern}, {"stages_asked", redone}, {"usage", usage}};
  out.model_calls.assign(log.begin(), log.end());
  keep_state(kernel.kernel_id, std::move(state));
  return out;
}

// Asks every stage that has no usable answer yet (all of them on a first
// attempt; the rest after an attempt that stopped half-way).
void OpenAISynthesizer::run_all_stages(const synth::KernelInput& kernel, KernelState& state, CallLog& log) {
  if (state.pattern.empty()) state.pattern = prompts_.select_pattern(kernel);
  for (const std::string stage : kStages) {
    bool done = (stage == "analysis" && state.contract.is_object()) ||
                (stage == "launch_specs" && !state.cases.empty()) ||
                (stage == "golden" && !state.golden.empty()) || (stage == "doc" && state.doc.is_object());
    if (!done) run_stage(stage, kernel, state, log);
  }
}

void OpenAISynthesizer::run_stage(const std::string& stage, const synth::KernelInput& kernel,
                                  KernelState& state, CallLog& log) {
  auto vars = stage_vars(kernel, state);
  vars["reply_format"] = reply_format(stage);
  std::vector<Message> convo{{"system", prompts_.render("system", vars)},
                             {"user", prompts_.render(stage, vars)}};
  state.conversations[stage] = std::move(convo);
  converse(stage, kernel, state, log);
}

void OpenAISynthesizer::repair_stage(const std::string& stage, const synth::Feedback& feedback,
                                     const synth::KernelInput& kernel, KernelState& state, CallLog& log) {
  auto& convo = state.conversations[stage];
  if (convo.empty()) return run_stage(stage, kernel, state, log);
  TemplateVars vars = {{"attempt", std::to_string(feedback.attempt > 0 ? feedback.attempt : state.attempt - 1)},
                       {"feedback_stage", feedback.stage},
                       {"feedback_status", feedback.status},
                       {"feedback_message", feedback.message},
                       {"reply_format", reply_format(stage)}};
  convo.push_back({"user", prompts_.render("repair", vars)});
  converse(stage, kernel, state, log);
}

void OpenAISynthesizer::converse(const std::string& stage, const synth::KernelInput& kernel, KernelState& state,
                                 CallLog& log) {
  auto& convo = state.conversations[stage];
  state.failed_stage = stage;  // cleared when the whole attempt succeeds
  for (int round = 0;; ++round) {
    ChatRequest request;
    request.messages = convo;
    if (schemas_.contains(stage)) request.schema = schemas_[stage];
    request.schema_name = stage;
    db::LlmCallRecord rec;
    rec.stage = stage;
    rec.provider = client_->options().provider;
    rec.model = client_->options().model;
    rec.prompt = messages_json(convo).dump(2);
    ChatReply reply;
    try {
      reply = client_->chat(request);
    } catch (const Error& e) {
      rec.error = e.what();
      log.push_back(rec);
      throw;
    }
    rec.response = reply.content;
    rec.tokens_in = reply.tokens_in;
    rec.tokens_out = reply.tokens_out;
    rec.latency_ms = reply.latency_ms;
    convo.push_back({"assistant", reply.content});
    try {
      apply_reply(stage, reply.content, kernel, state);
      log.push_back(rec);
      return;
    } catch (const MalformedReply& e) {
      rec.error = std::string("malformed reply: ") + e.what();
      log.push_back(rec);
      spdlog::debug("llm: {} of {}: {}", stage, kernel.name, rec.error);
      convo.push_back({"user", prompts_.render("format_error", {{"error", e.what()},
                                                                {"reply_format", reply_format(stage)}})});
      if (round >= options_.format_retries)
        throw MalformedReply(stage + " stage, after " + std::to_string(round + 1) + " replies: " + e.what());
    }
  }
}

void OpenAISynthesizer::apply_reply(const std::string& stage, const std::string& content,
                                    const synth::KernelInput& kernel, KernelState& state) const {
  if (stage == "analysis") state.contract = parse_contract(content, kernel);
  else if (stage == "launch_specs") state.cases = parse_cases(content, kernel);
  else if (stage == "golden") state.golden = parse_golden(content);
  else if (stage == "doc") state.doc = parse_doc(content, kernel, state.contract);
  else throw Error("unknown synthesis stage '" + stage + "'");
}

std::string OpenAISynthesizer::reply_format(const std::string& stage) const {
  if (stage == "golden") return prompts_.render("reply_cpp", {});
  bool structured = client_->structured_enabled() && schemas_.contains(stage);
  return prompts_.render(structured ? "reply_json_structured" : "reply_json", {});
}

TemplateVars OpenAISynthesizer::stage_vars(const synth::KernelInput& kernel, const KernelState& state) const {
  TemplateVars vars = kernel_vars(kernel);
  vars["pattern"] = state.pattern;
  vars["pattern_hints"] = prompts_.pattern_hints(state.pattern);
  vars["contract_json"] = state.contract.is_null() ? "{}" : state.contract.dump(2);
  vars["example_case"] = state.cases.empty() ? "{}" : launch_spec_to_json(state.cases.front()).dump(2);
  vars["reply_format"] = "";
  return vars;
}

}  // namespace kq::llm
