#pragma once
// Typed access to the miner's tables: repos, snapshots, files.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace kq::db {

struct RepoRecord {
  std::string url;
  std::string name;
  std::string requested_ref;  // empty: default branch
};

struct SnapshotRecord {
  std::string commit_sha;
  std::string ref;
  std::string worktree;
  std::string license_spdx;
  std::string license_file;
  std::string note;  // goes into the stage event ("12 files", missing blobs, ...)
};

// A file's license as the miner decided it (miner/file_license.hpp).
struct FileLicenseRecord {
  std::string spdx;    // empty: not decided
  std::string source;  // spdx-tag, license-file, repository
  std::string license_file;
  std::string copyright;
};

struct FileRecord {
  std::string path;
  std::string sha256;
  std::int64_t size = 0;
  std::string language;
  FileLicenseRecord license;
};

// Inserts the repository or refreshes its name and requested ref; returns its id.
std::int64_t upsert_repo(Database& db, const RepoRecord& repo);

// The id of the snapshot (repo, commit) when every file row of it is written.
std::optional<std::int64_t> complete_snapshot(Database& db, std::int64_t repo_id, const std::string& commit_sha);

// Writes a snapshot, its files, complete=1, the repository's license and
// status, and a stage event, all in one transaction.
std::int64_t record_snapshot(Database& db, std::int64_t repo_id, const SnapshotRecord& snap,
                             const std::vector<FileRecord>& files);

// The commit was mined before: clears an earlier failure, adds no rows.
void mark_repo_current(Database& db, std::int64_t repo_id);

// Sets status 'failed' with the message and writes a stage event.
void record_repo_failure(Database& db, std::int64_t repo_id, const std::string& error);

// Paths of a snapshot's files with no license decided (rows mined before
// licenses were per file), and the writing of their licenses, in one transaction.
std::vector<std::string> files_without_license(Database& db, std::int64_t snapshot_id);
void set_file_licenses(Database& db, std::int64_t snapshot_id,
                       const std::vector<std::pair<std::string, FileLicenseRecord>>& licenses);

// How many file rows a snapshot has.
std::size_t snapshot_file_count(Database& db, std::int64_t snapshot_id);

}  // namespace kq::db
