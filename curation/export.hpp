#pragma once
// `kquarry export`: writes DIR/release-V/ (DESIGN.md, "A release") from the
// curated tasks, records the release in the database and moves its kernels
// to `released`.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "curation/release_compile.hpp"

namespace kq::curation {

struct ExportOptions {
  std::filesystem::path out_dir;
  std::string version = "0.1.0";
  std::string task_prefix = "KernelQuarry";
  std::filesystem::path runtime_dir;    // default kq::runtime_dir()
  double near_duplicate_threshold = 0.9;
  // [{name, count, seconds}] for the report; empty: compile and run time from the verifications.
  nlohmann::json timings = nlohmann::json::array();
  // Build every task's test with the real compilers found here (release_compile.hpp).
  bool compile_check = true;
  ReleaseCompileOptions compile;

  // The export.*, curation.* and verifier.* keys; release compiles keep their
  // outcomes in the result cache of `cache_dir`. `version` empty: export.version.
  static ExportOptions from_config(const Config& config, const std::filesystem::path& cache_dir,
                                   const std::string& version, unsigned jobs);
};

struct ExportResult {
  std::filesystem::path release_dir;
  std::size_t tasks = 0;                // per dialect
  std::string manifest_sha256;
  nlohmann::json stats;                 // what the card and the report were rendered from
  std::vector<std::string> not_compiled;  // "task_id: why" for tasks a real compiler rejected
};

ExportResult export_release(const std::filesystem::path& db_path, const ExportOptions& options);

}  // namespace kq::curation
