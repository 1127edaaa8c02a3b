#pragma once
// What a task test needs beyond GoogleTest, on every backend: per-evaluation
// seeds, the result record the evaluator reads, and interleaved timing.
//
// The evaluator passes, through the environment (read by the harness, never
// by the candidate: the candidate is its own translation unit and its object
// may not call getenv):
//   KQ_EVAL_SEED    a fresh seed: every case runs again on inputs drawn from it
//   KQ_EVAL_NONCE   written into the record, read only after every case ran
//   KQ_EVAL_RECORD  where the record goes (default kq_record.json)
//   KQ_EVAL_TIMING  1: time the timing case after every case passed
// The verdict is the record, never the exit status: a program that ends
// early, or a record without the nonce or without every case, is incorrect.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kq/host/json.hpp"
#include "kq/host/rng.hpp"

namespace kqt {

// The fresh seed of this run (0: none, only the task's seeded cases run).
inline std::uint64_t eval_seed() {
  static const std::uint64_t seed = [] {
    const char* s = std::getenv("KQ_EVAL_SEED");
    return s ? std::strtoull(s, nullptr, 10) : 0ull;
  }();
  return seed;
}

// A buffer's seed: the task's own (mix 0), or one derived from the task's
// seed and the evaluation's, so fresh inputs keep the task's distributions.
inline std::uint64_t seed(std::uint64_t task_seed, std::uint64_t mix) {
  if (mix == 0) return task_seed;
  std::uint64_t state = task_seed ^ (mix * 0x9e3779b97f4a7c15ull);
  return kq::Rng::splitmix64(state);
}

// The seed mixes every case runs with: the task's seeds, then the fresh one.
inline std::vector<std::uint64_t> seed_mixes() {
  std::vector<std::uint64_t> m{0};
  if (eval_seed() != 0) m.push_back(eval_seed());
  return m;
}

struct CaseTiming {
  std::string name;
  double candidate_us = 0, reference_us = 0, reference2_us = 0;
  int repeats = 1, trials = 0;
};

inline std::vector<CaseTiming>& timings() {
  static std::vector<CaseTiming> t;
  return t;
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

inline std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

// One case's verdict, by GoogleTest name ("suite.case").
struct CaseVerdict {
  std::string name;
  bool passed = false;
};

// Writes the record; the nonce is read from the environment only now.
inline bool write_record(const std::vector<CaseVerdict>& cases) {
  const char* path = std::getenv("KQ_EVAL_RECORD");
  const char* nonce = std::getenv("KQ_EVAL_NONCE");
  std::string text = "{\"nonce\": " + json_string(nonce ? nonce : "") +
                     ", \"seed\": " + std::to_string(eval_seed()) + ", \"cases\": [";
  for (std::size_t i = 0; i < cases.size(); ++i)
    text += std::string(i ? ", " : "") + "{\"name\": " + json_string(cases[i].name) +
            ", \"passed\": " + (cases[i].passed ? "true" : "false") + "}";
  text += "], \"timing\": [";
  for (std::size_t i = 0; i < timings().size(); ++i) {
    const auto& t = timings()[i];
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "%s{\"name\": %s, \"candidate_us\": %.4f, \"reference_us\": %.4f, \"reference2_us\": %.4f, "
                  "\"repeats\": %d, \"trials\": %d}",
                  i ? ", " : "", json_string(t.name).c_str(), t.candidate_us, t.reference_us, t.reference2_us,
                  t.repeats, t.trials);
    text += buf;
  }
  text += "]}\n";
  std::FILE* f = std::fopen(path && *path ? path : "kq_record.json", "w");
  if (!f) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

inline bool timing_requested() {
  const char* s = std::getenv("KQ_EVAL_TIMING");
  return s && std::string(s) == "1";
}

// Timing in the manner of careful kernel benchmarks: warm-up launches; a
// repeat count that makes one timed batch of the reference last >= 20 us
// (launch overhead then no longer dominates); trials that interleave the
// candidate, the reference and the reference again (the last measures the
// noise), rotating their order; the L2 cache flushed before every batch;
// medians of event times. `Gpu` supplies events and the flush.
template <class Gpu, class LaunchC, class LaunchR>
CaseTiming time_interleaved(const std::string& name, LaunchC&& candidate, LaunchR&& reference, int trials = 21,
                            double min_batch_us = 20.0) {
  CaseTiming t;
  t.name = name;
  Gpu gpu;
  for (int i = 0; i < 3; ++i) {
    candidate();
    reference();
  }
  gpu.sync();
  // One reference launch, timed, sets the repeat count.
  double one = gpu.time([&] { reference(); });
  t.repeats = one > 0 ? std::max(1, std::min(2000, static_cast<int>(min_batch_us / one) + 1)) : 1;
  auto batch = [&](auto& launch) {
    gpu.flush();
    return gpu.time([&] {
             for (int r = 0; r < t.repeats; ++r) launch();
           }) /
           t.repeats;
  };
  std::vector<double> c, r1, r2;
  for (int trial = 0; trial < trials; ++trial) {
    for (int k = 0; k < 3; ++k) {
      switch ((trial + k) % 3) {
        case 0: c.push_back(batch(candidate)); break;
        case 1: r1.push_back(batch(reference)); break;
        default: r2.push_back(batch(reference)); break;
      }
    }
  }
  t.trials = trials;
  t.candidate_us = median(c);
  t.reference_us = median(r1);
  t.reference2_us = median(r2);
  return t;
}

}  // namespace kqt
