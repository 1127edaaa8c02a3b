// Mining speed on real inputs: the example corpus (examples/repos.txt) and a
// larger local repository (cuda-samples by default). For each: a cold run
// (empty database and cache: export, scan, hash, write) and warm reruns (the
// same commit again: nothing to do but resolve it). Writes bench/results/mine.json.
//
//   kq_bench_mine [--repo PATH] [--warm-runs 3] [--jobs N] [--out bench/results/mine.json]
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench/common/bench_env.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "miner/miner.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// User plus system CPU time of this process: on a shared machine wall time
// also counts other people's work, CPU time does not.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

json figures(const kq::miner::MineReport& r, double cpu) {
  double rate = r.seconds > 0 ? static_cast<double>(r.scanned) / r.seconds : 0;
  double cpu_rate = cpu > 0 ? static_cast<double>(r.scanned) / cpu : 0;
  return {{"seconds", r.seconds},     {"cpu_seconds", cpu},       {"files_scanned_per_cpu_s", cpu_rate},
          {"repos", r.repos.size()},  {"mined", r.mined},
          {"unchanged", r.unchanged}, {"failed", r.failed},       {"files_scanned", r.scanned},
          {"candidates", r.files},    {"files_scanned_per_s", rate}};
}

json bench_corpus(const std::string& label, const std::vector<kq::miner::RepoEntry>& entries, unsigned jobs,
                  int warm_runs) {
  auto work = kq::make_temp_dir(fs::temp_directory_path(), "kq-bench-mine-");
  kq::miner::MineOptions o;
  o.cache_dir = work / "cache";
  o.jobs = jobs;
  o.rules.vendored_globs = {"third_party/**", "thirdparty/**", "external/**", "vendor/**",
                            "extern/**",      "deps/**",       "**/node_modules/**"};
  o.show_progress = false;
  double cpu0 = cpu_seconds();
  auto cold = kq::miner::mine_repos(work / "kq.db", entries, o);
  double cold_cpu = cpu_seconds() - cpu0;
  std::vector<double> warm_seconds;
  json warm;
  for (int i = 0; i < warm_runs; ++i) {
    double c0 = cpu_seconds();
    auto w = kq::miner::mine_repos(work / "kq.db", entries, o);
    warm_seconds.push_back(w.seconds);
    warm = figures(w, cpu_seconds() - c0);
  }
  std::sort(warm_seconds.begin(), warm_seconds.end());
  if (!warm_seconds.empty()) warm["median_seconds"] = warm_seconds[warm_seconds.size() / 2];
  std::error_code ec;
  fs::remove_all(work, ec);
  json out{{"corpus", label}, {"cold", figures(cold, cold_cpu)}, {"warm", warm}, {"warm_runs", warm_runs}};
  std::cout << label << ": cold " << cold.seconds << " s (" << cold_cpu << " s CPU), " << cold.scanned << " files scanned ("
            << out["cold"]["files_scanned_per_s"].get<double>() << "/s), " << cold.files << " candidates; warm median "
            << warm.value("median_seconds", 0.0) << " s (" << warm.value("unchanged", 0) << " unchanged)\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path repo = "/work/ext/cuda-samples";
  fs::path out = fs::path(KQ_SOURCE_DIR) / "bench/results/mine.json";
  int warm_runs = 3;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--repo") repo = argv[i + 1];
    else if (a == "--out") out = argv[i + 1];
    else if (a == "--warm-runs") warm_runs = std::stoi(argv[i + 1]);
    else if (a == "--jobs") jobs = static_cast<unsigned>(std::stoi(argv[i + 1]));
  }
  kq::init_logging(-1);
  json corpora = json::array();
  auto examples = fs::path(KQ_SOURCE_DIR) / "examples/repos.txt";
  if (fs::exists(examples))
    corpora.push_back(bench_corpus("examples/repos.txt", kq::miner::parse_repo_list(examples), jobs, warm_runs));
  if (fs::exists(repo)) {
    kq::miner::RepoEntry e{fs::absolute(repo).string(), "", kq::miner::default_repo_name(repo.string()),
                           kq::miner::SourceKind::LocalPath, "bench"};
    corpora.push_back(bench_corpus(repo.filename().string() + " (local git repository)", {e}, jobs, warm_runs));
  }
  json result{{"area", "mine"},
              {"machine", kq::bench::machine()},
              {"commit", kq::bench::git_commit(KQ_SOURCE_DIR)},
              {"jobs", jobs},
              {"corpora", corpora}};
  kq::write_file_atomic(out, result.dump(2) + "\n");
  std::cout << "wrote " << out.string() << "\n";
  return 0;
}
