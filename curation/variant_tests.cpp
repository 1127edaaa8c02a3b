#include "curation/variant_tests.hpp"

#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/result_cache.hpp"
#include "curation/case_search.hpp"
#include "curation/eval_build.hpp"
#include "curation/mutation_check.hpp"
#include "curation/unit_split.hpp"
#include "verifier/toolchain.hpp"

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What one variant's test gave, as a cache record (a TestRunResult, and the
// per-test verdicts where asked for); not cacheable when it may differ
// another time (a timeout, a process that could not start, a kill).
struct Outcome {
  json record;
  bool cacheable = true;
};
using RunBuilt = std::function<Outcome(const fs::path& dir)>;

json to_record(const TestRunResult& r) {
  return {{"compiled", r.compiled}, {"ran", r.ran},         {"passed", r.passed},
          {"stage", r.stage},       {"log", r.log},         {"candidate_us", r.candidate_us},
          {"reference_us", r.reference_us}, {"timed", r.timed}, {"output", r.output}};
}

TestRunResult from_record(const json& j) {
  TestRunResult r;
  r.compiled = j.value("compiled", false);
  r.ran = j.value("ran", false);
  r.passed = j.value("passed", false);
  r.stage = j.value("stage", "");
  r.log = j.value("log", "");
  r.candidate_us = j.value("candidate_us", 0.0);
  r.reference_us = j.value("reference_us", 0.0);
  r.timed = j.value("timed", false);
  r.output = j.value("output", "");
  return r;
}

Outcome outcome_of(const TestRunResult& r) { return {to_record(r), !may_differ_another_time(r)}; }

// Everything besides the two sources that decides a test's outcome: the
// compile command (without the precompiled header, which changes speed, not
// meaning), the compiler's version, the runtime headers and the run limits.
std::string build_identity(const BuiltTask& task, const std::string& backend, const std::string& candidate,
                           const TestRunOptions& o) {
  const fs::path runtime = o.runtime_dir.empty() ? runtime_dir() : o.runtime_dir;
  TestRunOptions plain = o;
  plain.pch_dir.clear();
  auto cmd = test_compile_command(backend, task.dialect, runtime, extern_shared_names(candidate), plain);
  std::string text;
  for (const auto& a : cmd) text += a + "\n";
  text += verify::compiler_version(verify::resolve_compiler(cmd.front())) + "\n";
  text += runtime_hash(runtime) + "\n";
  text += std::to_string(o.run_timeout.count()) + "," + std::to_string(o.memory_mb) + "," +
          std::to_string(o.compile_timeout.count());
  return text;
}

class VariantRun {
 public:
  VariantRun(const BuiltTask& task, const TaskTestSource& test, const std::vector<std::string>& bodies,
             const std::string& backend, const fs::path& work_dir, const TestRunOptions& o, const fs::path& cache_dir,
             const std::string& kind)
      : task_(task), test_(test), bodies_(bodies), backend_(backend), work_(work_dir), o_(o),
        records_(bodies.size()) {
    if (!cache_dir.empty()) cache_.emplace(cache_dir);
    for (const auto& body : bodies) {
      auto candidate = candidate_from_body(task, body);
      keys_.push_back(result_key(kind, {test.harness, test.reference, candidate, backend, std::string(to_string(task.dialect)),
                                                build_identity(task, backend, candidate, o)}));
    }
  }

  std::vector<json> run(const RunBuilt& run_built) {
    std::vector<std::size_t> pending;
    for (std::size_t i = 0; i < bodies_.size(); ++i) {
      if (cache_) records_[i] = cache_->get(keys_[i]);
      if (!records_[i]) pending.push_back(i);
    }
    for (std::size_t i : pending) {
      // Without the first variant (the reference) the others are not looked at.
      if (i > 0 && pending.front() == 0 && !records_[0]->value("compiled", false)) {
        records_[i] = records_[0];
        continue;
      }
      run_alone(i, run_built);
    }
    std::vector<json> out;
    for (auto& r : records_) out.push_back(std::move(*r));
    return out;
  }

 private:
  void finish(std::size_t i, Outcome outcome) {
    if (cache_ && outcome.cacheable) cache_->put(keys_[i], outcome.record);
    records_[i] = std::move(outcome.record);
  }

  void run_alone(std::size_t i, const RunBuilt& run_built) {
    const fs::path dir = work_ / ("alone-" + std::to_string(i));
    auto built = build_isolated(task_build_input(task_, test_, candidate_from_body(task_, bodies_[i]), backend_), dir, o_);
    finish(i, built.compiled ? run_built(dir) : outcome_of(built));
  }

  const BuiltTask& task_;
  const TaskTestSource& test_;
  const std::vector<std::string>& bodies_;
  const std::string& backend_;
  fs::path work_;
  const TestRunOptions& o_;
  std::optional<ResultCache> cache_;
  std::vector<std::string> keys_;
  std::vector<std::optional<json>> records_;
};

}  // namespace

bool may_differ_another_time(const TestRunResult& r) {
  // The log of a failed compile or run starts with how the process ended.
  for (const char* start : {"timeout after", "could not start", "signal 9 "})
    if (r.log.rfind(start, 0) == 0) return true;
  return false;
}

std::vector<TestRunResult> run_test_variants(const BuiltTask& task, const TaskTestSource& test_source,
                                             const std::vector<std::string>& bodies, const std::string& backend,
                                             const fs::path& work_dir, const TestRunOptions& options,
                                             const fs::path& cache_dir) {
  VariantRun runs(task, test_source, bodies, backend, work_dir, options, cache_dir, "task-test-v1");
  auto records = runs.run([&](const fs::path& dir) { return outcome_of(run_built_test(dir, backend, options)); });
  std::vector<TestRunResult> out;
  for (const auto& r : records) out.push_back(from_record(r));
  return out;
}

std::vector<VariantVerdicts> test_verdicts_of_variants(const BuiltTask& task, const TaskTestSource& test_source,
                                                       const std::vector<std::string>& bodies,
                                                       std::size_t expected_tests, const std::string& backend,
                                                       const fs::path& work_dir, const TestRunOptions& options,
                                                       const fs::path& cache_dir) {
  VariantRun runs(task, test_source, bodies, backend, work_dir, options, cache_dir, "task-test-verdicts-v1");
  auto records = runs.run([&](const fs::path& dir) {
    bool settled = true;
    TestRunResult built;
    built.compiled = true;
    Outcome o = outcome_of(built);
    o.record["verdicts"] = per_test_verdicts(dir, backend, options, expected_tests, &settled);
    o.cacheable = settled;
    return o;
  });
  std::vector<VariantVerdicts> out;
  for (const auto& r : records) {
    VariantVerdicts v;
    v.compiled = r.value("compiled", false);
    if (r.contains("verdicts")) v.verdicts = r["verdicts"].get<std::map<std::string, bool>>();
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace kq::curation
