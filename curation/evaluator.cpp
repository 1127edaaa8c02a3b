#include "curation/evaluator.hpp"

#include <fstream>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/paths.hpp"
#include "core/progress.hpp"
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
           {"verdict", s.verdict}, {"reason", s.reason}};
    if (s.timed) {
      j["candidate_us"] = s.candidate_us;
      j["reference_us"] = s.reference_us;
    }
    out.push_back(std::move(j));
  }
  std::map<std::string, int> counts;
  for (const auto& s : samples) ++counts[s.verdict];
  return {{"exit_code", exit_code}, {"counts", counts}, {"samples", out}};
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

TaskIndex load_tasks(const fs::path& release) {
  TaskIndex index;
  for (const char* d : {"hip", "cuda"}) {
    fs::path file = release / (std::string("tasks.") + d + ".jsonl");
    if (!fs::exists(file)) continue;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      json t = json::parse(line);
      std::pair<std::string, std::string> key{t.at("task_id").get<std::string>(), t.at("dialect").get<std::string>()};
      index[key] = std::move(t);
    }
  }
  if (index.empty()) throw UsageError("release " + release.string() + ": no tasks.hip.jsonl or tasks.cuda.jsonl");
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

SampleResult score(const Sample& s, const TaskIndex& tasks, const EvalOptions& o, const fs::path& work) {
  SampleResult r;
  r.line = s.line;
  r.task_id = s.data.value("task_id", "");
  r.dialect = s.data.value("dialect", "hip");
  r.verdict = "incorrect";
  auto it = tasks.find({r.task_id, r.dialect});
  if (it == tasks.end()) {
    r.reason = "unknown task " + r.task_id + " (" + r.dialect + ")";
    return r;
  }
  std::string candidate;
  try {
    candidate = sample_candidate(it->second, s.data);
  } catch (const Error& e) {
    r.reason = e.what();
    return r;
  }
  r.backend = pick_backend(o.backend, r.dialect);
  TestRunOptions to = o.test;
  if (to.runtime_dir.empty() && fs::exists(o.release_dir / "runtime" / "kq")) to.runtime_dir = o.release_dir / "runtime";
  Dialect d = r.dialect == "cuda" ? Dialect::Cuda : Dialect::Hip;
  auto run = run_task_test(it->second.at("test").get<std::string>(), candidate, d, r.backend,
                           work / ("sample-" + std::to_string(s.line)), to);
  r.timed = run.timed;
  r.candidate_us = run.candidate_us;
  r.reference_us = run.reference_us;
  if (!run.passed) {
    r.reason = (run.compiled ? "test failed: " : "does not compile: ") + run.log.substr(0, 2000);
    return r;
  }
  r.verdict = run.timed && run.candidate_us > run.reference_us * o.slower_margin ? "slower" : "correct";
  return r;
}

}  // namespace

EvalReport evaluate(const EvalOptions& o) {
  auto tasks = load_tasks(o.release_dir);
  auto samples = load_samples(o.samples);
  fs::path work = o.work_dir.empty() ? make_temp_dir(fs::temp_directory_path(), "kquarry-eval-") : o.work_dir;
  EvalReport rep;
  rep.samples.resize(samples.size());
  std::vector<std::size_t> idx(samples.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  Progress progress("eval", samples.size());
  parallel_for_each(idx, std::max(1u, o.jobs), [&](std::size_t i) {
    rep.samples[i] = score(samples[i], tasks, o, work);
    progress.advance(1, rep.samples[i].verdict == "incorrect");
  });
  progress.finish();
  if (o.work_dir.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  for (const auto& s : rep.samples) {
    if (s.verdict == "incorrect") rep.exit_code = 2;
    else if (s.verdict == "slower" && rep.exit_code == 0) rep.exit_code = 1;
  }
  return rep;
}

}  // namespace kq::curation
