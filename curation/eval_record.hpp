#pragma once
// The result record a task test's harness writes (kq/host/harness.hpp) and
// what the evaluator requires of it: the nonce it passed in, exactly the
// expected cases by name, each passed. A missing, short, stale or forged
// record makes the sample incorrect, whatever the exit status.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace kq::curation {

struct RecordTiming {
  std::string name;
  double candidate_us = 0, reference_us = 0, reference2_us = 0;
  int repeats = 1, trials = 0;
};

struct RecordVerdict {
  bool passed = false;
  std::string reason;   // why not passed
  std::vector<RecordTiming> timing;
};

// "suite.case" for every TEST(suite, case) of a harness.
std::set<std::string> expected_case_names(const std::string& harness);

RecordVerdict read_result_record(const std::filesystem::path& file, const std::string& nonce,
                                 const std::set<std::string>& expected);

// A fresh, unpredictable nonce (32 hex digits) and seed (non-zero).
std::string make_nonce();
std::uint64_t make_seed();

}  // namespace kq::curation
