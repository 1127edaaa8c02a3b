#include "llm/client_retry.hpp"

#include <algorithm>
#include <string>

#include <curl/curl.h>

namespace kq::llm {

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::time_t now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::hours(24);  // absurdly long: the cap decides
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  std::string text(value);
  std::time_t at = curl_getdate(text.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  if (at <= now) return std::chrono::milliseconds(0);
  return std::chrono::seconds(at - now);
}

bool is_retryable(const HttpResponse& r) {
  if (r.timed_out) return true;
  if (r.status == 0) return false;  // unreachable: a clear error beats waiting
  return r.status == 429 || r.status >= 500;
}

std::chrono::milliseconds retry_delay(int retry, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      const HttpResponse& r, std::mt19937_64& rng) {
  long long ceiling = base.count() << std::min(retry, 20);
  ceiling = std::min<long long>(ceiling, cap.count());
  std::uniform_int_distribution<long long> jitter(ceiling / 2, std::max(ceiling / 2, ceiling));
  std::chrono::milliseconds wait(jitter(rng));
  if (auto asked = parse_retry_after(r.retry_after, std::time(nullptr)))
    wait = std::max(wait, std::min(*asked, std::chrono::milliseconds(std::chrono::minutes(10))));
  return wait;
}

}  // namespace kq::llm
