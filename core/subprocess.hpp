#pragma once
// Runs a child process in its own process group, with optional resource limits
// and a wall-clock timeout after which the whole group is killed. This is the
// base on which the sandbox (core/sandbox.hpp) is built.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kq {

struct ResourceLimits {
  std::optional<std::uint64_t> cpu_seconds;
  std::optional<std::uint64_t> address_space_bytes;
  std::optional<std::uint64_t> file_size_bytes;
  std::optional<std::uint64_t> processes;  // RLIMIT_NPROC (counts the user's processes)
  std::optional<std::uint64_t> open_files;
};

struct RunOptions {
  std::filesystem::path cwd;                     // empty: inherit
  std::chrono::milliseconds timeout{0};          // 0: no timeout
  std::map<std::string, std::string> env_set;    // added to / replacing the environment
  bool clear_env = false;                        // start from an empty environment
  std::string stdin_data;                        // written to the child's stdin
  std::size_t max_output_bytes = 8u << 20;       // per stream; beyond it output is dropped
  ResourceLimits limits;
  bool noted = true;                             // written to the process log (core/process_log.hpp)
};

struct RunResult {
  int exit_code = -1;        // valid when exited normally
  int term_signal = 0;       // non-zero when killed by a signal
  bool timed_out = false;
  bool spawn_failed = false; // exec failed (program missing, not executable)
  bool output_truncated = false;
  std::string out;           // decoded to UTF-8 (core/utf8.hpp)
  std::string err;
  std::int64_t wall_ms = 0;

  bool ok() const { return !timed_out && !spawn_failed && term_signal == 0 && exit_code == 0; }
  // One line for logs: "exit 1", "signal 11 (Segmentation fault)", "timeout after 5000 ms".
  std::string describe() const;
};

// Runs argv[0] (looked up in PATH) with the arguments. Never throws for the
// child's behaviour; throws kq::Error only when the parent cannot set up pipes.
RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options = {});

// Full path of a program in PATH, or empty.
std::filesystem::path find_program(const std::string& name);

}  // namespace kq
