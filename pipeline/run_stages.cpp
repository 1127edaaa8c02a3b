#include "pipeline/run_stages.hpp"

#include "pipeline/run_pipeline.hpp"
#include "extractor/extractor.hpp"
#include "synth/synth_stage.hpp"
#include "synth/verify_stage.hpp"
#include "llm/openai_synth.hpp"
#include "miner/miner.hpp"

namespace kq::pipeline {

namespace {

void mine_stage(const StageContext& c, StageRun& s) {
  auto entries = miner::parse_repo_list(c.repos);
  auto o = miner::MineOptions::from_config(c.config);
  o.cache_dir = c.cache_dir;
  o.jobs = c.jobs;
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

}  // namespace

std::vector<std::pair<std::string, StageFn>> pipeline_stages() {
  return {{"mine", mine_stage}, {"extract", extract_stage}, {"synth", synth_stage}, {"verify", verify_stage}};
}

}  // namespace kq::pipeline
