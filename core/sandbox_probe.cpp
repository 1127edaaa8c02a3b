// What confinement this machine offers: whether bubblewrap runs (it fails in
// containers without user namespaces) and whether we may create pids and
// memory cgroups under our own. Probed once per process.
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>

#include "core/sandbox.hpp"
#include "core/sandbox_cgroup.hpp"
#include "core/sandbox_seccomp.hpp"

namespace kq {
namespace {

// The folder of our own cgroup for a v1 controller ("pids", "memory"), or empty.
std::filesystem::path own_cgroup_v1(const std::string& controller) {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    // "4:memory:/process_api/abc" (v1); several controllers may share a line: "3:cpu,cpuacct:/"
    auto first = line.find(':');
    auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::stringstream names(line.substr(first + 1, second - first - 1));
    std::string name;
    while (std::getline(names, name, ',')) {
      if (name != controller) continue;
      std::filesystem::path root = std::filesystem::path("/sys/fs/cgroup") / controller;
      std::filesystem::path dir = root / std::filesystem::path(line.substr(second + 1)).relative_path();
      std::error_code ec;
      if (std::filesystem::is_directory(dir, ec)) return dir;
      // Inside a cgroup namespace the path is "/" while the mount shows our own folder.
      if (std::filesystem::is_directory(root, ec)) return root;
    }
  }
  return {};
}

// A child cgroup can be made and removed there.
bool can_create_child(const std::filesystem::path& base, const std::string& limit_file) {
  if (base.empty()) return false;
  std::filesystem::path probe = base / ("kq-probe-" + std::to_string(getpid()));
  std::error_code ec;
  if (!std::filesystem::create_directory(probe, ec)) return false;
  bool ok = std::filesystem::exists(probe / limit_file, ec) && access((probe / limit_file).c_str(), W_OK) == 0;
  rmdir(probe.c_str());
  return ok;
}

bool probe_bubblewrap(std::string& detail) {
  if (find_program("bwrap").empty()) {
    detail = "bubblewrap (bwrap) is not installed";
    return false;
  }
  RunOptions o;
  o.timeout = std::chrono::milliseconds(10000);
  auto r = run_process({"bwrap", "--die-with-parent", "--new-session", "--unshare-net", "--unshare-pid",
                        "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                        "true"},
                       o);
  if (r.ok()) return true;
  auto msg = r.err.substr(0, r.err.find('\n'));
  detail = "bubblewrap does not work here (" + r.describe() + (msg.empty() ? "" : ": " + msg) + ")";
  return false;
}

}  // namespace

const CgroupBases& cgroup_bases() {
  static const CgroupBases bases = [] {
    CgroupBases b;
    auto pids = own_cgroup_v1("pids");
    if (can_create_child(pids, "pids.max")) b.pids = pids;
    auto memory = own_cgroup_v1("memory");
    if (can_create_child(memory, "memory.limit_in_bytes")) b.memory = memory;
    return b;
  }();
  return bases;
}

const SandboxSupport& sandbox_support() {
  static const SandboxSupport support = [] {
    SandboxSupport s;
    s.bubblewrap_found = !find_program("bwrap").empty();
    s.bubblewrap_works = probe_bubblewrap(s.detail);
    s.pids_cgroup = !cgroup_bases().pids.empty();
    s.memory_cgroup = !cgroup_bases().memory.empty();
    if (!s.pids_cgroup) {
      if (!s.detail.empty()) s.detail += "; ";
      s.detail += geteuid() == 0 ? "no pids cgroup: process count bounded only by the PID namespace and timeout"
                                 : "no pids cgroup: process count bounded by RLIMIT_NPROC";
    }
    return s;
  }();
  return support;
}

std::optional<BubblewrapMode> bubblewrap_mode_from_string(std::string_view s) {
  if (s == "auto") return BubblewrapMode::Auto;
  if (s == "on" || s == "true" || s == "1") return BubblewrapMode::On;
  if (s == "off" || s == "false" || s == "0") return BubblewrapMode::Off;
  return std::nullopt;
}

std::string describe_sandbox(BubblewrapMode mode) {
  const auto& s = sandbox_support();
  std::string line;
  bool bwrap = mode != BubblewrapMode::Off && s.bubblewrap_works;
  if (bwrap) line = "bubblewrap (no network, read-only file system, writable work folder only, own PID namespace)";
  else if (mode == BubblewrapMode::Off) line = "rlimits only (bubblewrap turned off: network and file system not isolated)";
  else line = "rlimits only (" + s.detail + ": network and file system not isolated)";
  line += s.pids_cgroup ? ", pids cgroup" : ", no pids cgroup";
  line += s.memory_cgroup ? ", memory cgroup" : ", no memory cgroup";
  if (bwrap) line += seccomp_available() ? ", seccomp filter on cpu-sim runs" : ", no seccomp filter (built without libseccomp)";
  return line;
}

}  // namespace kq
