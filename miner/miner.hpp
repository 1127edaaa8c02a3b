#pragma once
// The mine stage: for every repository entry, get the pinned commit, find the
// candidate files and the license, and record them. Resumable and idempotent:
// a commit already recorded completely is skipped.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "miner/candidates.hpp"
#include "miner/repo_list.hpp"

namespace kq::miner {

struct MineOptions {
  std::filesystem::path cache_dir;  // clones live in <cache_dir>/repos
  unsigned jobs = 1;
  std::optional<std::pair<unsigned, unsigned>> shard;  // {K, N}
  CandidateRules rules;
  int timeout_s = 600;
  bool show_progress = true;

  // miner.* keys of the configuration; cache and jobs are left to the caller.
  static MineOptions from_config(const Config& config);
};

enum class RepoOutcomeKind { Mined, Unchanged, Failed };

struct RepoOutcome {
  std::string url;
  std::string name;
  std::string origin;  // FILE:LINE of the entry
  RepoOutcomeKind kind = RepoOutcomeKind::Failed;
  std::string commit_sha;
  std::string license;
  std::string error;
  std::size_t files = 0;    // candidate files recorded
  std::size_t scanned = 0;  // files with a kernel-language extension that were read
};

struct MineReport {
  std::vector<RepoOutcome> repos;  // in the order of the entries mined
  std::size_t mined = 0, unchanged = 0, failed = 0, files = 0, scanned = 0;
  double seconds = 0;

  int exit_code() const { return failed ? 1 : 0; }
  nlohmann::json to_json() const;
};

std::string_view to_string(RepoOutcomeKind k);

// Mines `entries` (after the shard filter of `options`) into the database at `db_path`.
MineReport mine_repos(const std::filesystem::path& db_path, const std::vector<RepoEntry>& entries,
                      const MineOptions& options);

// Mines one entry with an open connection (the unit of work of mine_repos).
RepoOutcome mine_entry(const std::filesystem::path& db_path, const RepoEntry& entry, const MineOptions& options);

// Where the clone and the exported trees of an entry live under the cache.
std::filesystem::path repo_cache_dir(const std::filesystem::path& cache_dir, const RepoEntry& entry);

}  // namespace kq::miner
