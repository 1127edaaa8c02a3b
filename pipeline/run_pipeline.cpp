#include "pipeline/run_pipeline.hpp"

#include <chrono>
#include <cstdio>

#include "core/disk_space.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "db/database.hpp"
#include "db/merge.hpp"
#include "pipeline/run_layout.hpp"

namespace kq::pipeline {

namespace fs = std::filesystem;
using nlohmann::json;
using curation::export_share;
using curation::funnel_table;
using curation::funnel_to_json;
using curation::compute_funnel;

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

// A stage does not start without the free space it may need where it writes.
void check_disk(const StageContext& c, const std::string& stage) {
  auto min_free_mb = static_cast<std::uint64_t>(c.config.get_int("disk.min_free_mb"));
  require_free_space({c.options.out_dir, c.db_path.parent_path(), c.cache_dir}, min_free_mb, "stage " + stage);
}

// Runs one stage, timing it; a stage that throws (a full disk included) ends the run (exit 3).
bool run_stage(PipelineSummary& sum, const PlanStage& stage, std::size_t index, std::size_t count,
               const StageContext& context) {
  spdlog::info("[{}/{}] {}", index, count, stage.name);
  StageRun s;
  s.name = stage.name;
  auto t0 = std::chrono::steady_clock::now();
  try {
    check_disk(context, stage.name);
    stage.fn(context, s);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    s.crashed = true;
    s.note = e.what();
    spdlog::error("{} failed: {}", stage.name, e.what());
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  spdlog::info("{}: {} items, {} failed, {:.1f} s{}", stage.name, s.items, s.failed, s.seconds,
               s.note.empty() ? "" : " (" + s.note + ")");
  sum.stages.push_back(s);
  return !s.crashed;
}

void check_options(const PipelineOptions& o) {
  if (o.repos.empty() || !fs::exists(o.repos)) throw UsageError("--repos: file '" + o.repos.string() + "' not found");
  if (o.out_dir.empty()) throw UsageError("--out: a folder is required");
}

// --backends and --synthesizer override their keys for every stage.
void apply_overrides(Config& config, const PipelineOptions& o) {
  if (!o.backends.empty()) {
    config.set("verifier.backends", join(o.backends, ","), ConfigOrigin::CommandLine, "--backends");
  }
  if (!o.synthesizer.empty())
    config.set("synth.synthesizer", o.synthesizer, ConfigOrigin::CommandLine, "--synthesizer");
}

fs::path run_db(const PipelineOptions& o) { return o.db_path.empty() ? o.out_dir / "kquarry.db" : o.db_path; }

// Runs `stages` in order on `db_path`, stopping at the first that crashes.
void run_stages(PipelineSummary& sum, const Config& config, const PipelineOptions& o, const fs::path& db_path,
                const std::optional<Shard>& shard, const std::vector<const PlanStage*>& stages) {
  { db::Database init(db_path); }  // create and migrate once, before the stages open their own
  StageContext sc{config, o, db_path, o.cache_dir, std::max(1u, o.jobs), shard, sum};
  bool ok = true;
  std::size_t i = 0;
  for (const auto* stage : stages) {
    ok = run_stage(sum, *stage, ++i, stages.size(), sc);
    if (!ok) break;
  }
  db::Database db(db_path);
  sum.funnel = compute_funnel(db);
  bool any_failed = false;
  for (const auto& s : sum.stages) any_failed |= s.failed > 0;
  sum.exit_code = !ok ? 3 : any_failed ? 1 : 0;
}

std::vector<const PlanStage*> stages_where(const std::function<bool(const PlanStage&)>& pick) {
  std::vector<const PlanStage*> out;
  for (const auto& s : stage_plan())
    if (pick(s)) out.push_back(&s);
  return out;
}

}  // namespace

PipelineSummary run_pipeline(Config config, const PipelineOptions& o) {
  check_options(o);
  fs::create_directories(o.out_dir);
  apply_overrides(config, o);
  PipelineSummary sum;
  sum.db_path = run_db(o);
  run_stages(sum, config, o, sum.db_path, std::nullopt, stages_where([](const PlanStage&) { return true; }));
  return sum;
}

PipelineSummary run_shard_stage(Config config, const PipelineOptions& o, const std::string& stage,
                                const Shard& shard) {
  check_options(o);
  const auto& plan_stage = find_stage(stage);
  if (plan_stage.place == StagePlace::Final)
    throw UsageError("--stage " + stage + " runs once over the joined database, not per shard");
  RunLayout layout{o.out_dir};
  for (const auto& earlier : stage_plan()) {
    if (earlier.name == stage) break;
    if (!fs::exists(layout.done_mark(earlier.name, shard)))
      throw UsageError("--stage " + stage + " --shard " + shard.label() + ": " + earlier.name +
                       " has not finished on this shard ('" + layout.done_mark(earlier.name, shard).string() +
                       "' is missing)");
  }
  apply_overrides(config, o);
  fs::create_directories(layout.shards_dir());
  PipelineSummary sum;
  sum.db_path = layout.shard_db(shard);
  run_stages(sum, config, o, sum.db_path, shard, {&plan_stage});
  if (sum.exit_code == 3) return sum;
  write_mark(layout.done_mark(stage, shard));
  sum.exit_code = 0;
  return sum;
}

PipelineSummary collect_shards(Config config, const PipelineOptions& o, unsigned shards) {
  if (o.out_dir.empty()) throw UsageError("--out: a folder is required");
  RunLayout layout{o.out_dir};
  std::vector<fs::path> inputs;
  for (unsigned k = 0; k < shards; ++k) {
    Shard shard{k, shards};
    for (const auto* s : stages_where([](const PlanStage& p) { return p.place != StagePlace::Final; }))
      if (!fs::exists(layout.done_mark(s->name, shard)))
        throw UsageError("shard " + shard.label() + " has not finished " + s->name + " ('" +
                         layout.done_mark(s->name, shard).string() + "' is missing)");
    inputs.push_back(layout.shard_db(shard));
  }
  apply_overrides(config, o);
  PipelineSummary sum;
  sum.db_path = run_db(o);
  db::merge_databases(inputs, sum.db_path, /*force=*/true, db::MergeOrder::ByKey);
  run_stages(sum, config, o, sum.db_path, std::nullopt,
             stages_where([](const PlanStage& p) { return p.place == StagePlace::Final; }));
  if (sum.exit_code != 3) write_mark(layout.collected_mark());
  return sum;
}

}  // namespace kq::pipeline
