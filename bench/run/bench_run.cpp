// End-to-end time of the whole pipeline (mine, extract, synth, verify,
// curate, export) on the example corpus, split by stage, with the funnel and
// the mutation-check outcome of the exported tasks. Writes bench/results/run.json.
//   kq_bench_run [--repos examples/repos.txt] [--out DIR] [--jobs N] [--backends cpu-sim]
#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench/common/bench_env.hpp"
#include "core/config.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "pipeline/run_pipeline.hpp"
#include "db/database.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Exported tasks whose test passed with the canonical solution and rejected every mutant.
json mutation_outcome(const fs::path& db_path) {
  kq::db::Database db(db_path);
  auto st = db.prepare(
      "SELECT c.mutation FROM curated_tasks c JOIN kernels k ON k.id = c.kernel_id "
      "WHERE k.stage = 'released' AND c.dialect IN ('hip','cuda')");
  std::size_t tasks = 0, canonical_pass = 0, with_mutants = 0, all_killed = 0, mutants = 0, killed = 0;
  while (st.step()) {
    json m = json::parse(st.text(0), nullptr, false);
    ++tasks;
    if (m.is_discarded() || !m.contains("canonical")) continue;
    canonical_pass += m["canonical"].value("passed", false);
    if (!m.contains("mutants") || m["mutants"].empty()) continue;
    ++with_mutants;
    bool all = true;
    for (const auto& x : m["mutants"]) {
      if (!x.value("compiled", false)) continue;
      ++mutants;
      killed += x.value("killed", false);
      all &= x.value("killed", false);
    }
    all_killed += all;
  }
  return {{"task_records", tasks}, {"canonical_passed", canonical_pass}, {"mutant_checked", with_mutants},
          {"all_mutants_rejected", all_killed}, {"mutants_compiled", mutants}, {"mutants_rejected", killed}};
}

}  // namespace

int main(int argc, char** argv) {
  fs::path repos = fs::path(KQ_SOURCE_DIR) / "examples/repos.txt";
  fs::path out;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::string backends = "cpu-sim";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--repos") repos = argv[i + 1];
    else if (a == "--out") out = argv[i + 1];
    else if (a == "--jobs") jobs = static_cast<unsigned>(std::stoul(argv[i + 1]));
    else if (a == "--backends") backends = argv[i + 1];
  }
  const bool temp = out.empty();
  if (temp) out = kq::make_temp_dir(fs::temp_directory_path(), "kq-bench-run-");
  kq::init_logging(-1);
  kq::Config config;
  kq::pipeline::PipelineOptions o;
  o.repos = repos;
  o.out_dir = out;
  o.cache_dir = out / "cache";
  o.jobs = jobs;
  o.backends = {backends};
  auto sum = kq::pipeline::run_pipeline(config, o);
  std::cout << sum.table();
  double total = 0;
  for (const auto& s : sum.stages) total += s.seconds;
  json result{{"machine", kq::bench::machine()},
              {"commit", kq::bench::git_commit(KQ_SOURCE_DIR)},
              {"repos", repos.string()},
              {"jobs", jobs},
              {"backends", backends},
              {"total_seconds", total},
              {"summary", sum.to_json()},
              {"mutation_check", mutation_outcome(sum.db_path)}};
  fs::path results = fs::path(KQ_SOURCE_DIR) / "bench/results/run.json";
  kq::write_file_atomic(results, result.dump(2) + "\n");
  std::cout << "total " << total << " s; wrote " << results.string() << "\n";
  if (temp) {
    std::error_code ec;
    fs::remove_all(out, ec);
  }
  return sum.exit_code;
}
