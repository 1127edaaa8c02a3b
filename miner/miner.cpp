#include "miner/miner.hpp"

#include <chrono>
#include <numeric>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/utf8.hpp"
#include "db/database.hpp"
#include "db/repos.hpp"
#include "miner/git_source.hpp"
#include "miner/file_license.hpp"
#include "miner/license.hpp"

namespace kq::miner {
namespace fs = std::filesystem;
namespace {

// What an entry resolves to before anything is written: the pinned commit,
// where its files are (or will be) and, for plain folders, the scan that
// produced the commit id.
struct Source {
  PinnedCommit pin;
  fs::path git_repo;  // empty for a plain folder
  fs::path worktree;
  std::optional<ScanResult> scan;
};

Source resolve_source(const RepoEntry& entry, const MineOptions& options) {
  auto cache = repo_cache_dir(options.cache_dir, entry);
  Source src;
  if (entry.kind == SourceKind::Remote) {
    src.git_repo = cache / "git";
    src.pin = fetch_remote(entry.url, entry.ref, src.git_repo, options.timeout_s);
  } else {
    std::error_code ec;
    if (!fs::exists(entry.url, ec)) throw Error("path '" + entry.url + "' does not exist");
    if (!fs::is_directory(entry.url, ec)) throw Error("'" + entry.url + "' is not a folder");
    if (is_git_repository(entry.url)) {
      src.git_repo = entry.url;
      src.pin = resolve_local(entry.url, entry.ref);
    } else {
      if (!entry.ref.empty())
        throw Error("'" + entry.url + "' is not a git repository, so '@" + entry.ref + "' cannot be resolved");
      src.scan = scan_candidates(entry.url, options.rules);
      src.pin = {content_commit_id(src.scan->files), ""};
      src.worktree = entry.url;
      return src;
    }
  }
  src.worktree = cache / "trees" / src.pin.sha;
  return src;
}

db::FileLicenseRecord license_record(const FileLicense& l) { return {l.spdx, l.source, l.license_file, l.copyright}; }

std::vector<db::FileRecord> to_records(const std::vector<CandidateFile>& files, FileLicenseResolver& licenses) {
  std::vector<db::FileRecord> out;
  out.reserve(files.size());
  for (const auto& f : files)
    out.push_back({f.path, f.sha256, static_cast<std::int64_t>(f.size), f.language,
                   license_record(licenses.resolve(f.path))});
  return out;
}

// A snapshot mined before licenses were decided per file gets them now, when
// its files are still on disk.
void add_missing_file_licenses(db::Database& db, std::int64_t snapshot_id, const fs::path& worktree) {
  std::error_code ec;
  if (worktree.empty() || !fs::is_directory(worktree, ec)) return;
  auto paths = db::files_without_license(db, snapshot_id);
  if (paths.empty()) return;
  FileLicenseResolver licenses(worktree, detect_license(worktree));
  std::vector<std::pair<std::string, db::FileLicenseRecord>> decided;
  for (const auto& p : paths) decided.emplace_back(p, license_record(licenses.resolve(p)));
  db::set_file_licenses(db, snapshot_id, decided);
}

std::string snapshot_note(std::size_t files, const std::string& sha, const std::vector<std::string>& missing) {
  std::string note = std::to_string(files) + " candidate files at " + sha;
  if (missing.empty()) return note;
  note += "; " + std::to_string(missing.size()) + " blobs missing from the object store (";
  for (std::size_t i = 0; i < missing.size() && i < 5; ++i) note += (i ? ", " : "") + missing[i];
  return note + (missing.size() > 5 ? ", ...)" : ")");
}

void mine_into(db::Database& db, std::int64_t repo_id, const RepoEntry& entry, const MineOptions& options,
               RepoOutcome& out) {
  auto src = resolve_source(entry, options);
  out.commit_sha = src.pin.sha;
  if (src.scan) out.scanned = src.scan->scanned;
  if (auto done = db::complete_snapshot(db, repo_id, src.pin.sha)) {
    db::mark_repo_current(db, repo_id);
    add_missing_file_licenses(db, *done, src.worktree);
    out.kind = RepoOutcomeKind::Unchanged;
    out.files = db::snapshot_file_count(db, *done);
    return;
  }
  std::vector<std::string> missing;
  if (!src.git_repo.empty()) {
    if (!fs::exists(src.worktree))
      missing = export_commit(src.git_repo, src.pin.sha, src.worktree);
    else
      missing = read_missing_list(src.worktree);
    src.scan = scan_candidates(src.worktree, options.rules);
    out.scanned = src.scan->scanned;
  }
  if (!missing.empty())
    spdlog::warn("{}: {} blobs of {} are missing from the object store; those files are left out", entry.url,
                 missing.size(), src.pin.sha);
  auto license = detect_license(src.worktree);
  db::SnapshotRecord snap{src.pin.sha, to_utf8(src.pin.ref), src.worktree.string(), license.spdx, license.file,
                          snapshot_note(src.scan->files.size(), src.pin.sha, missing)};
  FileLicenseResolver licenses(src.worktree, license);
  db::record_snapshot(db, repo_id, snap, to_records(src.scan->files, licenses));
  out.kind = RepoOutcomeKind::Mined;
  out.files = src.scan->files.size();
  out.license = license.spdx;
}

}  // namespace

std::string_view to_string(RepoOutcomeKind k) {
  switch (k) {
    case RepoOutcomeKind::Mined: return "mined";
    case RepoOutcomeKind::Unchanged: return "unchanged";
    case RepoOutcomeKind::Failed: return "failed";
  }
  return "failed";
}

MineOptions MineOptions::from_config(const Config& config) {
  MineOptions o;
  o.rules.max_file_bytes = static_cast<std::uintmax_t>(config.get_int("miner.max_file_bytes"));
  o.rules.vendored_globs = config.get_list("miner.vendored_globs");
  o.timeout_s = static_cast<int>(config.get_int("miner.timeout_s"));
  return o;
}

fs::path repo_cache_dir(const fs::path& cache_dir, const RepoEntry& entry) {
  return cache_dir / "repos" / (entry.name + "-" + xxh64_hex(entry.url).substr(0, 12));
}

RepoOutcome mine_entry(const fs::path& db_path, const RepoEntry& entry, const MineOptions& options) {
  RepoOutcome out;
  out.url = entry.url;
  out.name = entry.name;
  out.origin = entry.origin;
  std::optional<db::Database> db;
  std::int64_t repo_id = 0;
  try {
    db.emplace(db_path);
    repo_id = db::upsert_repo(*db, {entry.url, entry.name, entry.ref});
    mine_into(*db, repo_id, entry, options, out);
  } catch (const std::exception& e) {
    out.kind = RepoOutcomeKind::Failed;
    out.error = (entry.origin.empty() ? "" : entry.origin + ": ") + e.what();
    spdlog::error("{}", out.error);
    try {
      if (db && repo_id) db::record_repo_failure(*db, repo_id, out.error);
    } catch (const std::exception& e2) {
      spdlog::error("{}: cannot record the failure: {}", entry.url, e2.what());
    }
  }
  return out;
}

MineReport mine_repos(const fs::path& db_path, const std::vector<RepoEntry>& entries, const MineOptions& options) {
  auto selected = options.shard ? select_shard(entries, options.shard->first, options.shard->second) : entries;
  { db::Database create_and_migrate(db_path); }
  auto started = std::chrono::steady_clock::now();
  MineReport report;
  report.repos.resize(selected.size());
  std::optional<Progress> progress;
  if (options.show_progress) progress.emplace("mine", selected.size());
  std::vector<std::size_t> order(selected.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  parallel_for_each(order, options.jobs, [&](std::size_t i) {
    report.repos[i] = mine_entry(db_path, selected[i], options);
    if (progress) progress->advance(1, report.repos[i].kind == RepoOutcomeKind::Failed);
  });
  if (progress) progress->finish();
  for (const auto& r : report.repos) {
    if (r.kind == RepoOutcomeKind::Mined) ++report.mined;
    if (r.kind == RepoOutcomeKind::Unchanged) ++report.unchanged;
    if (r.kind == RepoOutcomeKind::Failed) ++report.failed;
    report.files += r.files;
    report.scanned += r.scanned;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

nlohmann::json MineReport::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : repos) {
    nlohmann::json j{{"url", r.url},         {"name", r.name},   {"status", std::string(to_string(r.kind))},
                     {"commit", r.commit_sha}, {"files", r.files}, {"scanned", r.scanned}};
    if (!r.license.empty()) j["license"] = r.license;
    if (!r.error.empty()) j["error"] = r.error;
    list.push_back(std::move(j));
  }
  return {{"repos", list},       {"mined", mined},     {"unchanged", unchanged}, {"failed", failed},
          {"files", files},      {"scanned", scanned}, {"seconds", seconds},     {"exit_code", exit_code()}};
}

}  // namespace kq::miner
