#include "pipeline/run_stages.hpp"

#include "core/error.hpp"
#include "curation/curate.hpp"
#include "curation/export.hpp"
#include "extractor/extractor.hpp"
#include "llm/openai_synth.hpp"
#include "miner/miner.hpp"
#include "pipeline/run_pipeline.hpp"
#include "synth/synth_stage.hpp"
#include "synth/verify_stage.hpp"

namespace kq::pipeline {

std::string Shard::label() const { return std::to_string(index) + "/" + std::to_string(count); }

Shard parse_shard(std::string_view text) {
  auto [k, n] = miner::parse_shard(text);
  return {k, n};
}

std::string_view to_string(StagePlace place) {
  switch (place) {
    case StagePlace::Cpu: return "cpu";
    case StagePlace::Gpu: return "gpu";
    case StagePlace::Final: return "final";
  }
  return "?";
}

namespace {

void mine_stage(const StageContext& c, StageRun& s) {
  auto entries = miner::parse_repo_list(c.options.repos);
  auto o = miner::MineOptions::from_config(c.config);
  o.cache_dir = c.cache_dir;
  o.jobs = c.jobs;
  if (c.shard) o.shard = std::pair{c.shard->index, c.shard->count};
  auto r = miner::mine_repos(c.db_path, entries, o);
  s.items = r.repos.size();
  s.failed = r.failed;
  s.note = std::to_string(r.files) + " candidate files";
}

void extract_stage(const StageContext& c, StageRun& s) {
  auto o = extractor::options_from_config(c.config, c.cache_dir);
  o.jobs = c.jobs;
  auto r = extractor::extract_all(c.db_path, o);
  s.items = r.kernels;
  s.failed = r.files_failed + r.standalone_failed;
  s.note = std::to_string(r.standalone_ok) + " standalone";
}

synth::StageOptions synth_options(const StageContext& c) {
  auto o = synth::stage_options_from_config(c.config, c.cache_dir);
  o.jobs = c.jobs;
  o.config = &c.config;
  return o;
}

void take_report(const synth::StageReport& r, StageRun& s) {
  s.items = r.selected;
  s.failed = r.failed + r.deferred;  // kernels left for a later run make the exit code 1, as failures do
  s.note = std::to_string(r.ok) + " ok";
  for (const auto& [status, n] : r.by_status)
    if (status != "ok") s.note += ", " + std::to_string(n) + " " + status;
  if (!r.budget_note().empty()) s.note += "; " + r.budget_note();
  if (!r.backends.empty()) {
    s.note += "; ran on";
    for (const auto& b : r.backends) s.note += " " + b;
  }
}

void synth_stage(const StageContext& c, StageRun& s) {
  // The model synthesizer is offered by name (openai, and auto's fallback);
  // registering it here keeps synth/ free of the model client.
  llm::register_openai_synthesizer();
  take_report(synth::synthesize_all(c.db_path, synth_options(c)), s);
}

void verify_stage(const StageContext& c, StageRun& s) { take_report(synth::verify_all(c.db_path, synth_options(c)), s); }

void curate_stage(const StageContext& c, StageRun& s) {
  auto co = curation::CurateOptions::from_config(c.config, c.cache_dir);
  co.jobs = c.jobs;
  auto cs = curation::curate(c.db_path, co);
  s.items = cs.considered;
  s.failed = cs.failed;
  s.note = std::to_string(cs.curated) + " curated, " + std::to_string(cs.dropped + cs.failed) + " dropped";
}

void export_stage(const StageContext& c, StageRun& s) {
  auto eo = curation::ExportOptions::from_config(c.config, c.cache_dir, c.options.version, c.jobs);
  eo.out_dir = c.options.out_dir;
  for (const auto& st : c.summary.stages)
    eo.timings.push_back({{"name", st.name}, {"count", st.items}, {"seconds", st.seconds}});
  auto res = curation::export_release(c.db_path, eo);
  c.summary.release_dir = res.release_dir;
  c.summary.tasks = res.tasks;
  s.items = res.tasks;
  s.note = res.release_dir.string();
}

}  // namespace

const std::vector<PlanStage>& stage_plan() {
  static const std::vector<PlanStage> plan = {
      {"mine", StagePlace::Cpu, mine_stage},         {"extract", StagePlace::Cpu, extract_stage},
      {"synth", StagePlace::Gpu, synth_stage},       {"verify", StagePlace::Gpu, verify_stage},
      {"curate", StagePlace::Final, curate_stage},   {"export", StagePlace::Final, export_stage},
  };
  return plan;
}

const PlanStage& find_stage(std::string_view name) {
  std::string names;
  for (const auto& s : stage_plan()) {
    if (s.name == name) return s;
    names += (names.empty() ? "" : ", ") + s.name;
  }
  throw UsageError("--stage '" + std::string(name) + "': expected one of " + names);
}

}  // namespace kq::pipeline
