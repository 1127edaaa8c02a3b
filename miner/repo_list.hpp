#pragma once
// The repository list given to `kquarry mine`: one entry a line, either plain
// text (`LOCATION[@REF]`) or a JSON object (`{"url":..., "ref":..., "name":...}`).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kq::miner {

enum class SourceKind { Remote, LocalPath };

struct RepoEntry {
  std::string url;   // remote URL, or the absolute path of a local folder
  std::string ref;   // branch, tag or commit; empty: the default branch (HEAD)
  std::string name;  // short name used for the cache folder and reports
  SourceKind kind = SourceKind::Remote;
  std::string origin;  // "FILE:LINE", for messages
};

// Parses a whole list; throws kq::UsageError naming the file and line of the
// first malformed entry (or of a repeated URL).
std::vector<RepoEntry> parse_repo_list(const std::filesystem::path& file);

// Parses one non-empty, non-comment line. Relative local paths are resolved
// against `base_dir`. Throws kq::UsageError (without file and line).
RepoEntry parse_repo_line(std::string_view line, const std::filesystem::path& base_dir);

// The entries with stable_shard(url, n) == k.
std::vector<RepoEntry> select_shard(const std::vector<RepoEntry>& entries, unsigned k, unsigned n);

// "K/N" -> {K, N}; throws kq::UsageError unless 0 <= K < N.
std::pair<unsigned, unsigned> parse_shard(std::string_view text);

// A name made of [A-Za-z0-9._-] from the last path component of a location.
std::string default_repo_name(std::string_view location);

}  // namespace kq::miner
