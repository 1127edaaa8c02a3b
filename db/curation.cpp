#include "db/curation.hpp"

namespace kq::db {

namespace {

// The columns of CurationKernel, in the order read_kernel expects.
constexpr const char* kKernelSelect = R"sql(
SELECT k.id, k.name, k.qualified_name, k.dialect, k.signature, k.source, COALESCE(k.comment,''),
       k.content_hash, COALESCE(k.norm_hash,''), k.minhash, k.line_begin, k.line_end, k.stage,
       COALESCE(u.source,''), COALESCE(u.hip_source,''), COALESCE(a.json,'{}'),
       r.id, r.url, COALESCE(f.license_spdx, r.license_spdx, 'NOASSERTION'), s.commit_sha, f.path,
       COALESCE(f.license_source,'repository'),
       CASE WHEN f.license_spdx IS NULL THEN COALESCE(r.license_file,'') ELSE COALESCE(f.license_file,'') END,
       COALESCE(f.copyright,''),
       COALESCE(sy.id,0), COALESCE(sy.synthesizer,''), COALESCE(sy.attempt,1),
       COALESCE(sy.tests,'[]'), COALESCE(sy.doc_json,'{}'),
       COALESCE(k.failed_stage,''), COALESCE(k.fail_reason,'')
FROM kernels k
JOIN files f ON f.id = k.file_id
JOIN snapshots s ON s.id = f.snapshot_id
JOIN repos r ON r.id = s.repo_id
LEFT JOIN units u ON u.kernel_id = k.id
LEFT JOIN analysis a ON a.kernel_id = k.id
LEFT JOIN syntheses sy ON sy.id = (
  SELECT MAX(id) FROM syntheses WHERE kernel_id = k.id AND COALESCE(status,'ok') = 'ok')
)sql";

CurationKernel read_kernel(Stmt& st) {
  CurationKernel k;
  int c = 0;
  k.kernel_id = st.int64(c++);
  k.name = st.text(c++);
  k.qualified_name = st.text(c++);
  k.dialect = st.text(c++);
  k.signature = st.text(c++);
  k.source = st.text(c++);
  k.comment = st.text(c++);
  k.content_hash = st.text(c++);
  k.norm_hash = st.text(c++);
  k.minhash = st.is_null(c) ? std::vector<unsigned char>{} : st.blob(c);
  ++c;
  k.line_begin = static_cast<int>(st.int64(c++));
  k.line_end = static_cast<int>(st.int64(c++));
  k.stage = st.text(c++);
  k.unit_source = st.text(c++);
  k.hip_source = st.text(c++);
  k.analysis_json = st.text(c++);
  k.repo_id = st.int64(c++);
  k.repo_url = st.text(c++);
  k.license = st.text(c++);
  k.commit = st.text(c++);
  k.path = st.text(c++);
  k.license_source = st.text(c++);
  k.license_file = st.text(c++);
  k.copyright = st.text(c++);
  k.synthesis_id = st.int64(c++);
  k.synthesizer = st.text(c++);
  k.attempt = static_cast<int>(st.int64(c++));
  k.tests_json = st.text(c++);
  k.doc_json = st.text(c++);
  k.failed_stage = st.text(c++);
  k.fail_reason = st.text(c++);
  return k;
}

}  // namespace

std::vector<CurationKernel> load_curation_kernels(Database& db) {
  auto st = db.prepare(std::string(kKernelSelect) +
                       " WHERE k.stage IN ('verified','curated','released')"
                       " ORDER BY r.url, f.path, k.line_begin, k.qualified_name, k.id");
  std::vector<CurationKernel> out;
  while (st.step()) out.push_back(read_kernel(st));
  return out;
}

std::optional<CurationKernel> load_curation_kernel(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare(std::string(kKernelSelect) + " WHERE k.id = ?");
  st.bind(1, kernel_id);
  if (!st.step()) return std::nullopt;
  return read_kernel(st);
}

void set_review(Database& db, std::int64_t kernel_id, const std::string& decision, const std::string& reason,
                const std::string& reviewer) {
  db.prepare(
        "INSERT INTO reviews(kernel_id, decision, reason, reviewer) VALUES(?,?,?,?) "
        "ON CONFLICT(kernel_id) DO UPDATE SET decision=excluded.decision, reason=excluded.reason, "
        "reviewer=excluded.reviewer, at=strftime('%Y-%m-%dT%H:%M:%SZ','now') "
        "WHERE excluded.reviewer != 'policy' OR reviews.reviewer = 'policy'")
      .bind_all(kernel_id, decision, reason, reviewer)
      .exec();
}

static ReviewRow read_review(Stmt& st) {
  return ReviewRow{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

std::optional<ReviewRow> get_review(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare(
      "SELECT kernel_id, decision, COALESCE(reason,''), COALESCE(reviewer,''), at FROM reviews WHERE kernel_id=?");
  st.bind(1, kernel_id);
  if (!st.step()) return std::nullopt;
  return read_review(st);
}

std::vector<ReviewRow> list_reviews(Database& db, const std::string& decision) {
  auto st = db.prepare(
      "SELECT kernel_id, decision, COALESCE(reason,''), COALESCE(reviewer,''), at FROM reviews "
      "WHERE ?1 = '' OR decision = ?1 ORDER BY kernel_id");
  st.bind(1, decision);
  std::vector<ReviewRow> out;
  while (st.step()) out.push_back(read_review(st));
  return out;
}

std::optional<std::int64_t> find_task_number(Database& db, const std::string& content_key) {
  auto st = db.prepare("SELECT task_number FROM task_ids WHERE content_key = ?");
  st.bind(1, content_key);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

std::int64_t task_number_for(Database& db, const std::string& content_key) {
  db.prepare("INSERT OR IGNORE INTO task_ids(content_key) VALUES(?)").bind(1, content_key).exec();
  return *find_task_number(db, content_key);
}

std::vector<ReasonCount> top_fail_reasons(Database& db, const std::string& stage, int limit) {
  auto st = db.prepare(
      "SELECT COALESCE(fail_reason,'(no reason)'), COUNT(*) AS n FROM kernels WHERE failed_stage = ? "
      "GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?");
  st.bind_all(stage, limit);
  std::vector<ReasonCount> out;
  while (st.step()) out.push_back({st.text(0), st.int64(1)});
  return out;
}

std::int64_t count_kernels_at_least(Database& db, const std::vector<std::string>& stages) {
  std::string sql = "SELECT COUNT(*) FROM kernels WHERE stage IN (";
  for (std::size_t i = 0; i < stages.size(); ++i) sql += i ? ",?" : "?";
  sql += ")";
  auto st = db.prepare(sql);
  for (std::size_t i = 0; i < stages.size(); ++i) st.bind(static_cast<int>(i + 1), stages[i]);
  st.step();
  return st.int64(0);
}

}  // namespace kq::db

namespace kq::db {

void save_curated_task(Database& db, const CuratedTaskRow& r) {
  db.prepare(
        "INSERT OR REPLACE INTO curated_tasks(kernel_id, dialect, synthesis_id, task_id, record, mutation) "
        "VALUES(?,?,?,?,?,?)")
      .bind_all(r.kernel_id, r.dialect, r.synthesis_id, r.task_id, r.record, r.mutation)
      .exec();
}

void delete_curated_tasks(Database& db, std::int64_t kernel_id) {
  db.prepare("DELETE FROM curated_tasks WHERE kernel_id = ?").bind(1, kernel_id).exec();
}

std::vector<CuratedTaskRow> load_curated_tasks(Database& db) {
  auto st = db.prepare(
      "SELECT c.kernel_id, c.dialect, COALESCE(c.synthesis_id,0), c.task_id, c.record, COALESCE(c.mutation,'') "
      "FROM curated_tasks c JOIN kernels k ON k.id = c.kernel_id "
      "WHERE k.stage IN ('curated','released') AND k.failed_stage IS NULL AND c.dialect IN ('hip','cuda') ORDER BY c.task_id, c.dialect");
  std::vector<CuratedTaskRow> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.int64(2), st.text(3), st.text(4), st.text(5)});
  return out;
}

std::int64_t curated_synthesis_id(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare("SELECT COALESCE(MAX(synthesis_id),0) FROM curated_tasks WHERE kernel_id = ?");
  st.bind(1, kernel_id);
  return st.step() ? st.int64(0) : 0;
}

}  // namespace kq::db

namespace kq::db {

std::vector<StageReasonCount> stage_reason_counts(Database& db) {
  auto st = db.prepare(
      "SELECT stage, CASE WHEN failed_stage IS NULL THEN '' ELSE COALESCE(fail_reason,'(no reason)') END, COUNT(*) "
      "FROM kernels GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2");
  std::vector<StageReasonCount> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.int64(2)});
  return out;
}

}  // namespace kq::db
