#include "core/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace kq {
namespace {
std::atomic<bool> g_enabled{true};
}

void Progress::set_enabled(bool enabled) { g_enabled = enabled; }

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)),
      total_(total),
      started_(std::chrono::steady_clock::now()),
      last_render_(started_),
      tty_(isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() { finish(); }

void Progress::set_total(std::size_t total) { total_ = total; }

void Progress::advance(std::size_t n, bool failed) {
  done_ += n;
  if (failed) failed_ += n;
  auto now = std::chrono::steady_clock::now();
  // A terminal can take ten redraws a second; a log file wants a line every 5 s.
  auto interval = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  std::lock_guard lock(mutex_);
  if (now - last_render_ < interval) return;
  last_render_ = now;
  render(false);
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  render(true);
}

void Progress::render(bool final_line) {
  if (!g_enabled) return;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::size_t done = done_, total = total_, failed = failed_;
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0.0;
  char line[256];
  std::snprintf(line, sizeof line, "%s: %zu/%zu done, %zu failed, %.1f/s, %.1fs", label_.c_str(),
                done, total, failed, rate, secs);
  if (tty_) {
    std::fprintf(stderr, "\r\033[K%s%s", line, final_line ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", line);
  }
  std::fflush(stderr);
}

}  // namespace kq
