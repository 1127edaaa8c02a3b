#include "core/sandbox.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/process_log.hpp"
#include "core/sandbox_cgroup.hpp"
#include "core/sandbox_seccomp.hpp"

namespace kq {
namespace {

constexpr std::uint64_t kMiB = 1024ull * 1024ull;

bool use_bubblewrap(BubblewrapMode mode) {
  if (mode == BubblewrapMode::Off) return false;
  const auto& s = sandbox_support();
  if (s.bubblewrap_works) return true;
  if (mode == BubblewrapMode::On)
    throw Error("verifier.bubblewrap is 'on' but " + (s.detail.empty() ? std::string("bubblewrap fails") : s.detail));
  return false;
}

// /dev/nvidia-uvm appears only once something asks for it; inside the
// sandbox's own /dev nothing can create it, so ask once from outside.
void ensure_nvidia_uvm_node() {
  static const bool done = [] {
    std::error_code ec;
    if (std::filesystem::exists("/dev/nvidiactl", ec) && !std::filesystem::exists("/dev/nvidia-uvm", ec) &&
        !find_program("nvidia-modprobe").empty()) {
      RunOptions o;
      o.timeout = std::chrono::milliseconds(10000);
      run_process({"nvidia-modprobe", "-u", "-c=0"}, o);
    }
    return true;
  }();
  (void)done;
}

// GPU device nodes the driver exposes; bound into the sandbox's minimal /dev.
std::vector<std::filesystem::path> gpu_device_nodes() {
  ensure_nvidia_uvm_node();
  std::vector<std::filesystem::path> nodes;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/dev", ec)) {
    auto name = e.path().filename().string();
    if (name.rfind("nvidia", 0) == 0 || name == "dri" || name == "kfd") nodes.push_back(e.path());
  }
  std::sort(nodes.begin(), nodes.end());
  return nodes;
}

// bubblewrap reads the filter from an inherited descriptor: a shell opens the
// file on descriptor 9 and execs bwrap.
constexpr const char* kSeccompFd = "9";

std::vector<std::string> seccomp_prefix(const std::filesystem::path& filter) {
  return {"/bin/sh", "-c", std::string("exec \"$@\" ") + kSeccompFd + "<\"$0\"", filter.string()};
}

std::vector<std::string> bubblewrap_prefix(const SandboxOptions& o, bool seccomp) {
  std::vector<std::string> a = {
      "bwrap", "--die-with-parent", "--new-session",  // new session: no keystroke injection into our tty
      "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
      "--ro-bind", "/", "/",
      "--dev", "/dev",                                 // null, zero, random, urandom, tty, shm only
      "--proc", "/proc"};
  // /tmp stays visible read-only (compile caches and tools may live there);
  // temporary files go to TMPDIR inside the work folder.
  if (o.gpu) {
    for (const auto& node : gpu_device_nodes()) {
      a.insert(a.end(), {"--dev-bind", node.string(), node.string()});
    }
    a.insert(a.end(), {"--ro-bind-try", "/proc/driver/nvidia", "/proc/driver/nvidia"});
  }
  a.insert(a.end(), {"--bind", o.work_dir.string(), o.work_dir.string()});
  for (const auto& w : o.extra_writable) a.insert(a.end(), {"--bind", w.string(), w.string()});
  if (seccomp) a.insert(a.end(), {"--seccomp", kSeccompFd});
  a.insert(a.end(), {"--chdir", o.work_dir.string(), "--"});
  return a;
}

// Moves the shell into the run's cgroups before it execs the real command, so
// the command and everything it forks are counted from their first instruction.
std::vector<std::string> cgroup_prefix(const std::vector<const RunCgroup*>& groups) {
  std::string script;
  for (const auto* g : groups) {
    if (!g->active()) continue;
    script += "echo $$ > '" + g->procs_file().string() + "' || exit 125; ";
  }
  if (script.empty()) return {};
  script += "exec \"$@\"";
  return {"/bin/sh", "-c", script, "kq-sandbox"};
}

std::string append_asan_option(const std::map<std::string, std::string>& env, const std::string& option) {
  auto it = env.find("ASAN_OPTIONS");
  const char* inherited = std::getenv("ASAN_OPTIONS");
  std::string base = it != env.end() ? it->second : (inherited ? inherited : "");
  return base.empty() ? option : base + ":" + option;
}

}  // namespace

SandboxResult sandbox_run(const std::vector<std::string>& argv, const SandboxOptions& given) {
  if (argv.empty()) throw Error("sandbox_run: empty command");
  // bubblewrap binds need absolute paths.
  SandboxOptions o = given;
  o.work_dir = std::filesystem::absolute(o.work_dir);
  for (auto& w : o.extra_writable) w = std::filesystem::absolute(w);
  std::error_code ec;
  if (o.work_dir.empty() || !std::filesystem::is_directory(o.work_dir, ec))
    throw Error("sandbox_run: work folder '" + o.work_dir.string() + "' does not exist");
  bool bwrap = use_bubblewrap(o.bubblewrap);
  const auto& bases = cgroup_bases();

  RunOptions run;
  run.noted = false;  // the log names the sandboxed command, not the wrappers around it
  run.cwd = o.work_dir;
  run.timeout = o.timeout;
  run.max_output_bytes = o.max_output_bytes;
  run.env_set = o.env_set;
  // Temporary files of compilers and programs stay inside the private folder.
  auto tmp = o.work_dir / ".tmp";
  std::filesystem::create_directories(tmp, ec);
  run.env_set["TMPDIR"] = tmp.string();
  run.env_set["HOME"] = o.work_dir.string();

  auto timeout_s = static_cast<std::uint64_t>(std::max<long long>(1, o.timeout.count() / 1000));
  run.limits.cpu_seconds = o.cpu_seconds ? o.cpu_seconds : 2 * timeout_s + 5;
  run.limits.file_size_bytes = o.file_size_mb * kMiB;
  run.limits.open_files = 1024;

  RunCgroup pids(bases.pids, "pids.max", o.max_processes);
  // RLIMIT_NPROC counts every process of the user and never binds root; it is
  // the fallback for ordinary users on machines without a pids cgroup.
  if (!pids.active() && geteuid() != 0) run.limits.processes = o.max_processes;

  bool memory_cgroup = o.memory_limit == MemoryLimit::Resident && !bases.memory.empty();
  RunCgroup memory(memory_cgroup ? bases.memory : std::filesystem::path(), "memory.limit_in_bytes",
                   o.memory_mb * kMiB);
  std::string memory_line;
  if (o.memory_limit == MemoryLimit::AddressSpace) {
    run.limits.address_space_bytes = o.memory_mb * kMiB;
    memory_line = "address space " + std::to_string(o.memory_mb) + " MiB";
  } else if (o.memory_limit == MemoryLimit::Resident && memory.active()) {
    memory_line = "memory cgroup " + std::to_string(o.memory_mb) + " MiB";
  } else if (o.memory_limit == MemoryLimit::Resident) {
    // Without a memory cgroup, AddressSanitizer's own watchdog is the limit.
    run.env_set["ASAN_OPTIONS"] = append_asan_option(run.env_set, "hard_rss_limit_mb=" + std::to_string(o.memory_mb));
    memory_line = "resident memory bounded only for sanitized programs (ASan hard_rss_limit_mb " +
                  std::to_string(o.memory_mb) + ")";
  } else {
    memory_line = "no memory limit";
  }

  std::vector<std::string> cmd = cgroup_prefix({&pids, &memory});
  bool seccomp = bwrap && o.deny_host_calls && seccomp_available();
  if (seccomp) {
    auto filter = tmp / "seccomp.bpf";
    write_file_atomic(filter, seccomp_filter_bpf());
    auto pre = seccomp_prefix(filter);
    cmd.insert(cmd.end(), pre.begin(), pre.end());
  }
  if (bwrap) {
    auto pre = bubblewrap_prefix(o, seccomp);
    cmd.insert(cmd.end(), pre.begin(), pre.end());
  }
  cmd.insert(cmd.end(), argv.begin(), argv.end());

  SandboxResult result;
  static_cast<RunResult&>(result) = run_process(cmd, run);
  // Whatever escaped the process group (setsid, daemons) dies with the cgroup.
  pids.kill_all();
  memory.kill_all();
  // bubblewrap reports a child killed by signal N as exit status 128+N.
  if (bwrap && !result.timed_out && result.term_signal == 0 && result.exit_code > 128 &&
      result.exit_code < 128 + 65) {
    result.term_signal = result.exit_code - 128;
    result.exit_code = -1;
  }
  if (seccomp && result.term_signal == SIGSYS)
    result.err += "\n[sandbox] killed for a denied system call (seccomp: a new process, a socket or a namespace)\n";
  result.bubblewrap = bwrap;
  result.pids_cgroup = pids.active();
  result.seccomp = seccomp;
  std::string filter_line =
      !o.deny_host_calls ? "" : seccomp ? ", seccomp" : ", no seccomp (needs bubblewrap and libseccomp)";
  result.isolation = std::string(bwrap ? "bubblewrap" : "rlimits only") + filter_line + ", " +
                     (pids.active() ? "pids cgroup " + std::to_string(o.max_processes)
                                    : std::string("no pids cgroup")) +
                     ", " + memory_line;
  note_process(argv, result.wall_ms);
  return result;
}

}  // namespace kq
