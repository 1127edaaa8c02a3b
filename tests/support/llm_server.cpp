#include "tests/support/llm_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace kq::test {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

void send_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

// Reads one request: the head up to the blank line, then Content-Length bytes.
bool read_request(int fd, LlmServerRequest& req) {
  std::string data;
  char buf[8192];
  std::size_t head_end;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    data.append(buf, static_cast<std::size_t>(n));
  }
  std::string head = data.substr(0, head_end);
  auto line_end = head.find("\r\n");
  std::string first = head.substr(0, line_end);
  auto sp1 = first.find(' ');
  auto sp2 = first.find(' ', sp1 + 1);
  if (sp1 == std::string::npos || sp2 == std::string::npos) return false;
  req.method = first.substr(0, sp1);
  req.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
  std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(pos, end - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      req.headers[lower(line.substr(0, colon))] = value;
    }
    pos = end + 2;
  }
  std::size_t length = req.headers.count("content-length") ? std::stoul(req.headers["content-length"]) : 0;
  req.body = data.substr(head_end + 4);
  while (req.body.size() < length) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    req.body.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

json LlmServerRequest::json() const { return json::parse(body, nullptr, false); }

std::string LlmServerRequest::all_messages() const {
  auto j = json();
  std::string out;
  if (j.is_object() && j.contains("messages"))
    for (const auto& m : j["messages"]) out += m.value("content", "") + "\n";
  return out;
}

std::string LlmServerRequest::last_user_message() const {
  auto j = json();
  std::string out;
  if (j.is_object() && j.contains("messages"))
    for (const auto& m : j["messages"])
      if (m.value("role", "") == "user") out = m.value("content", "");
  return out;
}

LlmServerReply LlmServerReply::chat(const std::string& content, int tokens_in, int tokens_out) {
  json body = {{"id", "chatcmpl-test"}, {"object", "chat.completion"}, {"model", "test-model"},
               {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}},
                             {"finish_reason", "stop"}}}},
               {"usage", {{"prompt_tokens", tokens_in}, {"completion_tokens", tokens_out},
                          {"total_tokens", tokens_in + tokens_out}}}};
  return raw(200, body.dump(), "application/json");
}

LlmServerReply LlmServerReply::error(int status, const std::string& message, const std::string& retry_after) {
  json body = {{"error", {{"message", message}, {"type", "test_error"}}}};
  auto r = raw(status, body.dump(), "application/json");
  if (!retry_after.empty()) r.headers.emplace_back("Retry-After", retry_after);
  return r;
}

LlmServerReply LlmServerReply::models(const std::vector<std::string>& ids) {
  json data = json::array();
  for (const auto& id : ids) data.push_back({{"id", id}, {"object", "model"}, {"owned_by", "test"}});
  return raw(200, json{{"object", "list"}, {"data", data}}.dump(), "application/json");
}

LlmServerReply LlmServerReply::raw(int status, const std::string& body, const std::string& content_type) {
  LlmServerReply r;
  r.status = status;
  r.body = body;
  r.headers.emplace_back("Content-Type", content_type);
  return r;
}

LlmServer::LlmServer() : models_reply_(LlmServerReply::models({"test-model"})) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("llm_server: socket failed");
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0)
    throw std::runtime_error("llm_server: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

LlmServer::~LlmServer() { stop(); }

void LlmServer::stop() {
  if (stopping_.exchange(true)) return;
  stop_cv_.notify_all();
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
  ::close(listen_fd_);
}

std::string LlmServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

void LlmServer::push(LlmServerReply reply) {
  std::lock_guard lock(mu_);
  script_.push_back(std::move(reply));
}

void LlmServer::set_handler(Handler handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

void LlmServer::set_models_reply(LlmServerReply reply) {
  std::lock_guard lock(mu_);
  models_reply_ = std::move(reply);
}

std::vector<LlmServerRequest> LlmServer::chat_requests() const {
  std::lock_guard lock(mu_);
  return chat_requests_;
}

void LlmServer::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void LlmServer::wait_ms(int ms) {
  std::unique_lock lock(mu_);
  stop_cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_.load(); });
}

LlmServerReply LlmServer::reply_for(const LlmServerRequest& request) {
  std::lock_guard lock(mu_);
  if (request.method == "GET" && request.path.ends_with("/models")) return models_reply_;
  if (request.method != "POST" || !request.path.ends_with("/chat/completions"))
    return LlmServerReply::error(404, "no route " + request.method + " " + request.path);
  chat_requests_.push_back(request);
  if (!script_.empty()) {
    auto r = script_.front();
    script_.pop_front();
    return r;
  }
  if (handler_) {
    auto h = handler_;
    return h(request);
  }
  return LlmServerReply::error(500, "the test script has no reply left");
}

void LlmServer::serve(int fd) {
  LlmServerRequest request;
  if (read_request(fd, request)) {
    int now = ++active_;
    int seen = max_concurrent_.load();
    while (now > seen && !max_concurrent_.compare_exchange_weak(seen, now)) {}
    LlmServerReply reply = reply_for(request);
    if (reply.never) wait_ms(24 * 3600 * 1000);
    else if (reply.delay_ms > 0) wait_ms(reply.delay_ms);
    --active_;
    if (!stopping_ || !reply.never) {
      std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason_phrase(reply.status) + "\r\n";
      for (const auto& [k, v] : reply.headers) out += k + ": " + v + "\r\n";
      out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
      send_all(fd, out + reply.body);
    }
  }
  ::close(fd);
}

}  // namespace kq::test
