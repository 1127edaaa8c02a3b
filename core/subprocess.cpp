#include "core/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/error.hpp"
#include "core/process_log.hpp"
#include "core/utf8.hpp"

extern char** environ;

namespace kq {
namespace {

using Clock = std::chrono::steady_clock;

void set_limit(int resource, const std::optional<std::uint64_t>& value) {
  if (!value) return;
  rlimit rl{static_cast<rlim_t>(*value), static_cast<rlim_t>(*value)};
  setrlimit(resource, &rl);
}

void apply_limits(const ResourceLimits& l) {
  set_limit(RLIMIT_CPU, l.cpu_seconds);
  set_limit(RLIMIT_AS, l.address_space_bytes);
  set_limit(RLIMIT_FSIZE, l.file_size_bytes);
  set_limit(RLIMIT_NPROC, l.processes);
  set_limit(RLIMIT_NOFILE, l.open_files);
  rlimit core{0, 0};  // untrusted crashes must not fill the disk with cores
  setrlimit(RLIMIT_CORE, &core);
}

std::vector<std::string> build_env(const RunOptions& o) {
  std::map<std::string, std::string> env;
  if (!o.clear_env) {
    for (char** e = environ; e && *e; ++e) {
      std::string kv(*e);
      auto eq = kv.find('=');
      if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
  }
  for (const auto& [k, v] : o.env_set) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

// Runs in the child after fork: only async-signal-safe work until exec.
[[noreturn]] void exec_child(const std::vector<std::string>& argv,
                             const std::vector<std::string>& env, const RunOptions& o,
                             int in_fd, int out_fd, int err_fd, int status_fd) {
  setpgid(0, 0);
  dup2(in_fd, 0);
  dup2(out_fd, 1);
  dup2(err_fd, 2);
  if (!o.cwd.empty() && chdir(o.cwd.c_str()) != 0) {
    int e = errno;
    (void)!write(status_fd, &e, sizeof e);
    _exit(127);
  }
  apply_limits(o.limits);
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  // execvpe consults PATH from the parent's environment, as a user expects.
  execvpe(args[0], args.data(), envp.data());
  int e = errno;
  (void)!write(status_fd, &e, sizeof e);
  _exit(127);
}

void append_capped(std::string& dst, const char* buf, std::size_t n, std::size_t cap,
                   bool& truncated) {
  if (dst.size() >= cap) {
    truncated = true;
    return;
  }
  std::size_t take = std::min(n, cap - dst.size());
  dst.append(buf, take);
  if (take < n) truncated = true;
}

struct Pipe {
  int r = -1, w = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw Error(std::string("pipe: ") + std::strerror(errno));
    r = fds[0];
    w = fds[1];
  }
  void close_r() { if (r >= 0) { close(r); r = -1; } }
  void close_w() { if (w >= 0) { close(w); w = -1; } }
  ~Pipe() { close_r(); close_w(); }
};

void kill_group(pid_t pid) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
}

}  // namespace

std::string RunResult::describe() const {
  if (spawn_failed) return "could not start: " + err;
  if (timed_out) return "timeout after " + std::to_string(wall_ms) + " ms";
  if (term_signal != 0)
    return "signal " + std::to_string(term_signal) + " (" + strsignal(term_signal) + ")";
  return "exit " + std::to_string(exit_code);
}

std::filesystem::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos)
    return access(name.c_str(), X_OK) == 0 ? std::filesystem::path(name) : std::filesystem::path();
  const char* path = std::getenv("PATH");
  std::string p = path ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= p.size()) {
    auto end = p.find(':', start);
    if (end == std::string::npos) end = p.size();
    std::filesystem::path candidate = std::filesystem::path(p.substr(start, end - start)) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty()) throw Error("run_process: empty command");
  RunResult result;
  Pipe in, out, err, status;
  auto env = build_env(options);
  auto started = Clock::now();

  pid_t pid = fork();
  if (pid < 0) throw Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) exec_child(argv, env, options, in.r, out.w, err.w, status.w);
  setpgid(pid, pid);  // also in the parent, so kill(-pid) works even before the child ran

  in.close_r();
  out.close_w();
  err.close_w();
  status.close_w();

  int exec_errno = 0;
  if (read(status.r, &exec_errno, sizeof exec_errno) == static_cast<ssize_t>(sizeof exec_errno)) {
    result.spawn_failed = true;
    result.err = "'" + argv[0] + "': " + std::strerror(exec_errno);
  }

  // Feed stdin without blocking on a child that does not read it.
  std::size_t in_off = 0;
  fcntl(in.w, F_SETFL, O_NONBLOCK);
  if (options.stdin_data.empty()) in.close_w();

  auto deadline = options.timeout.count() > 0 ? started + options.timeout : Clock::time_point::max();
  char buf[65536];
  while (out.r >= 0 || err.r >= 0) {
    std::vector<pollfd> fds;
    if (out.r >= 0) fds.push_back({out.r, POLLIN, 0});
    if (err.r >= 0) fds.push_back({err.r, POLLIN, 0});
    if (in.w >= 0) fds.push_back({in.w, POLLOUT, 0});
    int wait_ms = 100;
    if (Clock::now() >= deadline) {
      result.timed_out = true;
      kill_group(pid);
      break;
    }
    if (poll(fds.data(), fds.size(), wait_ms) < 0 && errno != EINTR) break;
    for (const auto& f : fds) {
      if (f.revents == 0) continue;
      if (f.fd == in.w) {
        ssize_t n = write(in.w, options.stdin_data.data() + in_off, options.stdin_data.size() - in_off);
        if (n > 0) in_off += static_cast<std::size_t>(n);
        if (n < 0 || in_off >= options.stdin_data.size()) in.close_w();
        continue;
      }
      ssize_t n = read(f.fd, buf, sizeof buf);
      bool is_out = f.fd == out.r;
      if (n <= 0) {
        is_out ? out.close_r() : err.close_r();
        continue;
      }
      append_capped(is_out ? result.out : result.err, buf, static_cast<std::size_t>(n),
                    options.max_output_bytes, result.output_truncated);
    }
  }
  in.close_w();

  int wstatus = 0;
  for (;;) {
    pid_t r = waitpid(pid, &wstatus, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) break;
    if (Clock::now() >= deadline && !result.timed_out) {
      result.timed_out = true;
      kill_group(pid);
    }
    usleep(2000);
  }
  // Grandchildren that outlive the child (daemons, fork bombs) die with the group.
  kill(-pid, SIGKILL);

  if (WIFEXITED(wstatus)) result.exit_code = WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus) && !result.timed_out) result.term_signal = WTERMSIG(wstatus);
  result.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  // Output is kept for logs, the database and reports: compilers quote source
  // lines in whatever encoding the file had, and a capped stream may end
  // mid-character.
  result.out = to_utf8(result.out);
  result.err = to_utf8(result.err);
  if (options.noted) note_process(argv, result.wall_ms);
  return result;
}

}  // namespace kq
