#pragma once
// The sandbox every compile and run of untrusted code goes through (DESIGN.md,
// "Trust boundary"). Built on run_process (own process group, rlimits,
// wall-clock timeout), it adds:
//   - a private working folder (the child's cwd, the only writable place);
//   - bubblewrap when it is installed and works (probed once): no network, a
//     read-only view of the file system, a minimal /dev (plus the GPU device
//     nodes when asked), its own PID namespace;
//   - on request, a seccomp filter (through bubblewrap) that kills the
//     program when it starts a process or opens a socket;
//   - a pids cgroup when one can be created (we often run as root, for whom
//     RLIMIT_NPROC does not apply): a fork loop hits pids.max, and every
//     process left in the cgroup is killed when the run ends;
//   - a memory limit fitted to the program: RLIMIT_AS for ordinary programs;
//     for AddressSanitizer runners and GPU programs (both reserve terabytes of
//     virtual memory) a memory cgroup when available, else ASan's own
//     hard_rss_limit_mb, else nothing (said in the result's sandbox line).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/subprocess.hpp"

namespace kq {

enum class BubblewrapMode { Auto, On, Off };
std::optional<BubblewrapMode> bubblewrap_mode_from_string(std::string_view s);

enum class MemoryLimit {
  AddressSpace,  // RLIMIT_AS: plain programs, compilers
  Resident,      // memory cgroup or ASAN_OPTIONS=hard_rss_limit_mb: ASan runners, GPU programs
  None,
};

struct SandboxOptions {
  std::filesystem::path work_dir;                 // required: cwd and the writable folder
  std::vector<std::filesystem::path> extra_writable;  // other folders the child may write
  std::chrono::milliseconds timeout{60000};
  std::uint64_t cpu_seconds = 0;                  // 0: derived from the timeout
  std::uint64_t memory_mb = 8192;
  MemoryLimit memory_limit = MemoryLimit::AddressSpace;
  std::uint64_t file_size_mb = 512;
  std::uint64_t max_processes = 256;
  BubblewrapMode bubblewrap = BubblewrapMode::Auto;
  bool gpu = false;                               // bind /dev/nvidia*, /dev/dri, /dev/kfd, /proc/driver/nvidia
  // Kill the program when it starts a process, opens a socket or touches
  // namespaces (core/sandbox_seccomp.hpp); applied through bubblewrap, so
  // only where bubblewrap runs. For programs that must be inert: cpu-sim runs.
  bool deny_host_calls = false;
  std::map<std::string, std::string> env_set;
  std::size_t max_output_bytes = 4u << 20;
};

struct SandboxResult : RunResult {
  bool bubblewrap = false;      // ran inside bubblewrap
  bool pids_cgroup = false;     // a pids cgroup bounded the process count
  bool seccomp = false;         // the system-call filter was applied
  std::string isolation;        // one line: what confined this run
};

// Runs argv (argv[0] looked up in PATH) confined as described above. Never
// throws for the child's behaviour; throws kq::Error when the work folder is
// missing or when bubblewrap is required (On) but does not work here.
SandboxResult sandbox_run(const std::vector<std::string>& argv, const SandboxOptions& options);

// What this machine offers, probed once per process.
struct SandboxSupport {
  bool bubblewrap_found = false;
  bool bubblewrap_works = false;
  bool pids_cgroup = false;
  bool memory_cgroup = false;
  std::string detail;           // why bubblewrap or a cgroup is not usable
};
const SandboxSupport& sandbox_support();

// One line for `kquarry backends`: what a sandboxed run gets with this mode.
std::string describe_sandbox(BubblewrapMode mode);

}  // namespace kq
