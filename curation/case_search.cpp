#include "curation/case_search.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "curation/mutation_check.hpp"
#include "curation/task_test.hpp"
#include "curation/variant_tests.hpp"

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::size_t buffer_bytes(const LaunchSpec& spec) {
  std::size_t total = 0;
  for (const auto& a : spec.args) {
    if (a.kind != ArgSpec::Kind::Buffer) continue;
    std::size_t elem = a.bytes ? a.bytes : scalar_type_size(a.type).value_or(8);
    total += a.count * elem;
  }
  return total;
}

bool is_integer_scalar(const ArgSpec& a) {
  return a.kind == ArgSpec::Kind::Scalar && a.value.is_number_integer() && !is_floating_type(a.type);
}

bool is_floating_scalar(const ArgSpec& a) {
  return a.kind == ArgSpec::Kind::Scalar && a.value.is_number() && is_floating_type(a.type);
}

// "-3000" -> "neg3000", "0.5" -> "0p5": a value as part of a case name.
std::string value_tag(const json& v) {
  std::string s = v.dump();
  std::string out;
  for (char c : s) out += c == '-' ? std::string("neg") : c == '.' ? std::string("p") : std::string(1, c);
  return out;
}

std::string number_text(const json& v) { return v.dump(); }

// One change to a base case; nullopt when it changes nothing.
using Variant = std::function<std::optional<ExtraCase>(const LaunchSpec&)>;

std::optional<ExtraCase> reseeded(const LaunchSpec& base, std::uint64_t round) {
  ExtraCase e{base, base.name, "seeds + " + std::to_string(round)};
  bool changed = false;
  for (auto& a : e.spec.args) {
    if (a.kind != ArgSpec::Kind::Buffer) continue;
    const auto& d = a.init.dist;
    if (d != "uniform" && d != "normal" && d != "randint" && d != "poison") continue;
    a.init.seed += round * 1000003u;
    changed = true;
  }
  if (!changed) return std::nullopt;
  e.spec.name = base.name + "_seed" + std::to_string(round + 1);
  return e;
}

std::optional<ExtraCase> with_scalar(const LaunchSpec& base, const std::string& name, const json& value) {
  ExtraCase e{base, base.name, ""};
  for (auto& a : e.spec.args) {
    if (a.kind != ArgSpec::Kind::Scalar || a.name != name) continue;
    if (a.value == value) return std::nullopt;
    e.change = name + " = " + number_text(value) + " (was " + number_text(a.value) + ")";
    a.value = value;
    e.spec.name = base.name + "_" + name + "_" + value_tag(value);
    return e;
  }
  return std::nullopt;
}

// Smaller sizes of an integer size scalar: one less, ragged (about half, odd),
// one, around the block size, zero.
std::vector<long long> smaller_sizes(long long v, unsigned block, int tier) {
  std::vector<long long> out;
  auto add = [&](long long x) {
    if (x >= 0 && x < v) out.push_back(x);
  };
  if (tier == 0) add(v - 1);
  if (tier == 1) {
    add(v / 2 + ((v / 2) % 2 == 0 ? 1 : 0));
    add(1);
  }
  if (tier == 2) {
    add(static_cast<long long>(block) + 1);
    add(static_cast<long long>(block) - 1);
    add(0);
  }
  return out;
}

// Other values of a floating scalar: its negation (or one for zero), then
// zero and half of it.
std::vector<double> other_values(double v, int tier) {
  if (tier == 0) return {v != 0 ? -v : 1.0};
  if (v == 0) return {};
  return {0.0, v / 2};
}

// The variants of one tier for one base case.
std::vector<ExtraCase> tier_variants(const LaunchSpec& base, int tier, const std::set<std::string>& sizes) {
  std::vector<ExtraCase> out;
  auto push = [&](std::optional<ExtraCase> e) {
    if (e) out.push_back(std::move(*e));
  };
  auto is_size = [&](const ArgSpec& a) { return is_integer_scalar(a) && (sizes.empty() || sizes.count(a.name)); };
  switch (tier) {
    case 0:
      push(reseeded(base, 1));
      break;
    case 1:
    case 3:
    case 5:
      for (const auto& a : base.args)
        if (is_size(a))
          for (long long x : smaller_sizes(a.value.get<long long>(), base.block[0], (tier - 1) / 2))
            push(with_scalar(base, a.name, json(x)));
      break;
    case 2:
    case 4:
      for (const auto& a : base.args)
        if (is_floating_scalar(a))
          for (double x : other_values(a.value.get<double>(), tier == 2 ? 0 : 1)) push(with_scalar(base, a.name, json(x)));
      break;
    case 6:
      push(reseeded(base, 2));
      break;
  }
  return out;
}

constexpr int kTiers = 7;

}  // namespace

std::vector<ExtraCase> extra_cases(const std::vector<LaunchSpec>& cases, const std::set<std::string>& size_params,
                                   std::size_t max_cases, std::size_t max_base_bytes) {
  std::vector<ExtraCase> out;
  std::set<std::string> seen_names;
  std::vector<json> seen;
  for (const auto& c : cases) {
    seen_names.insert(case_identifier(c, 0));
    json j = launch_spec_to_json(c);
    j.erase("name");
    seen.push_back(j);
  }
  for (int tier = 0; tier < kTiers && out.size() < max_cases; ++tier) {
    for (const auto& base : cases) {
      if (buffer_bytes(base) > max_base_bytes) continue;
      for (auto& e : tier_variants(base, tier, size_params)) {
        if (out.size() >= max_cases) break;
        json j = launch_spec_to_json(e.spec);
        j.erase("name");
        if (std::find(seen.begin(), seen.end(), j) != seen.end()) continue;
        std::string id = case_identifier(e.spec, 0);
        for (int n = 2; seen_names.count(id); ++n) {
          e.spec.name = e.spec.name + "_" + std::to_string(n);
          id = case_identifier(e.spec, 0);
        }
        seen.push_back(j);
        seen_names.insert(id);
        out.push_back(std::move(e));
      }
    }
  }
  return out;
}

std::map<std::string, bool> per_test_verdicts(const fs::path& work_dir, const std::string& backend,
                                              const TestRunOptions& options, std::size_t expected_tests,
                                              bool* settled) {
  static const std::regex line(R"(^\[ *(RUN|OK|FAILED) *\] (\S+\.\S+))");
  std::map<std::string, bool> verdicts;
  for (std::size_t attempt = 0; attempt <= expected_tests && verdicts.size() < expected_tests; ++attempt) {
    std::vector<std::string> args;
    if (!verdicts.empty()) {
      std::string filter = "--gtest_filter=-";
      for (const auto& [name, ok] : verdicts) filter += name + ":";
      filter.pop_back();
      args.push_back(filter);
    }
    auto r = run_built_test(work_dir, backend, options, args);
    if (settled && may_differ_another_time(r)) *settled = false;
    std::string started;
    std::istringstream in(r.output);
    std::string l;
    std::size_t before = verdicts.size();
    while (std::getline(in, l)) {
      std::smatch m;
      if (!std::regex_search(l, m, line)) continue;
      if (m[1] == "RUN") {
        started = m[2];
      } else {
        verdicts.emplace(m[2], m[1] == "OK");
        if (started == m[2]) started.clear();
      }
    }
    // The program stopped inside `started`: a crash or a hang of that test.
    if (!started.empty()) verdicts.emplace(started, false);
    if (r.ran && started.empty()) break;  // every remaining test ran
    if (verdicts.size() == before) break;  // no progress: the program does not start
  }
  return verdicts;
}

namespace {

// Which extra cases passed (true), keyed by their index; cases without a
// verdict count as failed.
std::vector<bool> case_passes(const std::map<std::string, bool>& verdicts, const std::vector<ExtraCase>& cases) {
  std::map<std::string, bool> by_case;
  for (const auto& [name, ok] : verdicts) by_case[name.substr(name.find('.') + 1)] = ok;
  std::vector<bool> out;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto it = by_case.find(case_identifier(cases[i].spec, i));
    out.push_back(it != by_case.end() && it->second);
  }
  return out;
}

}  // namespace

CaseSearch search_killing_cases(const BuiltTask& task, const std::vector<Mutant>& mutants,
                                const std::set<std::string>& size_params, std::size_t max_cases,
                                const std::string& backend, const fs::path& work_dir, const TestRunOptions& options,
                                const fs::path& cache_dir) {
  CaseSearch s;
  s.killer.assign(mutants.size(), -1);
  s.cases = extra_cases(task.test_inputs.cases, size_params, max_cases);
  s.generated = s.cases.size();
  s.detail = {{"extra_cases", s.generated}};
  if (s.cases.empty()) return s;
  TaskTestInputs in = task.test_inputs;
  in.cases.clear();
  for (const auto& e : s.cases) in.cases.push_back(e.spec);
  const TaskTestSource test = render_task_test(in);
  // The canonical solution first, then every mutant, in one program where it compiles.
  std::vector<std::string> bodies{task.texts.canonical_solution};
  for (const auto& m : mutants) bodies.push_back(m.body);
  auto runs = test_verdicts_of_variants(task, test, bodies, s.cases.size(), backend, work_dir / "search", options,
                                        cache_dir);
  if (!runs[0].compiled) {
    s.detail["error"] = "the extra cases did not compile with the canonical solution";
    return s;
  }
  const auto canonical = case_passes(runs[0].verdicts, s.cases);
  for (std::size_t i = 0; i < s.cases.size(); ++i) {
    if (canonical[i]) ++s.valid;
    else s.canonical_rejects.push_back(s.cases[i].spec.name);
  }
  s.detail["valid"] = s.valid;
  s.detail["canonical_fails"] = s.canonical_rejects;
  for (std::size_t m = 0; m < mutants.size() && s.valid > 0; ++m) {
    if (!runs[m + 1].compiled) continue;
    const auto with_mutant = case_passes(runs[m + 1].verdicts, s.cases);
    for (std::size_t i = 0; i < s.cases.size(); ++i)
      if (canonical[i] && !with_mutant[i]) {
        s.killer[m] = static_cast<int>(i);
        break;
      }
  }
  return s;
}

}  // namespace kq::curation
