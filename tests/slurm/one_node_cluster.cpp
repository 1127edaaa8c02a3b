#include "tests/slurm/one_node_cluster.hpp"

#include <unistd.h>

#include <csignal>
#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "core/error.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"

namespace kq::test {

namespace fs = std::filesystem;

namespace {

void must_run(const std::vector<std::string>& argv) {
  auto r = run_process(argv, {.timeout = std::chrono::seconds(60)});
  if (!r.ok()) throw Error(argv.front() + ": " + r.describe() + ": " + r.err + r.out);
}

pid_t read_pid(const fs::path& pid_file) {
  std::ifstream in(pid_file);
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

bool alive(pid_t pid) { return pid > 0 && ::kill(pid, 0) == 0; }

}  // namespace

std::string OneNodeCluster::missing_reason() {
  for (const char* tool : {"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"})
    if (find_program(tool).empty() && !fs::exists(fs::path("/usr/sbin") / tool))
      return std::string(tool) + " not installed (Debian: apt-get install slurmctld slurmd slurm-client munge)";
  if (::geteuid() != 0) return "slurmd must run as root to start jobs";
  return "";
}

OneNodeCluster::OneNodeCluster(const fs::path& dir) : dir_(dir), conf_(dir / "slurm.conf") {
  for (const char* sub : {"state", "spool", "log", "munge"}) fs::create_directories(dir_ / sub);
  // Ports away from the defaults (6817/6818), different per test process.
  unsigned port = 20000 + static_cast<unsigned>(::getpid()) % 20000;
  start_munge();
  write_config(port);
  ::setenv("SLURM_CONF", conf_.c_str(), 1);
  must_run({"/usr/sbin/slurmctld", "-f", conf_.string()});
  must_run({"/usr/sbin/slurmd", "-f", conf_.string(), "-N", "localhost"});
  wait_until_idle();
}

OneNodeCluster::~OneNodeCluster() {
  // Jobs first, so that no job step outlives the daemons that watch it.
  run_process({"scancel", "--user=root"}, {.timeout = std::chrono::seconds(30)});
  for (int i = 0; i < 60; ++i) {
    auto q = run_process({"squeue", "-h"}, {.timeout = std::chrono::seconds(10)});
    if (!q.ok() || q.out.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  stop(dir_ / "slurmd.pid");
  stop(dir_ / "slurmctld.pid");
  stop(dir_ / "munge" / "munged.pid");
  ::unsetenv("SLURM_CONF");
}

void OneNodeCluster::start_munge() {
  fs::permissions(dir_ / "munge", fs::perms::owner_all, fs::perm_options::replace);
  std::string key(1024, '\0');
  std::random_device rd;
  for (auto& c : key) c = static_cast<char>(rd());
  {
    std::ofstream out(dir_ / "munge" / "munge.key", std::ios::binary);
    out << key;
  }
  fs::permissions(dir_ / "munge" / "munge.key", fs::perms::owner_read, fs::perm_options::replace);
  auto m = dir_ / "munge";
  must_run({"/usr/sbin/munged", "--force", "--key-file=" + (m / "munge.key").string(),
            "--socket=" + (m / "munge.sock").string(), "--pid-file=" + (m / "munged.pid").string(),
            "--log-file=" + (m / "munged.log").string(), "--seed-file=" + (m / "munged.seed").string()});
}

void OneNodeCluster::write_config(unsigned port) {
  auto d = dir_.string();
  unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  write_text(conf_,
             "ClusterName=kqtest\n"
             "SlurmctldHost=localhost(127.0.0.1)\n"
             "SlurmctldPort=" + std::to_string(port) + "\n"
             "SlurmdPort=" + std::to_string(port + 1) + "\n"
             "AuthType=auth/munge\nCredType=cred/munge\n"
             "AuthInfo=socket=" + d + "/munge/munge.sock\n"
             "SlurmUser=root\nSlurmdUser=root\n"
             "StateSaveLocation=" + d + "/state\nSlurmdSpoolDir=" + d + "/spool\n"
             "SlurmctldPidFile=" + d + "/slurmctld.pid\nSlurmdPidFile=" + d + "/slurmd.pid\n"
             "SlurmctldLogFile=" + d + "/log/slurmctld.log\nSlurmdLogFile=" + d + "/log/slurmd.log\n"
             "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
             "SelectType=select/cons_tres\nSelectTypeParameters=CR_Core\n"
             "GresTypes=gpu\nReturnToService=2\nMpiDefault=none\n"
             "SchedulerType=sched/builtin\n"
             "AccountingStorageType=accounting_storage/none\nJobCompType=jobcomp/none\n"
             "JobAcctGatherType=jobacct_gather/none\nMinJobAge=600\n"
             "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" + std::to_string(cpus) +
             " RealMemory=1000 Gres=gpu:1 State=UNKNOWN\n"
             "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n");
  // No GPU here: the gres names a device file every machine has.
  write_text(dir_ / "gres.conf", "NodeName=localhost Name=gpu Count=1 File=/dev/null\n");
}

void OneNodeCluster::wait_until_idle() {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = run_process({"sinfo", "-h", "-o", "%t"}, {.timeout = std::chrono::seconds(10)});
    if (r.ok() && r.out.starts_with("idle")) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  throw Error("the test cluster's node did not become idle within 60 s; see " + (dir_ / "log").string());
}

void OneNodeCluster::stop(const fs::path& pid_file) {
  pid_t pid = read_pid(pid_file);
  if (!alive(pid)) return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 100 && alive(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (alive(pid)) ::kill(pid, SIGKILL);
}

}  // namespace kq::test
