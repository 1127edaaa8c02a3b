#include "db/releases.hpp"

namespace kq::db {

std::int64_t record_release(Database& db, const std::string& version, const std::string& manifest_sha256,
                            const std::vector<ReleaseTask>& tasks) {
  return db.transaction([&] {
    db.prepare(
          "INSERT INTO releases(version, manifest_sha256) VALUES(?,?) "
          "ON CONFLICT(version) DO UPDATE SET manifest_sha256=excluded.manifest_sha256, "
          "created_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')")
        .bind_all(version, manifest_sha256)
        .exec();
    auto st = db.prepare("SELECT id FROM releases WHERE version = ?");
    st.bind(1, version);
    st.step();
    std::int64_t id = st.int64(0);
    db.prepare("DELETE FROM release_tasks WHERE release_id = ?").bind(1, id).exec();
    auto ins = db.prepare("INSERT INTO release_tasks(release_id, task_id, kernel_id) VALUES(?,?,?)");
    for (const auto& t : tasks) {
      ins.reset();
      ins.bind_all(id, t.task_id, t.kernel_id).exec();
    }
    return id;
  });
}

std::vector<ReleaseTask> release_tasks(Database& db, const std::string& version) {
  auto st = db.prepare(
      "SELECT rt.task_id, rt.kernel_id FROM release_tasks rt JOIN releases r ON r.id = rt.release_id "
      "WHERE r.version = ? ORDER BY rt.task_id");
  st.bind(1, version);
  std::vector<ReleaseTask> out;
  while (st.step()) out.push_back({st.text(0), st.int64(1)});
  return out;
}

}  // namespace kq::db
