#pragma once
// One HTTP exchange over libcurl, with what the retry logic needs to decide:
// the status, the body, the Retry-After header and whether it timed out.
#include <cstdint>
#include <string>
#include <vector>

namespace kq::llm {

struct HttpResponse {
  long status = 0;            // 0 when no HTTP reply came
  std::string body;
  std::string retry_after;    // raw header value, empty when absent
  std::string content_type;
  bool timed_out = false;
  bool unreachable = false;   // could not connect or resolve
  std::string transport_error;  // curl's message when no reply came
  std::int64_t latency_ms = 0;
};

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long timeout_ms = 120000;
  long connect_timeout_ms = 10000;
};

// Never throws for network failures: they are reported in the response.
HttpResponse http_send(const HttpRequest& request);

}  // namespace kq::llm
