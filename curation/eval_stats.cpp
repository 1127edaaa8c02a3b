#include "curation/eval_stats.hpp"

#include <cmath>

namespace kq::curation {

using nlohmann::json;

SpeedVerdict speed_verdict(double candidate_us, double reference_us, double reference2_us, double min_margin) {
  SpeedVerdict v;
  if (candidate_us <= 0 || reference_us <= 0) return v;
  v.speedup = reference_us / candidate_us;
  v.noise = reference2_us > 0 ? std::fabs(reference2_us - reference_us) / reference_us : 0;
  // Three times the reference-vs-reference difference, and never below the floor.
  v.margin = std::max(min_margin, 3 * v.noise);
  v.slower = candidate_us > reference_us * (1 + v.margin);
  v.significant = std::fabs(candidate_us / reference_us - 1) > v.margin;
  return v;
}

double pass_at_k(int n, int c, int k) {
  if (n - c < k) return 1.0;
  double prod = 1.0;
  for (int i = n - c + 1; i <= n; ++i) prod *= 1.0 - static_cast<double>(k) / i;
  return 1.0 - prod;
}

json summarize(const std::vector<SampleScore>& scores) {
  std::map<std::string, std::pair<int, int>> per_task;  // n, c
  bool any_timed = false;
  for (const auto& s : scores) {
    auto& [n, c] = per_task[s.task];
    ++n;
    c += s.correct;
    any_timed = any_timed || s.timed;
  }
  json pass = json::object();
  for (int k : {1, 5, 10}) {
    double sum = 0;
    int tasks = 0;
    for (const auto& [task, nc] : per_task) {
      if (nc.first < k) continue;
      sum += pass_at_k(nc.first, nc.second, k);
      ++tasks;
    }
    if (tasks) pass["pass@" + std::to_string(k)] = sum / tasks;
  }
  json fast = json::object();
  for (double p : {0.0, 0.5, 0.8, 1.0, 1.5, 2.0}) {
    if (p > 0 && !any_timed) break;
    int hits = 0;
    for (const auto& s : scores) hits += s.correct && (p == 0 || (s.timed && s.speedup > p));
    char key[32];
    std::snprintf(key, sizeof key, "fast_%g", p);
    fast[key] = scores.empty() ? 0.0 : static_cast<double>(hits) / scores.size();
  }
  return {{"tasks", per_task.size()}, {"samples", scores.size()}, {"pass_at_k", pass}, {"fast_p", fast}};
}

}  // namespace kq::curation
