#pragma once
// What every benchmark records next to its figures: the machine it ran on and
// the commit it measured, so results from different machines are never mixed up.
#include <fstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/subprocess.hpp"

namespace kq::bench {

inline nlohmann::json machine() {
  std::string cpu, load;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  // Load average tells whether wall times were taken on a busy machine.
  std::ifstream loadavg("/proc/loadavg");
  std::getline(loadavg, load);
  return {{"nproc", std::thread::hardware_concurrency()}, {"cpu_model", cpu},
          {"load_average", load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1))}};
}

inline std::string git_commit(const std::string& source_dir) {
  RunOptions o;
  o.cwd = source_dir;
  auto r = run_process({"git", "rev-parse", "HEAD"}, o);
  return r.ok() ? r.out.substr(0, r.out.find('\n')) : "unknown";
}

}  // namespace kq::bench
