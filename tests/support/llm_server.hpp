#pragma once
// A scripted OpenAI-compatible HTTP/1.1 server for tests: it listens on
// 127.0.0.1 on an ephemeral port, in its own threads, and answers
// POST /v1/chat/completions and GET /v1/models. Replies come from a queue of
// scripted answers (status, body, headers, delay, or never), then from a
// handler function; every request is kept for the test to inspect.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq::test {

struct LlmServerRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  nlohmann::json json() const;  // the body parsed, or null
  // Text of every message of a chat request, joined.
  std::string all_messages() const;
  std::string last_user_message() const;
};

struct LlmServerReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  int delay_ms = 0;
  bool never = false;  // keep the connection open and never answer

  static LlmServerReply chat(const std::string& content, int tokens_in = 100, int tokens_out = 50);
  static LlmServerReply error(int status, const std::string& message, const std::string& retry_after = "");
  static LlmServerReply models(const std::vector<std::string>& ids);
  static LlmServerReply raw(int status, const std::string& body, const std::string& content_type);
  LlmServerReply& after_ms(int ms) { delay_ms = ms; return *this; }
};

class LlmServer {
 public:
  using Handler = std::function<LlmServerReply(const LlmServerRequest&)>;

  LlmServer();
  ~LlmServer();
  LlmServer(const LlmServer&) = delete;
  LlmServer& operator=(const LlmServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // http://127.0.0.1:PORT/v1

  // Scripted replies to chat requests, consumed in order.
  void push(LlmServerReply reply);
  // Answers chat requests once the script is used up.
  void set_handler(Handler handler);
  // The reply to GET /v1/models (default: one model, "test-model").
  void set_models_reply(LlmServerReply reply);

  std::vector<LlmServerRequest> chat_requests() const;
  int max_concurrent() const { return max_concurrent_.load(); }
  void stop();

 private:
  void accept_loop();
  void serve(int fd);
  LlmServerReply reply_for(const LlmServerRequest& request);
  void wait_ms(int ms);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::condition_variable stop_cv_;
  std::vector<std::thread> workers_;
  std::deque<LlmServerReply> script_;
  Handler handler_;
  LlmServerReply models_reply_;
  std::vector<LlmServerRequest> chat_requests_;
  std::atomic<int> active_{0};
  std::atomic<int> max_concurrent_{0};
};

}  // namespace kq::test
