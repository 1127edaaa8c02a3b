#include "llm/budget.hpp"

namespace kq::llm {

void InFlightLimit::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return free_ > 0; });
  --free_;
}

void InFlightLimit::release() {
  {
    std::lock_guard lock(mu_);
    ++free_;
  }
  cv_.notify_one();
}

nlohmann::json UsageTotals::to_json() const {
  return {{"calls", calls}, {"failed", failed}, {"tokens_in", tokens_in},
          {"tokens_out", tokens_out}, {"cost", cost}};
}

void Budget::reserve_call() {
  std::lock_guard lock(mu_);
  if (limits_.max_calls > 0 && totals_.calls >= limits_.max_calls)
    throw BudgetExhausted("the limit of " + std::to_string(limits_.max_calls) +
                          " model calls (llm.max_calls / --max-calls) is reached");
  auto used = totals_.tokens_in + totals_.tokens_out;
  if (limits_.max_total_tokens > 0 && used >= limits_.max_total_tokens)
    throw BudgetExhausted(std::to_string(used) + " tokens used of the limit of " +
                          std::to_string(limits_.max_total_tokens) +
                          " (llm.max_total_tokens / --max-tokens)");
  ++totals_.calls;
}

void Budget::record_usage(std::int64_t tokens_in, std::int64_t tokens_out) {
  std::lock_guard lock(mu_);
  totals_.tokens_in += tokens_in;
  totals_.tokens_out += tokens_out;
  totals_.cost += static_cast<double>(tokens_in) / 1000.0 * limits_.cost_per_1k_in +
                  static_cast<double>(tokens_out) / 1000.0 * limits_.cost_per_1k_out;
}

void Budget::record_failure() {
  std::lock_guard lock(mu_);
  ++totals_.failed;
}

UsageTotals Budget::totals() const {
  std::lock_guard lock(mu_);
  return totals_;
}

}  // namespace kq::llm
