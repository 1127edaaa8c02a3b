#include "curation/run_stages.hpp"

#include "curation/run_pipeline.hpp"
#include "extractor/extractor.hpp"
#include "miner/miner.hpp"

namespace kq::curation {

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

}  // namespace

std::vector<std::pair<std::string, StageFn>> pipeline_stages() {
  return {{"mine", mine_stage}, {"extract", extract_stage}};
}

}  // namespace kq::curation
