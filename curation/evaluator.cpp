#include "curation/evaluator.hpp"

#include <fstream>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/paths.hpp"
#include "core/progress.hpp"
#include "curation/eval_build.hpp"
#include "curation/eval_record.hpp"
#include "curation/eval_stats.hpp"
#include "curation/unit_split.hpp"
#include "verifier/backend.hpp"
#include "verifier/verifier.hpp"

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

json EvalReport::to_json() const {
  json out = json::array();
  for (const auto& s : samples) {
    json j{{"line", s.line}, {"task_id", s.task_id}, {"dialect", s.dialect}, {"backend", s.backend},
           {"verdict", s.verdict}, {"reason", s.reason}, {"seed", std::to_string(s.seed)}};
    if (!s.stage.empty()) j["stage"] = s.stage;
    if (s.timed) {
      j["candidate_us"] = s.candidate_us;
      j["reference_us"] = s.reference_us;
      j["reference2_us"] = s.reference2_us;
      j["speedup"] = s.speedup;
      j["noise"] = s.noise;
      j["margin"] = s.margin;
      j["significant"] = s.significant;
    }
    out.push_back(std::move(j));
  }
  std::map<std::string, int> counts;
  for (const auto& s : samples) ++counts[s.verdict];
  return {{"exit_code", exit_code}, {"counts", counts}, {"summary", summary}, {"samples", out}};
}

std::string sample_candidate(const json& task, const json& sample) {
  std::string text;
  if (sample.contains("solution") && sample["solution"].is_string()) {
    text = sample["solution"].get<std::string>();
  } else if (sample.contains("completion") && sample["completion"].is_string()) {
    text = task.value("complete_prompt", "") + sample["completion"].get<std::string>();
  } else {
    throw Error("sample has neither `solution` nor `completion` text");
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text + closing_braces(text);
}

namespace {

using TaskIndex = std::map<std::pair<std::string, std::string>, json>;

void read_jsonl(const fs::path& file, TaskIndex& index) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json t = json::parse(line);
    std::pair<std::string, std::string> key{t.at("task_id").get<std::string>(), t.at("dialect").get<std::string>()};
    index[key] = std::move(t);
  }
}

// The tasks, each with its reference from oracle/references.<dialect>.jsonl
// under "reference_source" (the task records do not carry it).
TaskIndex load_tasks(const fs::path& release) {
  TaskIndex index, oracle;
  for (const char* d : {"hip", "cuda"}) {
    fs::path file = release / (std::string("tasks.") + d + ".jsonl");
    if (fs::exists(file)) read_jsonl(file, index);
    fs::path refs = release / "oracle" / (std::string("references.") + d + ".jsonl");
    if (fs::exists(refs)) read_jsonl(refs, oracle);
  }
  if (index.empty()) throw UsageError("release " + release.string() + ": no tasks.hip.jsonl or tasks.cuda.jsonl");
  for (auto& [key, task] : index) {
    auto it = oracle.find(key);
    if (it != oracle.end()) task["reference_source"] = it->second.value("reference_source", "");
  }
  return index;
}

struct Sample {
  std::size_t line = 0;
  json data;
};

std::vector<Sample> load_samples(const fs::path& path) {
  if (!fs::exists(path)) throw UsageError("samples file " + path.string() + " does not exist");
  std::ifstream in(path);
  std::vector<Sample> out;
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      throw UsageError("samples file " + path.string() + " line " + std::to_string(n) + ": not a JSON object");
    out.push_back({n, std::move(j)});
  }
  return out;
}

std::string pick_backend(const std::string& requested, const std::string& dialect) {
  if (requested != "auto") return requested;
  verify::VerifierOptions vo;
  auto runnable = verify::available_backends(vo, true);
  // The first GPU backend that takes the dialect as it is and runs here, in
  // table order (hip-amd before hip-nvidia); else the host simulator.
  auto d = dialect_from_string(dialect).value_or(Dialect::Hip);
  for (const auto& name : runnable) {
    const auto& b = verify::backend_named(name);
    if (b.gpu() && b.dialect == d) return name;
  }
  return std::string(verify::host_backend().name);
}

void apply_timing(const RecordVerdict& record, const EvalOptions& o, SampleResult& r) {
  if (record.timing.empty()) return;
  const auto& t = record.timing.front();
  auto v = speed_verdict(t.candidate_us, t.reference_us, t.reference2_us, o.min_margin);
  r.timed = t.candidate_us > 0 && t.reference_us > 0;
  r.candidate_us = t.candidate_us;
  r.reference_us = t.reference_us;
  r.reference2_us = t.reference2_us;
  r.speedup = v.speedup;
  r.noise = v.noise;
  r.margin = v.margin;
  r.significant = v.significant;
  if (v.slower) r.verdict = "slower";
}

// One sample between its build and its run.
struct Prepared {
  SampleResult result;
  bool built = false;
  std::string harness;
  fs::path dir;
  TestRunOptions test;
};

void build_sample(const json& task, const std::string& candidate, const EvalOptions& o, Prepared& p) {
  SampleResult& r = p.result;
  if (task.value("reference_source", "").empty()) {
    r.reason = "the release has no reference for this task (oracle/references." + r.dialect + ".jsonl)";
    return;
  }
  p.test = o.test;
  if (p.test.runtime_dir.empty() && fs::exists(o.release_dir / "runtime" / "kq"))
    p.test.runtime_dir = o.release_dir / "runtime";
  IsolatedBuildInput in;
  in.test = {task.at("test").get<std::string>(), task["reference_source"].get<std::string>()};
  in.candidate = candidate;
  in.prompt = task.value("complete_prompt", "");
  in.entry_point = task.value("entry_point", "");
  in.dialect = r.dialect == "cuda" ? Dialect::Cuda : Dialect::Hip;
  in.backend = r.backend;
  p.harness = in.test.harness;
  auto built = build_isolated(in, p.dir, p.test);
  if (!built.compiled) {
    r.stage = built.stage;
    r.reason = built.log.rfind("refused: ", 0) == 0
                   ? built.log
                   : (built.stage == "link" ? "does not link: " : "does not compile: ") + built.log.substr(0, 2000);
    return;
  }
  p.built = true;
}

// Runs a built sample with a fresh seed, shuffled cases and a nonce; the
// verdict comes from the harness's record.
void run_sample(const EvalOptions& o, Prepared& p) {
  SampleResult& r = p.result;
  const std::string nonce = make_nonce();
  r.seed = make_seed();
  const bool gpu = verify::backend_named(r.backend).gpu();
  TestRunOptions to = p.test;
  to.env = {{"KQ_EVAL_SEED", std::to_string(r.seed)}, {"KQ_EVAL_NONCE", nonce},
            {"KQ_EVAL_RECORD", (p.dir / "kq_record.json").string()}, {"KQ_EVAL_TIMING", gpu && o.timing ? "1" : "0"}};
  std::vector<std::string> args{"--gtest_shuffle", "--gtest_random_seed=" + std::to_string(1 + r.seed % 99999)};
  auto run = run_built_test(p.dir, r.backend, to, args);
  auto record = read_result_record(p.dir / "kq_record.json", nonce, expected_case_names(p.harness));
  if (!record.passed) {
    r.stage = "run";
    r.reason = record.reason + (run.log.empty() ? "" : "\n" + run.log.substr(0, 2000));
    return;
  }
  r.verdict = "correct";
  apply_timing(record, o, r);
}

void prepare(const Sample& s, const TaskIndex& tasks, const EvalOptions& o, const fs::path& work, Prepared& p) {
  SampleResult& r = p.result;
  r.line = s.line;
  r.task_id = s.data.value("task_id", "");
  r.dialect = s.data.value("dialect", "hip");
  r.verdict = "incorrect";
  auto it = tasks.find({r.task_id, r.dialect});
  if (it == tasks.end()) {
    r.reason = "unknown task " + r.task_id + " (" + r.dialect + ")";
    return;
  }
  try {
    std::string candidate = sample_candidate(it->second, s.data);
    r.backend = pick_backend(o.backend, r.dialect);
    p.dir = work / ("sample-" + std::to_string(s.line));
    build_sample(it->second, candidate, o, p);
  } catch (const Error& e) {
    r.reason = std::string("evaluation failed: ") + e.what();
  }
}

}  // namespace

EvalReport evaluate(const EvalOptions& o) {
  auto tasks = load_tasks(o.release_dir);
  auto samples = load_samples(o.samples);
  fs::path work = o.work_dir.empty() ? make_temp_dir(fs::temp_directory_path(), "kquarry-eval-") : o.work_dir;
  EvalReport rep;
  std::vector<Prepared> prepared(samples.size());
  std::vector<std::size_t> idx(samples.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  // Builds in parallel; then runs: cpu-sim in parallel, GPU samples one at a
  // time and after every build, so nothing else loads the machine while a
  // sample is timed.
  Progress building("eval build", samples.size());
  parallel_for_each(idx, std::max(1u, o.jobs), [&](std::size_t i) {
    prepare(samples[i], tasks, o, work, prepared[i]);
    building.advance(1, !prepared[i].built);
  });
  building.finish();
  std::vector<std::size_t> sim_runs, gpu_runs;
  for (std::size_t i : idx)
    if (prepared[i].built) (verify::backend_named(prepared[i].result.backend).sim ? sim_runs : gpu_runs).push_back(i);
  Progress running("eval run", sim_runs.size() + gpu_runs.size());
  auto run_one = [&](std::size_t i) {
    try {
      run_sample(o, prepared[i]);
    } catch (const Error& e) {
      prepared[i].result.reason = std::string("evaluation failed: ") + e.what();
    }
    running.advance(1, prepared[i].result.verdict == "incorrect");
  };
  parallel_for_each(sim_runs, std::max(1u, o.jobs), run_one);
  parallel_for_each(gpu_runs, 1u, run_one);
  running.finish();
  for (auto& p : prepared) rep.samples.push_back(std::move(p.result));
  if (o.work_dir.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  std::vector<SampleScore> scores;
  for (const auto& s : rep.samples) {
    if (s.verdict == "incorrect") rep.exit_code = 2;
    else if (s.verdict == "slower" && rep.exit_code == 0) rep.exit_code = 1;
    scores.push_back({s.task_id + " " + s.dialect, s.verdict != "incorrect", s.timed, s.speedup});
  }
  rep.summary = summarize(scores);
  return rep;
}

}  // namespace kq::curation
