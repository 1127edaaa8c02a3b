#include "pipeline/run_pipeline.hpp"

#include <chrono>
#include <cstdio>

#include "core/disk_space.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "curation/curate.hpp"
#include "curation/export.hpp"
#include "pipeline/run_stages.hpp"
#include "db/database.hpp"

namespace kq::pipeline {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace kq::curation;

json PipelineSummary::to_json() const {
  json stages_json = json::array();
  for (const auto& s : stages)
    stages_json.push_back({{"stage", s.name}, {"seconds", s.seconds}, {"items", s.items}, {"failed", s.failed},
                           {"note", s.note}, {"crashed", s.crashed}});
  return {{"exit_code", exit_code}, {"db", db_path.string()}, {"release", release_dir.string()},
          {"tasks", tasks}, {"stages", stages_json}, {"funnel", funnel_to_json(funnel)},
          {"export_share", export_share(funnel)}};
}

std::string PipelineSummary::table() const {
  std::string out = "stage        seconds    items   failed  note\n";
  for (const auto& s : stages) {
    char line[80];
    std::snprintf(line, sizeof line, "%-10s %9.1f %8zu %8zu  ", s.name.c_str(), s.seconds, s.items, s.failed);
    out += line + s.note + "\n";
  }
  out += "\n" + funnel_table(funnel);
  char share[64];
  std::snprintf(share, sizeof share, "\nexported %.1f%% of discovered kernels\n", 100.0 * export_share(funnel));
  return out + share;
}

namespace {

// The folders a stage writes to, and the free space each must have first.
struct DiskNeed {
  std::vector<fs::path> folders;
  std::uint64_t min_free_mb = 0;
};

// Runs one stage, timing it; a stage that throws (a full disk included) ends the run (exit 3).
bool run_stage(PipelineSummary& sum, const DiskNeed& disk, const std::string& name, std::size_t index,
               std::size_t count, const std::function<void(StageRun&)>& fn) {
  spdlog::info("[{}/{}] {}", index, count, name);
  StageRun s;
  s.name = name;
  auto t0 = std::chrono::steady_clock::now();
  try {
    require_free_space(disk.folders, disk.min_free_mb, "stage " + name);
    fn(s);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    s.crashed = true;
    s.note = e.what();
    spdlog::error("{} failed: {}", name, e.what());
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  spdlog::info("{}: {} items, {} failed, {:.1f} s{}", name, s.items, s.failed, s.seconds,
               s.note.empty() ? "" : " (" + s.note + ")");
  sum.stages.push_back(s);
  return !s.crashed;
}

}  // namespace

PipelineSummary run_pipeline(Config config, const PipelineOptions& o) {
  if (o.repos.empty() || !fs::exists(o.repos)) throw UsageError("--repos: file '" + o.repos.string() + "' not found");
  if (o.out_dir.empty()) throw UsageError("--out: a folder is required");
  fs::create_directories(o.out_dir);
  PipelineSummary sum;
  sum.db_path = o.db_path.empty() ? o.out_dir / "kquarry.db" : o.db_path;
  if (!o.backends.empty()) {
    std::string list;
    for (const auto& b : o.backends) list += (list.empty() ? "" : ",") + b;
    config.set("verifier.backends", list, ConfigOrigin::CommandLine, "--backends");
  }
  if (!o.synthesizer.empty())
    config.set("synth.synthesizer", o.synthesizer, ConfigOrigin::CommandLine, "--synthesizer");
  { db::Database init(sum.db_path); }  // create and migrate once, before the stages open their own

  StageContext sc{config, sum.db_path, o.cache_dir, std::max(1u, o.jobs), o.repos};
  const DiskNeed disk{{o.out_dir, sum.db_path.parent_path(), o.cache_dir},
                      static_cast<std::uint64_t>(config.get_int("disk.min_free_mb"))};
  const auto stages = pipeline_stages();
  const std::size_t total = stages.size() + 2;
  std::size_t i = 0;
  bool ok = true;
  for (const auto& [name, fn] : stages) {
    ok = run_stage(sum, disk, name, ++i, total, [&](StageRun& s) { fn(sc, s); });
    if (!ok) break;
  }
  if (ok) {
    ok = run_stage(sum, disk, "curate", ++i, total, [&](StageRun& s) {
      auto co = CurateOptions::from_config(config, o.cache_dir);
      co.jobs = sc.jobs;
      auto cs = curate(sum.db_path, co);
      s.items = cs.considered;
      s.failed = cs.failed;
      s.note = std::to_string(cs.curated) + " curated, " + std::to_string(cs.dropped + cs.failed) + " dropped";
    });
  }
  if (ok) {
    ok = run_stage(sum, disk, "export", ++i, total, [&](StageRun& s) {
      ExportOptions eo;
      eo.out_dir = o.out_dir;
      eo.version = o.version.empty() ? config.get("export.version") : o.version;
      eo.task_prefix = config.get("export.task_prefix");
      eo.near_duplicate_threshold = config.get_double("curation.near_duplicate_threshold");
      for (const auto& st : sum.stages)
        eo.timings.push_back({{"name", st.name}, {"count", st.items}, {"seconds", st.seconds}});
      auto res = export_release(sum.db_path, eo);
      sum.release_dir = res.release_dir;
      sum.tasks = res.tasks;
      s.items = res.tasks;
      s.note = res.release_dir.string();
    });
  }
  db::Database db(sum.db_path);
  sum.funnel = compute_funnel(db);
  bool any_failed = false;
  for (const auto& s : sum.stages) any_failed |= s.failed > 0;
  sum.exit_code = !ok ? 3 : any_failed ? 1 : 0;
  return sum;
}

}  // namespace kq::pipeline
