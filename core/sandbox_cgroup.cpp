#include "core/sandbox_cgroup.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

namespace kq {
namespace {

std::vector<pid_t> read_pids(const std::filesystem::path& procs) {
  std::vector<pid_t> pids;
  std::ifstream in(procs);
  long pid = 0;
  while (in >> pid) pids.push_back(static_cast<pid_t>(pid));
  return pids;
}

bool write_value(const std::filesystem::path& file, const std::string& value) {
  std::ofstream out(file);
  out << value;
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

RunCgroup::RunCgroup(const std::filesystem::path& base, const std::string& limit_file, std::uint64_t limit) {
  if (base.empty()) return;
  static std::atomic<unsigned> counter{0};
  auto dir = base / ("kq-run-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::error_code ec;
  if (!std::filesystem::create_directory(dir, ec)) return;
  if (!write_value(dir / limit_file, std::to_string(limit))) {
    rmdir(dir.c_str());
    return;
  }
  dir_ = dir;
}

void RunCgroup::kill_all() {
  if (dir_.empty()) return;
  // A fork loop may still be forking while we kill; pids.max bounds how many
  // there can be, so a few rounds empty the cgroup.
  for (int round = 0; round < 500; ++round) {
    auto pids = read_pids(procs_file());
    if (pids.empty()) return;
    for (pid_t p : pids) kill(p, SIGKILL);
    usleep(2000);
  }
}

RunCgroup::~RunCgroup() {
  if (dir_.empty()) return;
  kill_all();
  // Killed processes leave the cgroup only once reaped; give them a moment.
  for (int i = 0; i < 500 && rmdir(dir_.c_str()) != 0; ++i) usleep(2000);
}

}  // namespace kq
