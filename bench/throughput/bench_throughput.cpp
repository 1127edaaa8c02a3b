// Throughput per stage of `kquarry run` on a corpus (default: the example
// corpus): a run with a cold cache, then a rerun into a new output folder
// with the same cache, which must compile and run nothing and give the same
// release. For each stage: seconds, items, items/s per core; for
// verification also case runs and case runs/s. The machine's load is taken
// before and after each run, since the machine may be shared.
// Every process each run starts is logged (KQ_PROCESS_LOG) and summed per
// program: the warm rerun must start no compiler. --baseline-release DIR
// compares the cold release with one made by another commit (task lines by
// "task_id dialect"); --baseline FILE adds that commit's figures as given.
// Writes bench/results/throughput.json (or --result FILE).
//   kq_bench_throughput [--repos FILE] [--work DIR] [--jobs N] [--backends cpu-sim] [--result FILE]
//                       [--baseline-release DIR] [--baseline FILE] [--note TEXT]
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench/common/bench_env.hpp"
#include "core/config.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "db/database.hpp"
#include "db/stats.hpp"
#include "pipeline/run_pipeline.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Args {
  fs::path repos = fs::path(KQ_SOURCE_DIR) / "examples/repos.txt";
  fs::path work;
  fs::path result = fs::path(KQ_SOURCE_DIR) / "bench/results/throughput.json";
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string backends = "cpu-sim";
  fs::path baseline_release;
  fs::path baseline;
  std::string note;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--repos") a.repos = argv[i + 1];
    else if (k == "--work") a.work = argv[i + 1];
    else if (k == "--jobs") a.jobs = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (k == "--backends") a.backends = argv[i + 1];
    else if (k == "--result") a.result = argv[i + 1];
    else if (k == "--baseline-release") a.baseline_release = argv[i + 1];
    else if (k == "--baseline") a.baseline = argv[i + 1];
    else if (k == "--note") a.note = argv[i + 1];
  }
  return a;
}

std::string load_average() { return kq::bench::machine().value("load_average", ""); }

// Every task line of the release, by "task_id dialect": what a rerun must reproduce.
std::map<std::string, std::string> release_tasks(const fs::path& release) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(release, ec)) {
    if (e.path().extension() != ".jsonl") continue;
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      json t = json::parse(line, nullptr, false);
      if (t.is_discarded()) continue;
      out[t.value("task_id", "") + " " + t.value("dialect", "")] = kq::sha256_hex(line);
    }
  }
  return out;
}

std::size_t case_runs(const json& stats) {
  std::size_t n = 0;
  for (const auto& [status, count] : stats["verifications_by_status"].items()) n += count.get<std::size_t>();
  return n;
}

// What a process log line names: the program, and for compilers whether it
// compiled, linked or built a precompiled header ("g++ compile").
std::string process_kind(const std::vector<std::string>& words) {
  std::string program = fs::path(words.front()).filename().string();
  static const std::set<std::string> compilers{"g++", "c++", "gcc", "clang++", "nvcc", "hipcc"};
  if (!compilers.count(program)) return program;
  auto has = [&](const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); };
  if (has("--version")) return program + " version";
  if (has("c++-header")) return program + " header";
  return program + (has("-c") ? " compile" : " link");
}

// Count and seconds per process kind, and the number of compiler runs.
json process_summary(const fs::path& log) {
  std::map<std::string, std::pair<std::size_t, double>> kinds;
  std::size_t compiler_runs = 0;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::vector<std::string> words;
    std::istringstream fields(line.substr(tab + 1));
    for (std::string w; fields >> w;) words.push_back(w);
    if (words.empty()) continue;
    std::string kind = process_kind(words);
    auto& [count, seconds] = kinds[kind];
    ++count;
    seconds += std::stod(line.substr(0, tab)) / 1000.0;
    for (const char* what : {" compile", " link", " header"})
      if (kind.size() > std::string(what).size() && kind.ends_with(what)) ++compiler_runs;
  }
  json by_kind = json::object();
  for (const auto& [kind, cs] : kinds) by_kind[kind] = {{"count", cs.first}, {"seconds", cs.second}};
  return {{"compiler_runs", compiler_runs}, {"by_program", by_kind}};
}

json measure(const Args& a, const fs::path& out, const fs::path& cache) {
  const std::string load_before = load_average();
  const fs::path log = out.string() + ".processes.log";
  ::setenv("KQ_PROCESS_LOG", log.c_str(), 1);
  kq::pipeline::PipelineOptions o;
  o.repos = a.repos;
  o.out_dir = out;
  o.cache_dir = cache;
  o.jobs = a.jobs;
  o.backends = {a.backends};
  auto started = std::chrono::steady_clock::now();
  auto sum = kq::pipeline::run_pipeline(kq::Config{}, o);
  ::unsetenv("KQ_PROCESS_LOG");
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  kq::db::Database db(sum.db_path);
  const json stats = kq::db::collect_stats(db);
  const double cores = std::min<double>(a.jobs, std::max(1u, std::thread::hardware_concurrency()));
  json stages = json::object();
  for (const auto& s : sum.stages) {
    json st{{"seconds", s.seconds}, {"items", s.items}, {"failed", s.failed}};
    if (s.seconds > 0) st["items_per_s_per_core"] = s.items / s.seconds / cores;
    if (s.name == "verify") {
      st["case_runs"] = case_runs(stats);
      if (s.seconds > 0) st["case_runs_per_s"] = case_runs(stats) / s.seconds;
    }
    stages[s.name] = st;
  }
  return {{"wall_seconds", wall},   {"load_before", load_before},       {"load_after", load_average()},
          {"stages", stages},       {"kernels_by_stage", stats["kernels_by_stage"]},
          {"verifications_by_status", stats["verifications_by_status"]}, {"tasks", sum.tasks},
          {"exit_code", sum.exit_code}, {"release", sum.release_dir.string()}, {"processes", process_summary(log)}};
}

// Task lines that differ between the two releases (by "task_id dialect").
json release_differences(const fs::path& first, const fs::path& second) {
  auto a = release_tasks(first);
  auto b = release_tasks(second);
  json diff = json::array();
  for (const auto& [id, h] : a)
    if (!b.count(id) || b[id] != h) diff.push_back(id);
  for (const auto& [id, h] : b)
    if (!a.count(id)) diff.push_back(id);
  return {{"tasks", a.size()}, {"differing", diff}};
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  const fs::path work = a.work.empty() ? kq::make_temp_dir(fs::temp_directory_path(), "kq-bench-throughput-") : a.work;
  kq::init_logging(-1);
  const fs::path cache = work / "cache";
  json cold = measure(a, work / "cold", cache);
  json warm = measure(a, work / "warm", cache);
  json result{{"benchmark", "throughput"},
              {"machine", kq::bench::machine()},
              {"commit", kq::bench::git_commit(KQ_SOURCE_DIR)},
              {"repos", a.repos.string()},
              {"jobs", a.jobs},
              {"backends", a.backends},
              {"cold", cold},
              {"warm_rerun_new_output_folder", warm},
              {"warm_release_vs_cold", release_differences(cold.at("release").get<std::string>(),
                                                           warm.at("release").get<std::string>())},
              {"same_funnel", cold["kernels_by_stage"] == warm["kernels_by_stage"] &&
                                  cold["verifications_by_status"] == warm["verifications_by_status"]}};
  if (!a.baseline_release.empty())
    result["cold_release_vs_baseline"] =
        release_differences(a.baseline_release, cold.at("release").get<std::string>());
  if (!a.baseline.empty()) result["baseline"] = json::parse(kq::read_file(a.baseline));
  if (!a.note.empty()) result["note"] = a.note;
  kq::write_file_atomic(a.result, result.dump(2) + "\n");
  std::cout << result.dump(2) << "\nwrote " << a.result.string() << "\n";
  return 0;
}
