#include "curation/funnel.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/types.hpp"
#include "db/curation.hpp"

namespace kq::curation {

using nlohmann::json;

namespace {

// Funnel steps and the first pipeline stage that counts as reaching each.
struct StepDef {
  const char* name;
  Stage first;
};
constexpr StepDef kSteps[] = {{"discovered", Stage::Discovered}, {"extracted", Stage::Extracted},
                              {"standalone", Stage::StandaloneOk}, {"synthesized", Stage::Synthesized},
                              {"verified", Stage::Verified}, {"exported", Stage::Released}};

int stage_index(const std::string& s) {
  auto st = stage_from_string(s);
  return st ? static_cast<int>(*st) : 0;
}

}  // namespace

std::vector<FunnelStep> compute_funnel(db::Database& db) {
  auto rows = db::stage_reason_counts(db);
  std::vector<FunnelStep> out;
  const std::size_t n = std::size(kSteps);
  for (std::size_t i = 0; i < n; ++i) {
    FunnelStep step;
    step.name = kSteps[i].name;
    const int lo = static_cast<int>(kSteps[i].first);
    const int hi = i + 1 < n ? static_cast<int>(kSteps[i + 1].first) : 1000;
    std::map<std::string, std::int64_t> reasons;
    for (const auto& r : rows) {
      int idx = stage_index(r.stage);
      if (idx >= lo) step.count += r.count;
      if (idx >= lo && idx < hi && i + 1 < n) {
        step.dropped += r.count;
        reasons[r.reason.empty() ? "not processed yet" : r.reason] += r.count;
      }
    }
    std::vector<std::pair<std::string, std::int64_t>> sorted(reasons.begin(), reasons.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.second > b.second; });
    if (sorted.size() > 3) sorted.resize(3);
    step.top_reasons = sorted;
    out.push_back(std::move(step));
  }
  return out;
}

json funnel_to_json(const std::vector<FunnelStep>& funnel) {
  json out = json::array();
  for (const auto& s : funnel) {
    json reasons = json::array();
    for (const auto& [r, c] : s.top_reasons) reasons.push_back({{"reason", r}, {"count", c}});
    out.push_back({{"step", s.name}, {"count", s.count}, {"dropped", s.dropped}, {"top_reasons", reasons}});
  }
  return out;
}

std::string funnel_table(const std::vector<FunnelStep>& funnel) {
  std::string out = "step          kernels  dropped  top reasons for the drop\n";
  for (const auto& s : funnel) {
    char line[96];
    std::snprintf(line, sizeof line, "%-12s %8lld %8lld  ", s.name.c_str(), static_cast<long long>(s.count),
                  static_cast<long long>(s.dropped));
    std::string reasons;
    for (const auto& [r, c] : s.top_reasons) {
      std::string one_line = r.substr(0, 70);  // compiler logs must not break the table's rows
      std::replace(one_line.begin(), one_line.end(), '\n', ' ');
      reasons += (reasons.empty() ? "" : "; ") + one_line + " (" + std::to_string(c) + ")";
    }
    out += line + reasons + "\n";
  }
  return out;
}

double export_share(const std::vector<FunnelStep>& funnel) {
  if (funnel.empty() || funnel.front().count == 0) return 0;
  return static_cast<double>(funnel.back().count) / static_cast<double>(funnel.front().count);
}

}  // namespace kq::curation
