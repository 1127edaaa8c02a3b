#pragma once
// When to retry a model request and how long to wait first: exponential
// backoff with full jitter, never shorter than what the server's Retry-After
// asks (seconds or an HTTP date).
#include <chrono>
#include <ctime>
#include <optional>
#include <random>
#include <string_view>

#include "llm/client_http.hpp"

namespace kq::llm {

// nullopt when the value is neither delta-seconds nor an HTTP date.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, std::time_t now);

// 429, 5xx and timeouts are worth another try; anything else is not.
bool is_retryable(const HttpResponse& r);

// Delay before retry number `retry` (0-based): uniform in [base*2^retry/2, base*2^retry],
// capped at `cap`, and at least what Retry-After asked.
std::chrono::milliseconds retry_delay(int retry, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      const HttpResponse& r, std::mt19937_64& rng);

}  // namespace kq::llm
