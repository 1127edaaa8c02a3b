#pragma once
// Background processes for end-to-end miner tests (a git daemon, a kquarry
// run killed halfway) and free local ports for them.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kq::test {

class ChildProcess {
 public:
  // Starts argv (argv[0] looked up in PATH) in `cwd`, in its own process
  // group, with stdout and stderr appended to `output` (/dev/null when empty).
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
               const std::map<std::string, std::string>& env = {}, const std::filesystem::path& output = {});
  ~ChildProcess();  // SIGKILLs the process when it is still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `signal` and reaps; returns the raw wait status.
  int kill_and_wait(int signal);
  int wait();  // raw wait status

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

// A TCP server on 127.0.0.1 that lets clients connect and never answers:
// the kernel completes the handshake from the listen backlog.
class SilentServer {
 public:
  SilentServer();
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_local_port();
// True once something accepts connections on 127.0.0.1:port.
bool wait_for_port(int port, std::chrono::milliseconds limit);

}  // namespace kq::test
