#include "db/stage_events.hpp"

namespace kq::db {

void kernel_reached(Database& db, std::int64_t kernel_id, Stage stage, const std::string& reason) {
  db.transaction([&] {
    db.prepare("UPDATE kernels SET stage=?, failed_stage=NULL, fail_reason=NULL WHERE id=?")
        .bind_all(std::string(to_string(stage)), kernel_id)
        .exec();
    db.prepare("INSERT INTO stage_events(kernel_id, stage, status, reason) VALUES(?,?,?,?)")
        .bind_all(kernel_id, std::string(to_string(stage)), std::string("ok"), reason)
        .exec();
  });
}

void kernel_failed(Database& db, std::int64_t kernel_id, Stage stage, const std::string& reason) {
  db.transaction([&] {
    db.prepare("UPDATE kernels SET failed_stage=?, fail_reason=? WHERE id=?")
        .bind_all(std::string(to_string(stage)), reason, kernel_id)
        .exec();
    db.prepare("INSERT INTO stage_events(kernel_id, stage, status, reason) VALUES(?,?,?,?)")
        .bind_all(kernel_id, std::string(to_string(stage)), std::string("failed"), reason)
        .exec();
  });
}

void repo_event(Database& db, std::int64_t repo_id, const std::string& stage, const std::string& status,
                const std::string& reason) {
  db.prepare("INSERT INTO stage_events(repo_id, stage, status, reason) VALUES(?,?,?,?)")
      .bind_all(repo_id, stage, status, reason)
      .exec();
}

}  // namespace kq::db
