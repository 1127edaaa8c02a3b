#include "pipeline/slurm_state.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace kq::pipeline {

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<SlurmRunState> SlurmRunState::load(const RunLayout& layout) {
  std::ifstream in(layout.state_file());
  if (!in) return std::nullopt;
  json j;
  try {
    j = json::parse(in);
    SlurmRunState s;
    s.repos = j.at("repos").get<std::string>();
    s.shards = j.at("shards").get<unsigned>();
    s.backends = j.at("backends").get<std::vector<std::string>>();
    s.synthesizer = j.at("synthesizer").get<std::string>();
    s.version = j.at("version").get<std::string>();
    s.child_args = j.at("child_args").get<std::vector<std::string>>();
    s.kquarry = j.at("kquarry").get<std::string>();
    for (const auto& r : j.at("rounds")) {
      SlurmRound round{r.at("submitted_at").get<double>(), {}};
      for (const auto& job : r.at("jobs"))
        round.jobs.push_back({job.at("stage"), job.at("id"), job.at("shards").get<std::vector<unsigned>>()});
      s.rounds.push_back(std::move(round));
    }
    return s;
  } catch (const json::exception& e) {
    throw Error("'" + layout.state_file().string() + "' is not a run state this kquarry reads: " + e.what());
  }
}

void SlurmRunState::save(const RunLayout& layout) const {
  json rounds_json = json::array();
  for (const auto& r : rounds) {
    json jobs = json::array();
    for (const auto& job : r.jobs) jobs.push_back({{"stage", job.stage}, {"id", job.id}, {"shards", job.shards}});
    rounds_json.push_back({{"submitted_at", r.submitted_at}, {"jobs", jobs}});
  }
  json j{{"repos", repos.string()}, {"shards", shards},         {"backends", backends},
         {"synthesizer", synthesizer}, {"version", version}, {"child_args", child_args},
         {"kquarry", kquarry},         {"rounds", rounds_json}};
  fs::create_directories(layout.slurm_dir());
  fs::path tmp = layout.state_file().string() + ".tmp";
  { std::ofstream(tmp) << j.dump(2) << "\n"; }
  fs::rename(tmp, layout.state_file());
}

std::vector<std::string> SlurmRunState::job_ids(bool last_round_only) const {
  std::vector<std::string> ids;
  for (std::size_t i = last_round_only && !rounds.empty() ? rounds.size() - 1 : 0; i < rounds.size(); ++i)
    for (const auto& job : rounds[i].jobs) ids.push_back(job.id);
  return ids;
}

PipelineOptions SlurmRunState::options(const fs::path& out_dir, unsigned jobs) const {
  PipelineOptions o;
  o.repos = repos;
  o.out_dir = out_dir;
  o.backends = backends;
  o.synthesizer = synthesizer;
  o.version = version;
  o.jobs = jobs;
  o.child_args = child_args;
  return o;
}

}  // namespace kq::pipeline
