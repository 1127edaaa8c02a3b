#include "synth/builtin_synth.hpp"

#include <system_error>

#include "core/fs.hpp"
#include "synth/builtin_doc.hpp"
#include "synth/builtin_search.hpp"
#include "testgen/cases.hpp"
#include "testgen/template_choice.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

// A scratch folder for one kernel's runs, removed when the synthesis ends.
class Scratch {
 public:
  explicit Scratch(const std::filesystem::path& parent, std::int64_t kernel_id) {
    std::filesystem::create_directories(parent);
    path_ = make_temp_dir(parent, "k" + std::to_string(kernel_id) + "-");
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Synthesis not_ok(Synthesis s, const std::string& status, const std::string& reason) {
  s.status = status;
  s.reason = reason;
  return s;
}

// The plan of the next alternative template argument list that plans at all,
// from `next` on; nullopt when none is left.
std::optional<testgen::KernelPlan> next_template_plan(testgen::PlanInput input,
                                                      const std::vector<std::vector<std::string>>& alternatives,
                                                      std::size_t& next) {
  while (next < alternatives.size()) {
    input.template_args = alternatives[next++];
    auto plan = testgen::infer_plan(input);
    if (!plan.ok) continue;
    plan.assumptions.insert(plan.assumptions.begin(), testgen::chosen_template_assumption(plan.template_args));
    return plan;
  }
  return std::nullopt;
}

}  // namespace

testgen::PlanInput plan_input(const KernelInput& k) {
  testgen::PlanInput in;
  // Kernels in namespaces or classes are launched by their qualified name;
  // an anonymous namespace is reachable from the same unit without one.
  in.name = k.qualified_name.empty() ? k.name : k.qualified_name;
  for (const std::string anon : {"(anonymous namespace)::", "(anonymous)::"})
    for (auto p = in.name.find(anon); p != std::string::npos; p = in.name.find(anon)) in.name.erase(p, anon.size());
  in.analysis = k.analysis;
  if (in.analysis.template_params.empty() && k.template_params.is_array())
    for (const auto& t : k.template_params)
      if (t.is_string()) in.analysis.template_params.push_back(t.get<std::string>());
  in.unit_source = k.unit_source;
  in.kernel_source = k.kernel_source.empty() ? k.unit_source : k.kernel_source;
  // The extractor's macro-expanded body shows constants the source hides behind macros.
  if (!k.analysis.body_expanded.empty()) in.kernel_source += "\n" + k.analysis.body_expanded;
  in.launches = k.launches;
  in.instantiations = k.instantiations;
  return in;
}

Synthesis BuiltinSynthesizer::synthesize(const KernelInput& kernel, const std::optional<Feedback>& previous) {
  Synthesis s;
  s.synthesizer = name();
  s.attempt = previous ? previous->attempt + 1 : 1;
  auto input = plan_input(kernel);
  auto plan = testgen::infer_plan(input);
  const auto alternatives = plan.template_alternatives;
  s.extra["plan"] = testgen::plan_to_json(plan);
  if (!plan.ok) return not_ok(std::move(s), "unsupported", plan.reason);

  std::optional<Scratch> scratch;
  if (options_.run_probes) {
    scratch.emplace(options_.work_dir, kernel.kernel_id);
    // Template arguments the repository does not give are proven by running
    // them: the first list whose probes compile and run is kept.
    json tried = json::array();
    std::size_t next = 0;
    for (;;) {
      auto search = search_shapes(plan, kernel.unit_source, kernel.dialect,
                                  scratch->path() / ("args-" + std::to_string(next)), options_.verifier,
                                  options_.max_probe_runs);
      s.extra["search"] = {{"runs", search.runs}, {"steps", search.steps}};
      if (search.ok) break;
      tried.push_back({{"template_args", plan.template_args}, {"reason", search.reason}});
      auto retry = next_template_plan(input, alternatives, next);
      if (!retry) {
        s.extra["plan"] = testgen::plan_to_json(plan);
        if (tried.size() > 1) s.extra["template_args_tried"] = tried;
        // The failing case goes with the attempt, so inspect --failed can replay it.
        if (search.failed_case) s.cases = {*search.failed_case};
        return not_ok(std::move(s), search.status, search.reason);
      }
      plan = std::move(*retry);
    }
    if (!tried.empty()) plan.assumptions.push_back("template arguments that failed before: " + tried.dump());
    s.extra["plan"] = testgen::plan_to_json(plan);
  }
  try {
    s.cases = testgen::design_cases(plan);
  } catch (const std::exception& e) {
    return not_ok(std::move(s), "unsupported", std::string("unsupported: ") + e.what());
  }
  s.extra["timing_case"] = testgen::kTimingCase;
  s.doc = builtin_doc(plan, kernel.analysis);
  if (options_.run_probes && options_.example) {
    auto spec = testgen::example_case(plan);
    auto dir = scratch->path() / "example";
    auto r = verify::run_spec(kernel.unit_source, kernel.dialect, spec, "cpu-sim", dir, options_.verifier);
    if (r.passed())
      if (auto ex = example_from_run(spec, dir)) s.doc["example"] = *ex;
  }
  return s;
}

}  // namespace kq::synth
