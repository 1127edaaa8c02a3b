#pragma once
// The extraction stage: every mined file is parsed (in a child process with a
// time limit), each kernel is written with its dependencies, standalone unit
// and analysis, and every unit is compile-checked alone. Rerunning skips
// files already extracted and units already checked.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "extractor/compile_check.hpp"
#include "extractor/parse_limits.hpp"

namespace kq {
class Config;
}

namespace kq::extractor {

struct ExtractOptions {
  unsigned jobs = 1;
  std::string kernel;  // only kernels of this name (files are then left unmarked)
  std::string repo;    // only this repository
  bool compile = true;
  std::filesystem::path cache_dir;
  int timeout_s = 60;
  int compile_timeout_s = 120;
  int stub_retries = 8;
  std::string cuda_arch = "sm_90";
  std::string hip_arch = "gfx90a";
  ParseLimits limits;
  CompileLimits compile_limits;
};

// Options from the configuration (extractor.*, verifier.cuda_arch, verifier.hip_archs, jobs).
ExtractOptions options_from_config(const Config& config, const std::filesystem::path& cache_dir);

struct ExtractReport {
  std::size_t files = 0, files_failed = 0;
  std::size_t files_skipped = 0;  // over a parse limit (extractor.max_file_bytes, extractor.max_nesting)
  std::size_t kernels = 0;
  std::size_t checked = 0, standalone_ok = 0, standalone_failed = 0, skipped = 0;
  std::size_t hip_translated = 0, hip_ok = 0;
  double parse_ms = 0, closure_ms = 0, analysis_ms = 0, compile_ms = 0, wall_ms = 0;
  std::vector<std::string> failures;  // "path: reason" / "kernel: reason", first few

  bool any_failed() const { return files_failed > 0 || standalone_failed > 0; }
};

ExtractReport extract_all(const std::filesystem::path& db_path, const ExtractOptions& options);

std::string describe_report(const ExtractReport& r);

}  // namespace kq::extractor
