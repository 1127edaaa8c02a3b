#include "llm/client_http.hpp"

#include <chrono>
#include <mutex>

#include <curl/curl.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

namespace kq::llm {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  auto* r = static_cast<HttpResponse*>(user);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "retry-after") r->retry_after = trim(line.substr(colon + 1));
    if (name == "content-type") r->content_type = trim(line.substr(colon + 1));
  }
  return size * n;
}

struct CurlHandle {
  CURL* h = curl_easy_init();
  curl_slist* headers = nullptr;
  ~CurlHandle() {
    if (headers) curl_slist_free_all(headers);
    if (h) curl_easy_cleanup(h);
  }
};

}  // namespace

HttpResponse http_send(const HttpRequest& request) {
  global_init_once();
  HttpResponse r;
  CurlHandle c;
  if (!c.h) throw Error("http: cannot create a curl handle for " + request.url);
  for (const auto& h : request.headers) c.headers = curl_slist_append(c.headers, h.c_str());
  curl_easy_setopt(c.h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c.h, CURLOPT_HTTPHEADER, c.headers);
  curl_easy_setopt(c.h, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  curl_easy_setopt(c.h, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(c.h, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c.h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c.h, CURLOPT_HEADERDATA, &r);
  if (request.method == "POST") {
    curl_easy_setopt(c.h, CURLOPT_POST, 1L);
    curl_easy_setopt(c.h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c.h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  auto start = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(c.h);
  r.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start).count();
  if (rc != CURLE_OK) {
    r.transport_error = curl_easy_strerror(rc);
    r.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    r.unreachable = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                    rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_UNSUPPORTED_PROTOCOL ||
                    rc == CURLE_URL_MALFORMAT;
    r.body.clear();
    return r;
  }
  curl_easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &r.status);
  // A reply is stored, logged and quoted in errors: whatever bytes the server
  // sent, from here on it is UTF-8 text (core/utf8.hpp).
  r.body = to_utf8(r.body);
  return r;
}

}  // namespace kq::llm
