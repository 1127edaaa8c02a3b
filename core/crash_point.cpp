#include "core/crash_point.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace kq {
namespace {

struct Target {
  std::string name;
  long long at = 0;  // 0: no target
};

Target target_from_environment() {
  const char* v = std::getenv("KQ_TEST_KILL_AT");
  if (!v) return {};
  std::string s(v);
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return {};
  return {s.substr(0, colon), std::atoll(s.c_str() + colon + 1)};
}

}  // namespace

void crash_point(std::string_view name) {
  static const Target target = target_from_environment();
  static std::atomic<long long> arrivals{0};
  if (target.at <= 0 || name != target.name) return;
  if (++arrivals == target.at) kill(getpid(), SIGKILL);
}

}  // namespace kq
