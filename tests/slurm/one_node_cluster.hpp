#pragma once
// A one-node Slurm cluster for tests, from Debian's packages (munge,
// slurmctld, slurmd): configuration written here, daemons bound to
// 127.0.0.1 as root without systemd, a fake GPU gres, and every daemon
// stopped again by the destructor.
#include <filesystem>
#include <string>

namespace kq::test {

class OneNodeCluster {
 public:
  // Empty when a cluster can be started here; otherwise why not.
  static std::string missing_reason();

  explicit OneNodeCluster(const std::filesystem::path& dir);  // throws kq::Error when a daemon does not come up
  ~OneNodeCluster();
  OneNodeCluster(const OneNodeCluster&) = delete;
  OneNodeCluster& operator=(const OneNodeCluster&) = delete;

  const std::filesystem::path& conf() const { return conf_; }  // SLURM_CONF for clients

 private:
  void start_munge();
  void write_config(unsigned port);
  void wait_until_idle();
  void stop(const std::filesystem::path& pid_file);

  std::filesystem::path dir_, conf_;
};

}  // namespace kq::test
