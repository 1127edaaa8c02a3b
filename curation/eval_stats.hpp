#pragma once
// Scores of an evaluation: the timing verdict of one sample against the
// noise measured on the same machine, and the summaries pass@k (the unbiased
// estimator of Chen et al. 2021, over n samples per task) and fast_p (the
// share of samples correct and more than p times as fast as the reference).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq::curation {

struct SpeedVerdict {
  double speedup = 0;    // reference time / candidate time
  double noise = 0;      // |reference2 - reference| / reference
  double margin = 0;     // the band inside which a difference is noise
  bool slower = false;   // candidate time above reference * (1 + margin)
  bool significant = false;  // |speedup - 1| beyond the margin
};

SpeedVerdict speed_verdict(double candidate_us, double reference_us, double reference2_us, double min_margin);

// 1 - C(n-c, k) / C(n, k)
double pass_at_k(int n, int c, int k);

struct SampleScore {
  std::string task;     // task_id and dialect
  bool correct = false;
  bool timed = false;
  double speedup = 0;
};

// {"pass@k": {...}, "fast_p": {...}, "tasks": N, "samples": N}
nlohmann::json summarize(const std::vector<SampleScore>& scores);

}  // namespace kq::curation
