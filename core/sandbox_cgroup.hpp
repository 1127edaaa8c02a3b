#pragma once
// cgroup v1 helpers of the sandbox: one child cgroup per run under our own, so
// the process count and resident memory of a run are bounded even for root,
// and every process left behind can be found and killed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kq {

struct CgroupBases {
  std::filesystem::path pids;    // our own pids cgroup, when we may create children there
  std::filesystem::path memory;  // our own memory cgroup, likewise
};
const CgroupBases& cgroup_bases();

// A child cgroup for one run; removed (after killing what is left) by the destructor.
class RunCgroup {
 public:
  RunCgroup(const std::filesystem::path& base, const std::string& limit_file, std::uint64_t limit);
  ~RunCgroup();
  RunCgroup(const RunCgroup&) = delete;
  RunCgroup& operator=(const RunCgroup&) = delete;

  bool active() const { return !dir_.empty(); }
  std::filesystem::path procs_file() const { return dir_ / "cgroup.procs"; }
  // SIGKILLs every process in the cgroup until it is empty (bounded tries).
  void kill_all();

 private:
  std::filesystem::path dir_;
};

}  // namespace kq
