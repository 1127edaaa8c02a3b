#include "db/syntheses.hpp"

namespace kq::db {
namespace {

const char* kSynthesisColumns =
    "id, kernel_id, synthesizer, attempt, coalesce(wrapper,''), coalesce(golden,''), coalesce(tests,''), "
    "coalesce(doc_json,''), coalesce(status,''), coalesce(reason,''), coalesce(feedback,''), created_at";

SynthesisRow synthesis_from(Stmt& s) {
  SynthesisRow r;
  r.id = s.int64(0);
  r.kernel_id = s.int64(1);
  r.synthesizer = s.text(2);
  r.attempt = static_cast<int>(s.int64(3));
  r.wrapper = s.text(4);
  r.golden = s.text(5);
  r.tests = s.text(6);
  r.doc_json = s.text(7);
  r.status = s.text(8);
  r.reason = s.text(9);
  r.feedback = s.text(10);
  r.created_at = s.text(11);
  return r;
}

}  // namespace

std::int64_t insert_synthesis(Database& db, const SynthesisRow& r) {
  db.prepare(
        "INSERT INTO syntheses(kernel_id, synthesizer, attempt, wrapper, golden, tests, doc_json, status, reason, "
        "feedback) VALUES(?,?,?,?,?,?,?,?,?,?)")
      .bind_all(r.kernel_id, r.synthesizer, r.attempt, r.wrapper, r.golden, r.tests, r.doc_json, r.status, r.reason,
                r.feedback)
      .exec();
  return db.last_insert_id();
}

void update_synthesis_status(Database& db, std::int64_t id, const std::string& status, const std::string& reason) {
  db.prepare("UPDATE syntheses SET status=?, reason=? WHERE id=?").bind_all(status, reason, id).exec();
}

void update_synthesis_tests(Database& db, std::int64_t id, const std::string& tests) {
  db.prepare("UPDATE syntheses SET tests=? WHERE id=?").bind_all(tests, id).exec();
}

std::optional<SynthesisRow> get_synthesis(Database& db, std::int64_t id) {
  auto s = db.prepare(std::string("SELECT ") + kSynthesisColumns + " FROM syntheses WHERE id=?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return synthesis_from(s);
}

std::vector<SynthesisRow> syntheses_of_kernel(Database& db, std::int64_t kernel_id) {
  auto s = db.prepare(std::string("SELECT ") + kSynthesisColumns + " FROM syntheses WHERE kernel_id=? ORDER BY id");
  s.bind(1, kernel_id);
  std::vector<SynthesisRow> out;
  while (s.step()) out.push_back(synthesis_from(s));
  return out;
}

std::optional<SynthesisRow> latest_ok_synthesis(Database& db, std::int64_t kernel_id) {
  auto s = db.prepare(std::string("SELECT ") + kSynthesisColumns +
                      " FROM syntheses WHERE kernel_id=? AND status='ok' ORDER BY id DESC LIMIT 1");
  s.bind(1, kernel_id);
  if (!s.step()) return std::nullopt;
  return synthesis_from(s);
}

std::int64_t insert_verification(Database& db, const VerificationRow& r) {
  db.prepare(
        "INSERT INTO verifications(synthesis_id, backend, status, stage, log, wall_ms, kernel_us, ref_us, case_name) "
        "VALUES(?,?,?,?,?,?,?,?,?)")
      .bind_all(r.synthesis_id, r.backend, r.status, r.stage, r.log, r.wall_ms, r.kernel_us, r.ref_us, r.case_name)
      .exec();
  return db.last_insert_id();
}

std::vector<VerificationRow> verifications_of(Database& db, std::int64_t synthesis_id) {
  auto s = db.prepare(
      "SELECT id, synthesis_id, backend, status, coalesce(stage,''), coalesce(log,''), coalesce(wall_ms,0), kernel_us, "
      "ref_us, coalesce(case_name,'') FROM verifications WHERE synthesis_id=? ORDER BY id");
  s.bind(1, synthesis_id);
  std::vector<VerificationRow> out;
  while (s.step()) {
    VerificationRow r;
    r.id = s.int64(0);
    r.synthesis_id = s.int64(1);
    r.backend = s.text(2);
    r.status = s.text(3);
    r.stage = s.text(4);
    r.log = s.text(5);
    r.wall_ms = s.int64(6);
    if (!s.is_null(7)) r.kernel_us = s.real(7);
    if (!s.is_null(8)) r.ref_us = s.real(8);
    r.case_name = s.text(9);
    out.push_back(std::move(r));
  }
  return out;
}

void delete_verifications(Database& db, std::int64_t synthesis_id) {
  db.prepare("DELETE FROM verifications WHERE synthesis_id=?").bind(1, synthesis_id).exec();
}

std::vector<AttemptedKernel> attempted_kernels(Database& db, bool only_failed) {
  std::string sql =
      "SELECT k.id, k.name, k.dialect, k.stage, COALESCE(k.fail_reason, '') FROM kernels k "
      "WHERE EXISTS (SELECT 1 FROM syntheses s WHERE s.kernel_id = k.id)";
  if (only_failed) sql += " AND k.failed_stage IS NOT NULL";
  sql += " ORDER BY k.id";
  auto st = db.prepare(sql);
  std::vector<AttemptedKernel> rows;
  while (st.step()) rows.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  return rows;
}

}  // namespace kq::db
