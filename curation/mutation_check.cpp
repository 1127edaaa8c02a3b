#include "curation/mutation_check.hpp"

#include "curation/case_search.hpp"
#include "curation/variant_tests.hpp"

namespace kq::curation {

using nlohmann::json;

std::string candidate_from_body(const BuiltTask& task, const std::string& body) {
  std::string text = task.texts.code_prompt + body;
  return text + closing_braces(text);
}

IsolatedBuildInput task_build_input(const BuiltTask& task, const TaskTestSource& test, const std::string& candidate,
                                    const std::string& backend) {
  IsolatedBuildInput in;
  in.test = test;
  in.candidate = candidate;
  in.prompt = task.texts.complete_prompt;
  in.entry_point = unqualified(task.test_inputs.kernel_name);
  in.dialect = task.dialect;
  in.backend = backend;
  return in;
}

TaskTestSource task_test_source(const BuiltTask& task) {
  return {task.record.at("test").get<std::string>(), task.record.value("reference_source", "")};
}

MutationReport check_task(const BuiltTask& task, bool with_mutants, std::size_t max_mutants,
                          const std::string& backend, const std::filesystem::path& work_dir,
                          const TestRunOptions& options, const std::filesystem::path& cache_dir) {
  MutationReport rep;
  const TaskTestSource test = task_test_source(task);
  // The canonical solution and every mutant: one program for all of them where it compiles.
  std::vector<std::string> bodies{task.texts.canonical_solution};
  const auto mutants = with_mutants ? make_mutants(task.texts.canonical_solution, max_mutants) : std::vector<Mutant>{};
  for (const auto& m : mutants) bodies.push_back(m.body);
  const auto runs = run_test_variants(task, test, bodies, backend, work_dir, options, cache_dir);
  const auto& canonical = runs.front();
  rep.detail["backend"] = backend;
  rep.detail["canonical"] = {{"passed", canonical.passed}, {"stage", canonical.stage}};
  if (!canonical.passed) {
    rep.reason = "test fails with the canonical solution (" + canonical.stage + "): " +
                 canonical.log.substr(0, 300);
    rep.detail["canonical"]["log"] = canonical.log.substr(0, 4000);
    return rep;
  }
  rep.detail["mutants"] = json::array();
  if (!with_mutants) {
    rep.ok = true;
    return rep;
  }
  std::size_t compiled = 0;
  for (std::size_t i = 0; i < mutants.size(); ++i) {
    const auto& m = mutants[i];
    const auto& r = runs[i + 1];
    bool killed = r.compiled && !r.passed;
    compiled += r.compiled;
    rep.detail["mutants"].push_back({{"op", m.op}, {"what", m.what}, {"compiled", r.compiled}, {"killed", killed}});
    if (r.compiled && !killed) rep.survivors.push_back(m);
  }
  if (compiled == 0) {
    rep.reason = "no mutant of the canonical solution could be made and compiled";
    return rep;
  }
  if (!rep.survivors.empty()) {
    rep.reason = "test does not reject mutant " + rep.survivors.front().op + " (" + rep.survivors.front().what + ")";
    return rep;
  }
  rep.ok = true;
  return rep;
}

namespace {

json added_case_record(const ExtraCase& e, const std::vector<std::string>& kills) {
  return {{"name", e.spec.name}, {"from", e.from}, {"change", e.change}, {"kills", kills}};
}

// After the search: marks in `rep` the mutants an added case kills and the
// survivors no case kills; decides whether the task still stands.
void settle(MutationReport& rep, const std::vector<Mutant>& searched, const CaseSearch& search) {
  std::set<std::string> equivalent, added_for;
  for (std::size_t m = 0; m < searched.size(); ++m) {
    if (search.killer[m] < 0) equivalent.insert(searched[m].op);
    else added_for.insert(searched[m].op);
  }
  std::size_t killed = 0;
  std::string survivor;
  for (auto& m : rep.detail["mutants"]) {
    const std::string op = m["op"];
    if (m["killed"].get<bool>()) {
      ++killed;
      if (added_for.count(op)) {
        for (std::size_t i = 0; i < searched.size(); ++i)
          if (searched[i].op == op) m["killed_by_added_case"] = search.cases[search.killer[i]].spec.name;
      }
      continue;
    }
    if (!m["compiled"].get<bool>()) continue;
    if (equivalent.count(op)) {
      m["likely_equivalent"] = true;
      m["extra_cases_tried"] = search.valid;
      continue;
    }
    if (survivor.empty()) survivor = op + " (" + m["what"].get<std::string>() + ")";
  }
  rep.ok = false;
  if (!survivor.empty()) {
    rep.reason = "test does not reject mutant " + survivor + " even with the cases added for it";
  } else if (killed == 0) {
    rep.reason = "no mutant rejected by the test (" + std::to_string(equivalent.size()) +
                 " likely equivalent after " + std::to_string(search.valid) + " extra cases)";
  } else {
    rep.ok = true;
    rep.reason.clear();
  }
}

}  // namespace

MutationReport check_task_guided(BuiltTask& task, const MutationOptions& mo, const std::filesystem::path& work_dir,
                                 const TestRunOptions& options) {
  auto rep = check_task(task, mo.with_mutants, mo.max_mutants, mo.backend, work_dir, options, mo.cache_dir);
  if (rep.ok || rep.survivors.empty() || mo.max_extra_cases == 0) return rep;
  const std::vector<Mutant> searched = rep.survivors;
  auto search = search_killing_cases(task, searched, mo.size_params, mo.max_extra_cases, mo.backend, work_dir,
                                     options, mo.cache_dir);
  // One case per mutant it kills first; a case that kills several is added once.
  std::vector<LaunchSpec> added;
  json added_json = json::array();
  std::map<int, std::vector<std::string>> kills;
  for (std::size_t m = 0; m < searched.size(); ++m)
    if (search.killer[m] >= 0) kills[search.killer[m]].push_back(searched[m].op);
  for (const auto& [i, ops] : kills) {
    added.push_back(search.cases[i].spec);
    added_json.push_back(added_case_record(search.cases[i], ops));
  }
  if (!added.empty()) {
    auto cases = task.test_inputs.cases;
    cases.insert(cases.end(), added.begin(), added.end());
    set_task_cases(task, cases);
    rep = check_task(task, mo.with_mutants, mo.max_mutants, mo.backend, work_dir / "recheck", options, mo.cache_dir);
    if (!rep.detail.value("canonical", json::object()).value("passed", false)) {
      rep.detail["case_search"] = search.detail;
      return rep;
    }
  }
  settle(rep, searched, search);
  rep.added_cases = added;
  rep.detail["case_search"] = search.detail;
  rep.detail["added_cases"] = added_json;
  return rep;
}

}  // namespace kq::curation
