// Extraction speed on real inputs: the example corpus (examples/repos.txt) and
// a larger local repository (cuda-samples by default). Each corpus is mined
// into a fresh database, then extracted without the compile check (parse,
// closure and analysis times); then the compile check runs on a sample of
// units, cold and again warm (from the object cache). Writes bench/results/extract.json.
//
//   kq_bench_extract [--repo PATH] [--jobs N] [--compile-sample 8] [--out bench/results/extract.json]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench/common/bench_env.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/progress.hpp"
#include "db/database.hpp"
#include "extractor/extractor.hpp"
#include "miner/miner.hpp"
#include "miner/repo_list.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Keeps only the first `n` units unchecked, so the compile check runs on a sample.
void limit_units_to_check(const fs::path& db_path, int n) {
  kq::db::Database db(db_path);
  db.prepare("UPDATE units SET compile_log = 'sampled out' WHERE kernel_id NOT IN "
             "(SELECT kernel_id FROM units ORDER BY kernel_id LIMIT ?)")
      .bind(1, n)
      .exec();
}

json bench_corpus(const std::string& label, const std::vector<kq::miner::RepoEntry>& entries, unsigned jobs,
                  int sample) {
  auto work = kq::make_temp_dir(fs::temp_directory_path(), "kq-bench-extract-");
  kq::miner::MineOptions mo;
  mo.cache_dir = work / "cache";
  mo.jobs = jobs;
  mo.show_progress = false;
  kq::miner::mine_repos(work / "kq.db", entries, mo);

  kq::extractor::ExtractOptions o;
  o.jobs = jobs;
  o.cache_dir = work / "cache";
  o.compile = false;
  auto r = kq::extractor::extract_all(work / "kq.db", o);
  double wall_s = r.wall_ms / 1000.0;
  double kps_core = wall_s > 0 ? static_cast<double>(r.kernels) / wall_s / jobs : 0;
  double worker_ms = r.parse_ms + r.closure_ms + r.analysis_ms;

  limit_units_to_check(work / "kq.db", sample);
  o.compile = true;
  auto cold = kq::extractor::extract_all(work / "kq.db", o);
  // The same units again: answered from <cache>/objects.
  kq::db::Database(work / "kq.db").exec("UPDATE units SET compile_log = NULL WHERE compile_log != 'sampled out'");
  kq::db::Database(work / "kq.db").exec("UPDATE kernels SET stage = 'extracted', failed_stage = NULL");
  auto warm = kq::extractor::extract_all(work / "kq.db", o);
  std::error_code ec;
  fs::remove_all(work, ec);

  double per_unit_cold = cold.checked + cold.skipped ? cold.compile_ms / (cold.checked + cold.skipped) / 1000.0 : 0;
  double per_unit_warm = warm.checked + warm.skipped ? warm.compile_ms / (warm.checked + warm.skipped) / 1000.0 : 0;
  json out{{"corpus", label},
           {"files", r.files},
           {"files_failed", r.files_failed},
           {"kernels", r.kernels},
           {"extract_wall_s", wall_s},
           {"kernels_per_s_per_core", kps_core},
           {"worker_ms", {{"parse", r.parse_ms}, {"closure", r.closure_ms}, {"analysis", r.analysis_ms}}},
           {"share", {{"parse", worker_ms > 0 ? r.parse_ms / worker_ms : 0},
                      {"closure", worker_ms > 0 ? r.closure_ms / worker_ms : 0},
                      {"analysis", worker_ms > 0 ? r.analysis_ms / worker_ms : 0}}},
           {"compile_check", {{"sample_units", cold.checked + cold.skipped},
                              {"standalone_ok", cold.standalone_ok},
                              {"cold_s_per_unit", per_unit_cold},
                              {"warm_s_per_unit", per_unit_warm},
                              {"note", "nvcc -arch=sm_90 -c, plus hipcc of the HIP translation, per unit"}}}};
  std::cout << label << ": " << r.kernels << " kernels from " << r.files << " files in " << wall_s << " s ("
            << kps_core << " kernels/s/core); worker time parse " << r.parse_ms / 1000 << " s, closure "
            << r.closure_ms / 1000 << " s, analysis " << r.analysis_ms / 1000 << " s; compile check "
            << per_unit_cold << " s/unit cold, " << per_unit_warm << " s/unit warm\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path repo = "/work/ext/cuda-samples";
  fs::path out = fs::path(KQ_SOURCE_DIR) / "bench/results/extract.json";
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  int sample = 8;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--repo") repo = argv[i + 1];
    else if (a == "--out") out = argv[i + 1];
    else if (a == "--jobs") jobs = static_cast<unsigned>(std::stoi(argv[i + 1]));
    else if (a == "--compile-sample") sample = std::stoi(argv[i + 1]);
  }
  kq::init_logging(-1);
  kq::Progress::set_enabled(false);
  json corpora = json::array();
  auto examples = fs::path(KQ_SOURCE_DIR) / "examples/repos.txt";
  if (fs::exists(examples))
    corpora.push_back(bench_corpus("examples/repos.txt", kq::miner::parse_repo_list(examples), jobs, sample));
  if (!repo.empty() && fs::exists(repo)) {
    kq::miner::RepoEntry e{fs::absolute(repo).string(), "", kq::miner::default_repo_name(repo.string()),
                           kq::miner::SourceKind::LocalPath, "bench"};
    corpora.push_back(bench_corpus(repo.filename().string(), {e}, jobs, sample));
  }
  json result{{"area", "extract"},
              {"machine", kq::bench::machine()},
              {"commit", kq::bench::git_commit(KQ_SOURCE_DIR)},
              {"jobs", jobs},
              {"corpora", corpora}};
  kq::write_file_atomic(out, result.dump(2) + "\n");
  std::cout << "wrote " << out.string() << "\n";
  return 0;
}
