#include "synth/builtin_search.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "testgen/cases.hpp"

namespace kq::synth {
namespace {

using testgen::KernelPlan;
using testgen::ParamPlan;

const char* kProbes[] = {"typical", "size1", "ragged", "one_block"};

std::size_t element_bytes(const ParamPlan& p) { return p.bytes ? p.bytes : scalar_type_size(p.type).value_or(1); }

// Bindings of a probe case, as build_case computes them.
testgen::Bindings probe_bindings(const KernelPlan& plan, const std::string& kind) {
  auto sizes = testgen::case_sizes(plan, kind);
  return testgen::launch_bindings(plan, sizes, testgen::case_grid(plan, sizes, false));
}

// Smallest candidate that covers `need` elements in the failing case and
// evaluates in every probe case; "" when none.
std::string next_candidate(const KernelPlan& plan, const ParamPlan& p, const std::string& kind, long long need) {
  auto vars = probe_bindings(plan, kind);
  std::string best;
  long long best_value = 0;
  for (const auto& c : p.count_candidates) {
    auto v = testgen::eval_size(c, vars);
    if (!v || *v < need) continue;
    bool everywhere = true;
    for (const char* k : kProbes) everywhere &= testgen::eval_size(c, probe_bindings(plan, k)).has_value();
    if (!everywhere) continue;
    if (best.empty() || *v < best_value) {
      best = c;
      best_value = *v;
    }
  }
  return best;
}

}  // namespace

std::optional<BoundsReport> parse_bounds_report(const std::string& log) {
  static const std::regex r("kq-sim: [a-z -]*access on buffer '([^']*)'[^\\n]*\\(byte offset (-?\\d+) of \\d+\\)");
  std::smatch m;
  if (!std::regex_search(log, m, r)) return std::nullopt;
  return BoundsReport{m[1].str(), std::stoll(m[2].str())};
}

std::string log_excerpt(const std::string& log, std::size_t max_chars) {
  // Prefer the runtime's own one-line diagnosis when there is one.
  auto k = log.find("kq-sim:");
  std::string s = k == std::string::npos ? log : log.substr(k);
  auto first = s.find_first_not_of(" \n\r\t");
  if (first == std::string::npos) return "";
  s = s.substr(first);
  if (s.size() > max_chars) s = s.substr(0, max_chars) + " ...";
  return s;
}

SearchOutcome search_shapes(KernelPlan& plan, const std::string& unit_source, Dialect dialect,
                            const std::filesystem::path& work_dir, const verify::VerifierOptions& options,
                            int max_runs) {
  SearchOutcome out;
  std::map<std::string, int> failures;  // overflows seen per buffer
  std::size_t probe = 0;
  while (probe < std::size(kProbes)) {
    if (out.runs >= max_runs) {
      out.status = "unsupported";
      out.reason = "unsupported: no buffer sizes found within " + std::to_string(max_runs) + " cpu-sim runs";
      return out;
    }
    std::string kind = kProbes[probe];
    // The probe is the very case the tests will hold, so the verifier's
    // compile cache serves it again at verification.
    LaunchSpec spec;
    try {
      for (auto& c : testgen::design_cases(plan))
        if (c.name == kind) spec = std::move(c);
    } catch (const std::exception& e) {
      out.status = "unsupported";
      out.reason = std::string("unsupported: ") + e.what();
      return out;
    }
    if (spec.kernel.empty()) {
      ++probe;
      continue;
    }
    auto r = verify::run_spec(unit_source, dialect, spec, "cpu-sim", work_dir / ("probe-" + std::to_string(out.runs)),
                              options);
    ++out.runs;
    if (r.passed()) {
      ++probe;
      continue;
    }
    out.failed_case = spec;
    auto bounds = parse_bounds_report(r.log);
    ParamPlan* p = bounds ? plan.find(bounds->buffer) : nullptr;
    if (!p || !p->buffer) {
      out.status = "failed";
      out.reason = "cpu-sim " + std::string(to_string(r.status)) + " in case " + kind + " (" + r.stage +
                   "): " + log_excerpt(r.log);
      return out;
    }
    if (bounds->offset_bytes < 0) {
      out.status = "unsupported";
      out.reason = "unsupported: the kernel accesses buffer '" + p->name + "' before its start in case " + kind;
      return out;
    }
    long long need = bounds->offset_bytes / static_cast<long long>(element_bytes(*p)) + 1;
    // The bounds checker names only the first bad access. A buffer that keeps
    // overflowing is indexed by a larger extent than one past the end (a row
    // pointer, a stride): grow geometrically instead of crawling.
    int overflows = ++failures[p->name];
    std::string next;
    if (overflows >= 2) {
      auto cur = testgen::eval_size(p->count(), probe_bindings(plan, kind)).value_or(0);
      next = next_candidate(plan, *p, kind, std::max(need, cur * (overflows >= 3 ? 4 : 2) + 1));
    }
    if (next.empty()) next = next_candidate(plan, *p, kind, need);
    if (next.empty()) {
      out.status = "unsupported";
      out.reason = "unsupported: no size formula keeps buffer '" + p->name + "' in bounds (it needs " +
                   std::to_string(need) + " elements in case " + kind + ")";
      return out;
    }
    out.steps.push_back({{"case", kind}, {"buffer", p->name}, {"from", p->count()}, {"to", next}});
    auto& c = p->count_candidates;
    c.erase(std::find(c.begin(), c.end(), next));
    c.insert(c.begin(), next);
    probe = 0;  // a new size can change earlier cases too
  }
  out.ok = true;
  out.failed_case.reset();  // repaired
  return out;
}

}  // namespace kq::synth
