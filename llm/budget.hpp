#pragma once
// Limits shared by every thread that talks to a model endpoint: how many
// requests may be in flight at once, and how many calls and tokens a run may
// spend. Running out of budget is a distinct error (BudgetExhausted) so the
// synthesis stage can record "budget exhausted" and stop asking, not crash.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace kq::llm {

class BudgetExhausted : public Error {
 public:
  explicit BudgetExhausted(const std::string& message) : Error("budget exhausted: " + message) {}
};

// A counting semaphore whose size is known only at run time.
class InFlightLimit {
 public:
  explicit InFlightLimit(int slots) : free_(slots < 1 ? 1 : slots), slots_(free_) {}
  void acquire();
  void release();
  int slots() const { return slots_; }

  class Guard {
   public:
    explicit Guard(InFlightLimit& l) : l_(l) { l_.acquire(); }
    ~Guard() { l_.release(); }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    InFlightLimit& l_;
  };

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
  int slots_;
};

struct BudgetLimits {
  std::int64_t max_calls = 0;         // 0: no limit
  std::int64_t max_total_tokens = 0;  // 0: no limit
  double cost_per_1k_in = 0;
  double cost_per_1k_out = 0;
};

struct UsageTotals {
  std::int64_t calls = 0;       // calls started (reserved)
  std::int64_t failed = 0;      // calls that ended without a reply
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
  double cost = 0;
  nlohmann::json to_json() const;
};

class Budget {
 public:
  explicit Budget(BudgetLimits limits = {}) : limits_(limits) {}

  // Reserves one call; throws BudgetExhausted when no call or token is left.
  void reserve_call();
  // Books what a finished call used (usage reported by the server).
  void record_usage(std::int64_t tokens_in, std::int64_t tokens_out);
  void record_failure();

  UsageTotals totals() const;
  const BudgetLimits& limits() const { return limits_; }

 private:
  BudgetLimits limits_;
  mutable std::mutex mu_;
  UsageTotals totals_;
};

}  // namespace kq::llm
