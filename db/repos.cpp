#include "db/repos.hpp"

#include "db/stage_events.hpp"

namespace kq::db {

std::int64_t upsert_repo(Database& db, const RepoRecord& repo) {
  std::optional<std::string> ref;
  if (!repo.requested_ref.empty()) ref = repo.requested_ref;
  return db.transaction([&] {
    db.prepare(
          "INSERT INTO repos(url, name, requested_ref) VALUES(?,?,?) "
          "ON CONFLICT(url) DO UPDATE SET name=excluded.name, requested_ref=excluded.requested_ref "
          "WHERE name IS NOT excluded.name OR requested_ref IS NOT excluded.requested_ref")
        .bind_all(repo.url, repo.name, ref)
        .exec();
    auto q = db.prepare("SELECT id FROM repos WHERE url=?");
    q.bind(1, repo.url);
    q.step();
    return q.int64(0);
  });
}

std::optional<std::int64_t> complete_snapshot(Database& db, std::int64_t repo_id, const std::string& commit_sha) {
  auto q = db.prepare("SELECT id FROM snapshots WHERE repo_id=? AND commit_sha=? AND complete=1");
  q.bind_all(repo_id, commit_sha);
  if (!q.step()) return std::nullopt;
  return q.int64(0);
}

namespace {

std::int64_t upsert_snapshot(Database& db, std::int64_t repo_id, const SnapshotRecord& snap) {
  db.prepare(
        "INSERT INTO snapshots(repo_id, commit_sha, ref, worktree, complete) VALUES(?,?,?,?,0) "
        "ON CONFLICT(repo_id, commit_sha) DO UPDATE SET ref=excluded.ref, worktree=excluded.worktree")
      .bind_all(repo_id, snap.commit_sha, snap.ref, snap.worktree)
      .exec();
  auto q = db.prepare("SELECT id, complete FROM snapshots WHERE repo_id=? AND commit_sha=?");
  q.bind_all(repo_id, snap.commit_sha);
  q.step();
  return q.int64(0);
}

std::optional<std::string> null_if_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

void insert_files(Database& db, std::int64_t snapshot_id, const std::vector<FileRecord>& files) {
  auto ins = db.prepare(
      "INSERT INTO files(snapshot_id, path, sha256, size, language, license_spdx, license_source, license_file, "
      "copyright) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(snapshot_id, path) DO NOTHING");
  for (const auto& f : files) {
    const auto& l = f.license;
    ins.bind_all(snapshot_id, f.path, f.sha256, f.size, f.language, null_if_empty(l.spdx), null_if_empty(l.source),
                 null_if_empty(l.license_file), null_if_empty(l.copyright));
    ins.exec();
    ins.reset();
  }
}

}  // namespace

std::int64_t record_snapshot(Database& db, std::int64_t repo_id, const SnapshotRecord& snap,
                             const std::vector<FileRecord>& files) {
  return db.transaction([&] {
    auto id = upsert_snapshot(db, repo_id, snap);
    // Only an incomplete snapshot reaches here; rows a foreign writer left half done are replaced.
    db.prepare("DELETE FROM files WHERE snapshot_id=? AND id NOT IN (SELECT file_id FROM kernels)")
        .bind(1, id)
        .exec();
    insert_files(db, id, files);
    db.prepare("UPDATE snapshots SET complete=1 WHERE id=?").bind(1, id).exec();
    db.prepare("UPDATE repos SET license_spdx=?, license_file=?, status='mined', error=NULL WHERE id=?")
        .bind_all(snap.license_spdx, snap.license_file.empty() ? std::optional<std::string>() : snap.license_file,
                  repo_id)
        .exec();
    repo_event(db, repo_id, "mine", "ok", snap.note);
    return id;
  });
}

void mark_repo_current(Database& db, std::int64_t repo_id) {
  db.prepare("UPDATE repos SET status='mined', error=NULL WHERE id=? AND status IS NOT 'mined'")
      .bind(1, repo_id)
      .exec();
}

void record_repo_failure(Database& db, std::int64_t repo_id, const std::string& error) {
  db.transaction([&] {
    db.prepare("UPDATE repos SET status='failed', error=? WHERE id=?").bind_all(error, repo_id).exec();
    repo_event(db, repo_id, "mine", "failed", error);
  });
}

std::vector<std::string> files_without_license(Database& db, std::int64_t snapshot_id) {
  auto q = db.prepare("SELECT path FROM files WHERE snapshot_id=? AND license_spdx IS NULL ORDER BY path");
  q.bind(1, snapshot_id);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

void set_file_licenses(Database& db, std::int64_t snapshot_id,
                       const std::vector<std::pair<std::string, FileLicenseRecord>>& licenses) {
  db.transaction([&] {
    auto up = db.prepare(
        "UPDATE files SET license_spdx=?, license_source=?, license_file=?, copyright=? "
        "WHERE snapshot_id=? AND path=?");
    for (const auto& [path, l] : licenses) {
      up.bind_all(null_if_empty(l.spdx), null_if_empty(l.source), null_if_empty(l.license_file),
                  null_if_empty(l.copyright), snapshot_id, path);
      up.exec();
      up.reset();
    }
  });
}

std::size_t snapshot_file_count(Database& db, std::int64_t snapshot_id) {
  auto q = db.prepare("SELECT count(*) FROM files WHERE snapshot_id=?");
  q.bind(1, snapshot_id);
  q.step();
  return static_cast<std::size_t>(q.int64(0));
}

}  // namespace kq::db
