#include "pipeline/slurm_executor.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "core/log.hpp"
#include "db/database.hpp"
#include "pipeline/slurm_jobs.hpp"
#include "pipeline/slurm_options.hpp"
#include "pipeline/slurm_state.hpp"

namespace kq::pipeline {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<const PlanStage*> sharded_stages() {
  std::vector<const PlanStage*> out;
  for (const auto& s : stage_plan())
    if (s.place != StagePlace::Final) out.push_back(&s);
  return out;
}

std::vector<unsigned> unfinished_shards(const RunLayout& layout, const std::string& stage, unsigned shards) {
  std::vector<unsigned> out;
  for (unsigned k = 0; k < shards; ++k)
    if (!fs::exists(layout.done_mark(stage, {k, shards}))) out.push_back(k);
  return out;
}

SlurmRunState new_state(const Config& config, const PipelineOptions& o, const SlurmOptions& so) {
  SlurmRunState s;
  s.repos = fs::absolute(o.repos);
  s.shards = so.shards;
  s.backends = o.backends;
  s.synthesizer = o.synthesizer;
  s.version = o.version.empty() ? config.get("export.version") : o.version;
  s.child_args = o.child_args;
  s.kquarry = so.kquarry.empty() ? fs::read_symlink("/proc/self/exe").string() : so.kquarry;
  return s;
}

// The state of an earlier submission into the same folder, checked against
// this one: a resumed run must keep its shards, or the marks mean nothing.
SlurmRunState load_or_start(const Config& config, const PipelineOptions& o, const RunLayout& layout) {
  auto so = SlurmOptions::from_config(config);
  auto fresh = new_state(config, o, so);
  auto old = SlurmRunState::load(layout);
  if (!old) return fresh;
  if (old->shards != fresh.shards)
    throw UsageError("'" + layout.out_dir.string() + "' holds a run of " + std::to_string(old->shards) +
                     " shards; slurm.shards is " + std::to_string(fresh.shards) + " (use another --out)");
  if (old->repos != fresh.repos)
    throw UsageError("'" + layout.out_dir.string() + "' holds a run of '" + old->repos.string() + "', not '" +
                     fresh.repos.string() + "'");
  fresh.rounds = std::move(old->rounds);
  return fresh;
}

std::vector<std::string> task_command(const SlurmRunState& s, const RunLayout& layout, const std::string& stage,
                                      unsigned jobs) {
  std::vector<std::string> argv = {s.kquarry};
  argv.insert(argv.end(), s.child_args.begin(), s.child_args.end());
  if (stage == "collect") {
    argv.insert(argv.end(), {"slurm", "collect", "--out", layout.out_dir.string(), "--jobs", std::to_string(jobs)});
    return argv;
  }
  argv.insert(argv.end(), {"run", "--repos", s.repos.string(), "--out", layout.out_dir.string(), "--stage", stage,
                           "--shard", std::string(kArrayTask) + "/" + std::to_string(s.shards), "--jobs",
                           std::to_string(jobs), "--version", s.version});
  for (const auto& b : s.backends) argv.insert(argv.end(), {"--backends", b});
  if (!s.synthesizer.empty()) argv.insert(argv.end(), {"--synthesizer", s.synthesizer});
  return argv;
}

std::string submit_stage(const SlurmRunState& s, const SlurmOptions& so, const RunLayout& layout,
                         const std::string& stage, StagePlace place, const std::vector<unsigned>& shards,
                         const std::vector<std::string>& after) {
  JobSpec spec;
  spec.name = "kq-" + stage;
  spec.array = shards;
  spec.max_parallel = so.max_parallel;
  spec.placement = so.placement(place);
  spec.account = so.account;
  spec.cpus = so.cpus_per_task;
  spec.modules = so.modules;
  spec.log_pattern = layout.slurm_dir() / "logs" / (shards.empty() ? stage + "-%j.out" : stage + "-%A_%a.out");
  spec.command = task_command(s, layout, stage, so.cpus_per_task);
  fs::create_directories(layout.slurm_dir() / "logs");
  fs::create_directories(layout.slurm_dir() / "scripts");
  fs::path script = layout.slurm_dir() / "scripts" / (stage + "-" + std::to_string(s.rounds.size()) + ".sh");
  { std::ofstream(script) << render_job_script(spec); }
  auto id = submit_job(script, after, so.sbatch_args);
  spdlog::info("submitted {} as job {}{}", stage, id,
               shards.empty() ? "" : " (" + std::to_string(shards.size()) + " array tasks)");
  return id;
}

std::vector<SubmittedJob> submit_round(const Config& config, const PipelineOptions& o,
                                       const std::map<std::string, std::vector<unsigned>>& skip = {}) {
  if (auto why = slurm_missing_reason(); !why.empty()) throw UsageError("--executor slurm: " + why);
  RunLayout layout{fs::absolute(o.out_dir)};
  auto state = load_or_start(config, o, layout);
  for (const auto& job : query_jobs(state.job_ids(true)))
    if (is_active(job))
      throw UsageError("'" + layout.out_dir.string() + "' still has job " + job.id + " " + job.state +
                       "; wait for it or run `kquarry slurm cancel --out " + layout.out_dir.string() + "`");
  auto so = SlurmOptions::from_config(config);
  SlurmRound round{now_s(), {}};
  std::vector<std::string> after;
  std::set<unsigned> given_up;  // shards whose stage is not tried again: their later stages wait too
  for (const auto* stage : sharded_stages()) {
    auto shards = unfinished_shards(layout, stage->name, state.shards);
    if (auto gave_up = skip.find(stage->name); gave_up != skip.end())
      for (auto k : shards)
        if (std::ranges::count(gave_up->second, k)) given_up.insert(k);
    std::erase_if(shards, [&](unsigned k) { return given_up.count(k) > 0; });
    if (shards.empty()) continue;
    after = {submit_stage(state, so, layout, stage->name, stage->place, shards, after)};
    round.jobs.push_back({stage->name, after.front(), shards});
  }
  if (!round.jobs.empty() || !fs::exists(layout.collected_mark())) {
    std::error_code ec;
    fs::remove(layout.collected_mark(), ec);  // what it joined is about to change
    round.jobs.push_back({"collect", submit_stage(state, so, layout, "collect", StagePlace::Final, {}, after), {}});
  }
  state.rounds.push_back(round);
  state.save(layout);
  return round.jobs;
}

void wait_for(const std::vector<std::string>& ids, unsigned poll_s) {
  for (;;) {
    auto jobs = query_jobs(ids);
    if (std::none_of(jobs.begin(), jobs.end(), is_active)) return;
    std::this_thread::sleep_for(std::chrono::seconds(std::max(1u, poll_s)));
  }
}

// Wall time of each sharded stage from the run's first submission: when its
// last shard's mark was written, less when the stage before it finished.
std::vector<StageRun> stage_times(const RunLayout& layout, const SlurmRunState& s) {
  std::vector<StageRun> out;
  if (s.rounds.empty()) return out;
  double previous = s.rounds.front().submitted_at;
  for (const auto* stage : sharded_stages()) {
    StageRun r;
    r.name = stage->name;
    double last = previous;
    for (unsigned k = 0; k < s.shards; ++k) {
      std::error_code ec;
      auto t = fs::last_write_time(layout.done_mark(stage->name, {k, s.shards}), ec);
      if (ec) continue;
      ++r.items;
      auto sys = std::chrono::file_clock::to_sys(t);
      last = std::max(last, std::chrono::duration<double>(sys.time_since_epoch()).count());
    }
    r.failed = s.shards - r.items;
    r.seconds = last - previous;
    r.note = std::to_string(r.items) + "/" + std::to_string(s.shards) + " shards";
    previous = last;
    out.push_back(r);
  }
  return out;
}

// The funnel of the joined database once collected; before, the sum of the
// shard databases' funnels.
std::vector<curation::FunnelStep> current_funnel(const RunLayout& layout, const SlurmRunState& s) {
  if (fs::exists(layout.collected_mark()) && fs::exists(layout.out_dir / "kquarry.db")) {
    db::Database db(layout.out_dir / "kquarry.db", /*create=*/false);
    return curation::compute_funnel(db);
  }
  std::vector<curation::FunnelStep> total;
  for (unsigned k = 0; k < s.shards; ++k) {
    auto path = layout.shard_db({k, s.shards});
    if (!fs::exists(path)) continue;
    db::Database db(path, /*create=*/false);
    auto f = curation::compute_funnel(db);
    if (total.empty()) {
      total = f;
      continue;
    }
    for (std::size_t i = 0; i < f.size() && i < total.size(); ++i) {
      total[i].count += f[i].count;
      total[i].dropped += f[i].dropped;
    }
  }
  return total;
}

// Array task states of the latest job of each stage, counted: "RUNNING" -> 2.
std::map<std::string, std::map<std::string, int>> job_states_by_stage(const SlurmRunState& s) {
  std::map<std::string, std::string> latest;  // job id -> stage
  for (const auto& r : s.rounds)
    for (const auto& j : r.jobs) latest[j.id] = j.stage;
  std::vector<std::string> ids;
  for (const auto& [id, stage] : latest) ids.push_back(id);
  std::map<std::string, std::map<std::string, int>> out;
  for (const auto& job : query_jobs(ids)) {
    auto base = job.id.substr(0, job.id.find('_'));
    if (auto it = latest.find(base); it != latest.end()) ++out[it->second][job.state];
  }
  return out;
}

}  // namespace

SlurmStatus slurm_status(const fs::path& out_dir) {
  RunLayout layout{fs::absolute(out_dir)};
  auto state = SlurmRunState::load(layout);
  if (!state) throw UsageError("'" + layout.state_file().string() + "' not found: no Slurm run in " + out_dir.string());
  auto states = job_states_by_stage(*state);
  SlurmStatus st;
  st.finished = fs::exists(layout.collected_mark());
  json stages = json::array();
  st.table = "stage      shards done  jobs\n";
  auto describe = [](const std::map<std::string, int>& counts) {
    std::string out;
    for (const auto& [state_name, n] : counts) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + state_name;
    return out.empty() ? std::string("-") : out;
  };
  for (const auto* stage : sharded_stages()) {
    auto left = unfinished_shards(layout, stage->name, state->shards);
    unsigned done = state->shards - static_cast<unsigned>(left.size());
    stages.push_back({{"stage", stage->name}, {"place", std::string(to_string(stage->place))}, {"done", done},
                      {"shards", state->shards}, {"jobs", states[stage->name]}});
    char line[64];
    std::snprintf(line, sizeof line, "%-10s %5u/%-5u  ", stage->name.c_str(), done, state->shards);
    st.table += line + describe(states[stage->name]) + "\n";
  }
  stages.push_back({{"stage", "collect"}, {"done", st.finished ? 1 : 0}, {"jobs", states["collect"]}});
  st.table += std::string("collect    ") + (st.finished ? "  done" : "  -   ") + "       " + describe(states["collect"]) +
              "\n";
  auto funnel = current_funnel(layout, *state);
  st.table += "\n" + curation::funnel_table(funnel);
  st.json = {{"out", layout.out_dir.string()},
             {"rounds", state->rounds.size()},
             {"finished", st.finished},
             {"stages", stages},
             {"funnel", curation::funnel_to_json(funnel)}};
  return st;
}

std::size_t cancel_slurm_run(const fs::path& out_dir) {
  RunLayout layout{fs::absolute(out_dir)};
  auto state = SlurmRunState::load(layout);
  if (!state) throw UsageError("'" + layout.state_file().string() + "' not found: no Slurm run in " + out_dir.string());
  std::vector<std::string> active;
  for (const auto& job : query_jobs(state->job_ids(false)))
    if (is_active(job)) active.push_back(job.id.substr(0, job.id.find('_')));
  std::sort(active.begin(), active.end());
  active.erase(std::unique(active.begin(), active.end()), active.end());
  cancel_jobs(active);
  return active.size();
}

std::vector<SubmittedJob> submit_slurm_run(const Config& config, const PipelineOptions& o) {
  if (o.repos.empty() || !fs::exists(o.repos)) throw UsageError("--repos: file '" + o.repos.string() + "' not found");
  if (o.out_dir.empty()) throw UsageError("--out: a folder is required");
  return submit_round(config, o);
}

PipelineSummary run_on_slurm(const Config& config, const PipelineOptions& o) {
  auto so = SlurmOptions::from_config(config);
  RunLayout layout{fs::absolute(o.out_dir)};
  std::map<std::string, unsigned> attempts;  // "stage/K" -> times submitted by this call
  std::map<std::string, std::vector<unsigned>> gave_up;
  auto jobs = submit_slurm_run(config, o);
  for (;;) {
    std::vector<std::string> ids;
    for (const auto& j : jobs) {
      ids.push_back(j.id);
      for (auto k : j.shards)
        if (++attempts[j.stage + "/" + std::to_string(k)] >= so.max_attempts) gave_up[j.stage].push_back(k);
    }
    wait_for(ids, so.poll_s);
    if (fs::exists(layout.collected_mark())) break;
    spdlog::warn("some array tasks of '{}' did not finish; submitting them again", layout.out_dir.string());
    jobs = submit_round(config, o, gave_up);
    if (jobs.size() == 1 && jobs.front().stage == "collect" && !gave_up.empty()) {
      cancel_jobs({jobs.front().id});  // nothing upstream is left to try: joining would only fail
      break;
    }
  }
  PipelineSummary sum;
  auto state = SlurmRunState::load(layout);
  sum.stages = stage_times(layout, *state);
  sum.db_path = o.db_path.empty() ? layout.out_dir / "kquarry.db" : o.db_path;
  std::ifstream in(layout.summary_file());
  if (!fs::exists(layout.collected_mark()) || !in) {
    sum.exit_code = 3;
    spdlog::error("the run did not finish after {} attempts per task; see `kquarry slurm status --out {}`",
                  so.max_attempts, layout.out_dir.string());
    return sum;
  }
  auto collected = json::parse(in);
  for (const auto& s : collected.at("stages"))
    sum.stages.push_back({s.at("stage"), s.at("seconds"), s.at("items"), s.at("failed"), s.at("note"),
                          s.at("crashed")});
  sum.release_dir = collected.at("release").get<std::string>();
  sum.tasks = collected.at("tasks");
  sum.exit_code = collected.at("exit_code");
  db::Database db(sum.db_path);
  sum.funnel = curation::compute_funnel(db);
  return sum;
}

PipelineSummary collect_slurm_run(const Config& config, const fs::path& out_dir, unsigned jobs,
                                  const fs::path& db_path) {
  RunLayout layout{fs::absolute(out_dir)};
  auto state = SlurmRunState::load(layout);
  if (!state) throw UsageError("'" + layout.state_file().string() + "' not found: no Slurm run in " + out_dir.string());
  auto o = state->options(layout.out_dir, jobs);
  o.db_path = db_path;
  auto sum = collect_shards(config, o, state->shards);
  std::ofstream(layout.summary_file()) << sum.to_json().dump(2) << "\n";
  return sum;
}

}  // namespace kq::pipeline
