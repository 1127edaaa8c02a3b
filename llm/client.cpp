#include "llm/client.hpp"

#include <cstdlib>
#include <thread>

#include "core/log.hpp"
#include "core/utf8.hpp"
#include "llm/client_http.hpp"
#include "llm/client_retry.hpp"

namespace kq::llm {
namespace {

using nlohmann::json;

std::string excerpt(const std::string& text, std::size_t max = 300) {
  if (text.size() <= max) return text;
  return text.substr(0, max) + "...";
}

std::string status_hint(long status) {
  switch (status) {
    case 401:
    case 403: return " (check the API key: the variable named by llm.api_key_env)";
    case 404: return " (check llm.base_url, which usually ends in /v1, and llm.model)";
    default: return "";
  }
}

// Says what went wrong with one exchange, in words a user can act on.
std::string describe_failure(const HttpResponse& r, const std::string& url, int retries) {
  std::string after = retries > 0 ? " after " + std::to_string(retries) + " retries" : "";
  if (r.unreachable) return "cannot reach " + url + ": " + r.transport_error;
  if (r.timed_out) return "no reply from " + url + " within the timeout (llm.timeout_s)" + after;
  if (r.status == 0) return "request to " + url + " failed: " + r.transport_error + after;
  return "HTTP " + std::to_string(r.status) + " from " + url + after + status_hint(r.status) + ": " +
         excerpt(r.body);
}

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

ClientOptions ClientOptions::from_config(const Config& config) {
  ClientOptions o;
  o.base_url = trim_slash(config.get("llm.base_url"));
  if (const char* key = std::getenv(config.get("llm.api_key_env").c_str()); key && *key) o.api_key = key;
  o.model = config.get("llm.model");
  o.temperature = config.get_double("llm.temperature");
  o.max_tokens = static_cast<long>(config.get_int("llm.max_tokens"));
  o.timeout_ms = static_cast<long>(config.get_double("llm.timeout_s") * 1000.0);
  o.max_retries = static_cast<int>(config.get_int("llm.max_retries"));
  o.backoff_ms = static_cast<long>(config.get_int("llm.backoff_ms"));
  o.structured = config.get("llm.structured_output");
  if (o.structured != "auto" && o.structured != "on" && o.structured != "off")
    throw UsageError("llm.structured_output: expected auto, on or off, got '" + o.structured + "'");
  o.record_dir = config.get("llm.record_dir");
  o.replay_dir = config.get("llm.replay_dir");
  if (!o.record_dir.empty() && !o.replay_dir.empty())
    throw UsageError("llm.record_dir and llm.replay_dir: choose one, not both");
  return o;
}

Limits Limits::from_config(const Config& config) {
  BudgetLimits b;
  b.max_calls = config.get_int("llm.max_calls");
  b.max_total_tokens = config.get_int("llm.max_total_tokens");
  b.cost_per_1k_in = config.get_double("llm.cost_per_1k_in");
  b.cost_per_1k_out = config.get_double("llm.cost_per_1k_out");
  return {std::make_shared<Budget>(b),
          std::make_shared<InFlightLimit>(static_cast<int>(config.get_int("llm.max_in_flight")))};
}

Client::Client(ClientOptions options, Limits limits)
    : options_(std::move(options)), limits_(std::move(limits)), rng_(std::random_device{}()) {
  options_.base_url = trim_slash(options_.base_url);
  if (!limits_.budget) limits_.budget = std::make_shared<Budget>();
  if (!limits_.in_flight) limits_.in_flight = std::make_shared<InFlightLimit>(4);
  if (!options_.record_dir.empty()) recorder_ = std::make_unique<Recorder>(options_.record_dir);
  if (!options_.replay_dir.empty()) replayer_ = std::make_unique<Replayer>(options_.replay_dir);
}

bool Client::structured_enabled() const {
  if (options_.structured == "on") return true;
  if (options_.structured == "off") return false;
  return !structured_rejected_.load();
}

std::vector<std::string> Client::auth_headers() const {
  std::vector<std::string> h{"Content-Type: application/json", "Accept: application/json"};
  if (!options_.api_key.empty()) h.push_back("Authorization: Bearer " + options_.api_key);
  return h;
}

json Client::request_body(const ChatRequest& request, bool structured) const {
  json messages = json::array();
  for (const auto& m : request.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  json body = {{"model", options_.model}, {"messages", messages},
               {"temperature", options_.temperature}, {"max_tokens", options_.max_tokens}};
  if (structured)
    body["response_format"] = {
        {"type", "json_schema"},
        {"json_schema", {{"name", request.schema_name}, {"schema", request.schema}, {"strict", false}}}};
  return body;
}

ChatReply Client::chat(const ChatRequest& request) {
  limits_.budget->reserve_call();
  try {
    bool structured = !request.schema.is_null() && structured_enabled();
    for (;;) {
      json body = request_body(request, structured);
      bool rejected = false;
      ChatReply reply = replayer_ ? *answer_from_replay(body, rejected) : exchange(body, rejected);
      if (rejected) {
        spdlog::info("llm: {} rejected response_format; asking for fenced blocks instead", options_.base_url);
        structured_rejected_ = true;
        structured = false;
        continue;
      }
      reply.structured = structured;
      limits_.budget->record_usage(reply.tokens_in, reply.tokens_out);
      return reply;
    }
  } catch (...) {
    limits_.budget->record_failure();
    throw;
  }
}

std::optional<ChatReply> Client::answer_from_replay(const json& body, bool& rejected_structured) {
  std::string hash = request_hash(body);
  RecordedReply rec = replayer_->get(hash);
  if (rec.status == 400 && body.contains("response_format") && options_.structured == "auto") {
    rejected_structured = true;
    return ChatReply{};
  }
  if (rec.status < 200 || rec.status >= 300)
    throw LlmError("replay: recorded HTTP " + std::to_string(rec.status) + " for request " + hash + ": " +
                       excerpt(rec.body), rec.status);
  ChatReply reply = parse_reply(rec.body);
  reply.replayed = true;
  reply.request_hash = hash;
  return reply;
}

ChatReply Client::exchange(const json& body, bool& rejected_structured) {
  HttpRequest req;
  req.method = "POST";
  req.url = options_.base_url + "/chat/completions";
  req.headers = auth_headers();
  req.body = body.dump();
  req.timeout_ms = options_.timeout_ms;
  std::string hash = request_hash(body);
  for (int retry = 0;; ++retry) {
    HttpResponse r;
    {
      InFlightLimit::Guard slot(*limits_.in_flight);
      r = http_send(req);
    }
    if (r.status >= 200 && r.status < 300) {
      if (recorder_) recorder_->store(hash, body, {r.status, r.body});
      ChatReply reply = parse_reply(r.body);
      reply.latency_ms = r.latency_ms;
      reply.retries = retry;
      reply.request_hash = hash;
      return reply;
    }
    if (r.status == 400 && body.contains("response_format") && options_.structured == "auto") {
      if (recorder_) recorder_->store(hash, body, {r.status, r.body});
      rejected_structured = true;
      return ChatReply{};
    }
    if (!is_retryable(r) || retry >= options_.max_retries)
      throw LlmError(describe_failure(r, req.url, retry), r.status);
    std::chrono::milliseconds wait;
    {
      std::lock_guard lock(rng_mu_);
      wait = retry_delay(retry, std::chrono::milliseconds(options_.backoff_ms),
                         std::chrono::milliseconds(options_.backoff_cap_ms), r, rng_);
    }
    spdlog::debug("llm: {}; retry {} in {} ms", describe_failure(r, req.url, 0), retry + 1, wait.count());
    std::this_thread::sleep_for(wait);
  }
}

ChatReply Client::parse_reply(const std::string& body) const {
  // Replies come from the network or from a replay folder that may have been written by hand.
  const std::string body_text = to_utf8(body);
  auto j = json::parse(body_text, nullptr, false);
  std::string where = options_.base_url + "/chat/completions";
  if (j.is_discarded() || !j.is_object())
    throw LlmError("reply from " + where + " is not JSON: " + excerpt(body_text), 200);
  ChatReply reply;
  try {
    const auto& content = j.at("choices").at(0).at("message").at("content");
    if (!content.is_string()) throw Error("content is not text");
    reply.content = content.get<std::string>();
  } catch (const std::exception&) {
    throw LlmError("reply from " + where + " has no choices[0].message.content: " + excerpt(body_text), 200);
  }
  if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
    reply.tokens_in = u->value("prompt_tokens", std::int64_t{0});
    reply.tokens_out = u->value("completion_tokens", std::int64_t{0});
  }
  return reply;
}

std::vector<std::string> Client::list_models() {
  HttpRequest req;
  req.url = options_.base_url + "/models";
  req.headers = auth_headers();
  req.timeout_ms = options_.timeout_ms;
  HttpResponse r = http_send(req);
  if (r.status < 200 || r.status >= 300) throw LlmError(describe_failure(r, req.url, 0), r.status);
  auto j = json::parse(r.body, nullptr, false);
  if (j.is_discarded()) throw LlmError("reply from " + req.url + " is not JSON: " + excerpt(r.body), r.status);
  const json* data = j.is_object() && j.contains("data") ? &j["data"] : (j.is_array() ? &j : nullptr);
  if (!data || !data->is_array())
    throw LlmError("reply from " + req.url + " has no model list (\"data\"): " + excerpt(r.body), r.status);
  std::vector<std::string> ids;
  for (const auto& m : *data)
    if (m.is_object() && m.contains("id") && m["id"].is_string()) ids.push_back(m["id"].get<std::string>());
  return ids;
}

std::string fenced_block(const std::string& text, const std::string& language) {
  std::string first;
  bool found_any = false;
  for (std::size_t pos = text.find("```"); pos != std::string::npos; pos = text.find("```", pos)) {
    auto info_end = text.find('\n', pos);
    if (info_end == std::string::npos) break;
    std::string info = text.substr(pos + 3, info_end - pos - 3);
    while (!info.empty() && (info.back() == ' ' || info.back() == '\r')) info.pop_back();
    auto close = text.find("\n```", info_end);
    if (close == std::string::npos) close = text.size();
    std::string block = text.substr(info_end + 1, close - info_end - 1);
    bool matches = info == language || (language == "cpp" && (info == "c++" || info == "cuda" || info == "cxx" || info == "c"));
    if (matches) return block;
    if (!found_any) first = block, found_any = true;
    pos = close + 4;
    if (pos >= text.size()) break;
  }
  return found_any ? first : text;
}

}  // namespace kq::llm
