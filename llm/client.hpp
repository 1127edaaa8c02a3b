#pragma once
// A client for OpenAI-compatible chat completions (vLLM, SGLang, llama.cpp
// server, Ollama, gateways, hosted APIs): retries with backoff on 429, 5xx and
// timeouts, a limit on requests in flight shared by threads, a call and token
// budget, structured output where the server accepts it, and record/replay.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/error.hpp"
#include "llm/budget.hpp"
#include "llm/record_replay.hpp"

namespace kq::llm {

// The endpoint answered with an error, or not at all, after every retry.
class LlmError : public Error {
 public:
  LlmError(const std::string& message, long status) : Error(message), status_(status) {}
  long status() const { return status_; }  // 0 when no HTTP reply came

 private:
  long status_;
};

struct ClientOptions {
  std::string base_url = "http://127.0.0.1:8000/v1";
  std::string api_key;          // empty: no Authorization header (local servers)
  std::string model = "gpt-4o-mini";
  double temperature = 0.2;
  long max_tokens = 4096;
  long timeout_ms = 120000;
  int max_retries = 5;
  long backoff_ms = 500;        // first retry waits about this long, doubling after
  long backoff_cap_ms = 30000;
  std::string structured = "auto";  // auto, on, off
  std::string record_dir;
  std::string replay_dir;
  std::string provider = "openai";

  // Reads the llm.* keys; the key itself comes from the variable llm.api_key_env names.
  static ClientOptions from_config(const Config& config);
};

struct Message {
  std::string role;  // system, user, assistant
  std::string content;
};

struct ChatRequest {
  std::vector<Message> messages;
  // JSON schema of the reply, sent as response_format when structured output is on.
  nlohmann::json schema;  // null: plain text
  std::string schema_name = "reply";
};

struct ChatReply {
  std::string content;
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
  std::int64_t latency_ms = 0;   // of the exchange that answered, or of the replay lookup
  int retries = 0;
  bool structured = false;       // the request carried response_format
  bool replayed = false;
  std::string request_hash;
};

struct Limits {
  std::shared_ptr<Budget> budget;
  std::shared_ptr<InFlightLimit> in_flight;
  static Limits from_config(const Config& config);
};

class Client {
 public:
  Client(ClientOptions options, Limits limits);

  // Throws BudgetExhausted before sending when the budget is spent, LlmError when
  // the endpoint fails after the retries, kq::Error on a replay miss.
  ChatReply chat(const ChatRequest& request);

  // GET {base_url}/models: the model ids; LlmError saying what went wrong.
  std::vector<std::string> list_models();

  const ClientOptions& options() const { return options_; }
  Budget& budget() { return *limits_.budget; }
  // Whether the server took response_format (auto mode learns it on first use).
  bool structured_enabled() const;

 private:
  nlohmann::json request_body(const ChatRequest& request, bool structured) const;
  std::optional<ChatReply> answer_from_replay(const nlohmann::json& body, bool& rejected_structured);
  ChatReply exchange(const nlohmann::json& body, bool& rejected_structured);
  ChatReply parse_reply(const std::string& body_text) const;
  std::vector<std::string> auth_headers() const;

  ClientOptions options_;
  Limits limits_;
  std::unique_ptr<Recorder> recorder_;
  std::unique_ptr<Replayer> replayer_;
  std::atomic<bool> structured_rejected_{false};
  std::mutex rng_mu_;
  std::mt19937_64 rng_;
};

// Pulls the first fenced block of a language (```json, ```cpp) out of a reply;
// the whole text when there is no fence.
std::string fenced_block(const std::string& text, const std::string& language);

}  // namespace kq::llm
