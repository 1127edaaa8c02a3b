#pragma once
// The upstream stages of `kquarry run` (mine, extract, synth, verify), each a
// call into its module's library; run_pipeline adds curate and export.
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace kq::pipeline {

struct StageRun;

struct StageContext {
  const Config& config;
  std::filesystem::path db_path;
  std::filesystem::path cache_dir;
  unsigned jobs = 1;
  std::filesystem::path repos;
};

using StageFn = std::function<void(const StageContext&, StageRun&)>;

// In pipeline order.
std::vector<std::pair<std::string, StageFn>> pipeline_stages();

}  // namespace kq::pipeline
