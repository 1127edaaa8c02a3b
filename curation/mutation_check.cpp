#include "curation/mutation_check.hpp"

#include "curation/mutants.hpp"

namespace kq::curation {

using nlohmann::json;

std::string candidate_from_body(const BuiltTask& task, const std::string& body) {
  std::string text = task.texts.code_prompt + body;
  return text + closing_braces(text);
}

MutationReport check_task(const BuiltTask& task, bool with_mutants, std::size_t max_mutants,
                          const std::string& backend, const std::filesystem::path& work_dir,
                          const TestRunOptions& options) {
  MutationReport rep;
  const std::string test = task.record.at("test").get<std::string>();
  auto canonical = run_task_test(test, candidate_from_body(task, task.texts.canonical_solution), task.dialect,
                                 backend, work_dir / "canonical", options);
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
  std::string survivor;
  for (const auto& m : make_mutants(task.texts.canonical_solution, max_mutants)) {
    auto r = run_task_test(test, candidate_from_body(task, m.body), task.dialect, backend,
                           work_dir / ("mutant-" + m.op), options);
    bool killed = r.compiled && !r.passed;
    compiled += r.compiled;
    rep.detail["mutants"].push_back({{"op", m.op}, {"what", m.what}, {"compiled", r.compiled}, {"killed", killed}});
    if (r.compiled && !killed && survivor.empty()) survivor = m.op + " (" + m.what + ")";
  }
  if (compiled == 0) {
    rep.reason = "no mutant of the canonical solution could be made and compiled";
    return rep;
  }
  if (!survivor.empty()) {
    rep.reason = "test does not reject mutant " + survivor;
    return rep;
  }
  rep.ok = true;
  return rep;
}

}  // namespace kq::curation
