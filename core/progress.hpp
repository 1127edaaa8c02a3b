#pragma once
// Progress of a long stage: a redrawn line on a terminal, plain periodic lines
// otherwise (CI logs, pipes), silent under --quiet or --json.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace kq {

class Progress {
 public:
  Progress(std::string label, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::size_t n = 1, bool failed = false);
  void set_total(std::size_t total);
  void finish();

  // Global switch: set once by the CLI from -q/--json.
  static void set_enabled(bool enabled);

 private:
  void render(bool final_line);

  std::string label_;
  std::atomic<std::size_t> total_;
  std::atomic<std::size_t> done_{0};
  std::atomic<std::size_t> failed_{0};
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_render_;
  std::mutex mutex_;
  bool tty_;
  bool finished_ = false;
};

}  // namespace kq
