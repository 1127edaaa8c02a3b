#pragma once
// The curation stage: filters the verified kernels (curation/filters.hpp),
// builds the tasks of the ones kept in both dialects, checks each task's test
// against mutants, and moves kernels to `curated` (or records why not).
// Rerunning skips kernels already curated from the same synthesis.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "curation/filters.hpp"
#include "curation/task_record.hpp"
#include "curation/test_runner.hpp"
#include "db/database.hpp"

namespace kq {
class Config;
}

namespace kq::curation {

struct CurateOptions {
  CurationPolicy policy;
  RecordOptions record;
  TestRunOptions test;
  bool mutation_check = true;
  std::size_t max_mutants = 4;
  std::size_t max_extra_cases = 32;      // per task, to kill a surviving mutant
  std::string backend = "cpu-sim";       // where the task tests are checked
  unsigned jobs = 1;
  std::filesystem::path work_dir;        // scratch folder for test builds
  std::filesystem::path cache_dir;       // the --cache folder (its result cache); empty: none

  static CurateOptions from_config(const Config& config, const std::filesystem::path& cache_dir);
};

struct CurateSummary {
  std::size_t considered = 0, curated = 0, skipped_done = 0, dropped = 0, failed = 0;
  std::map<std::string, std::size_t> drop_reasons;  // reason class -> count
};

CurateSummary curate(const std::filesystem::path& db_path, const CurateOptions& options);

// "exact duplicate of kernel 3" -> "exact duplicate" (for counting reasons).
std::string reason_class(const std::string& reason);

}  // namespace kq::curation
