#include "db/kernels.hpp"

#include <algorithm>
#include <cctype>

namespace kq::db {
namespace {

constexpr const char* kFileSelect =
    "SELECT f.id, r.id, s.id, r.name, COALESCE(s.worktree,''), f.path, f.language "
    "FROM files f JOIN snapshots s ON s.id = f.snapshot_id JOIN repos r ON r.id = s.repo_id ";

SourceFile read_file_row(Stmt& st) {
  return {st.int64(0), st.int64(1), st.int64(2), st.text(3), st.text(4), st.text(5), st.text(6)};
}

constexpr const char* kKernelSelect =
    "SELECT k.id, k.file_id, k.name, k.qualified_name, k.dialect, k.line_begin, k.line_end, k.signature, k.source, "
    "k.is_template, k.content_hash, COALESCE(k.norm_hash,''), k.minhash, COALESCE(k.params_json,''), "
    "COALESCE(k.template_params_json,''), COALESCE(k.instantiations_json,''), COALESCE(k.launches_json,''), "
    "COALESCE(k.comment,''), k.stage, COALESCE(k.failed_stage,''), COALESCE(k.fail_reason,''), f.path, r.name "
    "FROM kernels k JOIN files f ON f.id = k.file_id JOIN snapshots s ON s.id = f.snapshot_id "
    "JOIN repos r ON r.id = s.repo_id ";

KernelRow read_kernel_row(Stmt& st) {
  KernelRow k;
  k.id = st.int64(0);
  k.file_id = st.int64(1);
  k.name = st.text(2);
  k.qualified_name = st.text(3);
  k.dialect = st.text(4);
  k.line_begin = static_cast<int>(st.int64(5));
  k.line_end = static_cast<int>(st.int64(6));
  k.signature = st.text(7);
  k.source = st.text(8);
  k.is_template = st.int64(9) != 0;
  k.content_hash = st.text(10);
  k.norm_hash = st.text(11);
  if (!st.is_null(12)) k.minhash = st.blob(12);
  k.params_json = st.text(13);
  k.template_params_json = st.text(14);
  k.instantiations_json = st.text(15);
  k.launches_json = st.text(16);
  k.comment = st.text(17);
  k.stage = st.text(18);
  k.failed_stage = st.text(19);
  k.fail_reason = st.text(20);
  k.file_path = st.text(21);
  k.repo_name = st.text(22);
  return k;
}

}  // namespace

std::vector<SourceFile> files_to_extract(Database& db, const FileQuery& q) {
  std::string sql = std::string(kFileSelect) + "WHERE s.complete = 1";
  if (!q.include_done) sql += " AND f.extract_status IS NULL";
  if (!q.repo.empty()) sql += " AND r.name = ?";
  sql += " ORDER BY f.id";
  auto st = db.prepare(sql);
  if (!q.repo.empty()) st.bind(1, q.repo);
  std::vector<SourceFile> out;
  while (st.step()) out.push_back(read_file_row(st));
  return out;
}

std::vector<SourceFile> snapshot_files(Database& db, std::int64_t snapshot_id) {
  auto st = db.prepare(std::string(kFileSelect) + "WHERE s.id = ? ORDER BY f.id");
  st.bind(1, snapshot_id);
  std::vector<SourceFile> out;
  while (st.step()) out.push_back(read_file_row(st));
  return out;
}

void set_file_extract_status(Database& db, std::int64_t file_id, const std::string& status, const std::string& error) {
  auto st = db.prepare("UPDATE files SET extract_status = ?, extract_error = ? WHERE id = ?");
  st.bind(1, status);
  if (error.empty())
    st.bind_null(2);
  else
    st.bind(2, error);
  st.bind(3, file_id).exec();
}

std::int64_t insert_kernel(Database& db, const KernelRow& k, const std::vector<DepRow>& deps,
                           const std::string& unit_source, const std::string& analysis_json) {
  auto existing = db.prepare("SELECT id FROM kernels WHERE file_id = ? AND qualified_name = ? AND line_begin = ?");
  existing.bind_all(k.file_id, k.qualified_name, k.line_begin);
  if (existing.step()) return existing.int64(0);
  auto st = db.prepare(
      "INSERT INTO kernels(file_id, name, qualified_name, dialect, line_begin, line_end, signature, source, "
      "is_template, content_hash, norm_hash, minhash, params_json, template_params_json, instantiations_json, "
      "launches_json, comment) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  st.bind_all(k.file_id, k.name, k.qualified_name, k.dialect, k.line_begin, k.line_end, k.signature, k.source,
              static_cast<int>(k.is_template), k.content_hash, k.norm_hash);
  st.bind_blob(12, k.minhash.data(), k.minhash.size());
  st.bind(13, k.params_json).bind(14, k.template_params_json).bind(15, k.instantiations_json);
  st.bind(16, k.launches_json).bind(17, k.comment);
  st.exec();
  std::int64_t id = db.last_insert_id();
  auto dep = db.prepare("INSERT INTO deps(kernel_id, kind, name, source) VALUES(?,?,?,?)");
  for (const auto& d : deps) {
    dep.reset();
    dep.bind_all(id, d.kind, d.name, d.source).exec();
  }
  db.prepare("INSERT INTO units(kernel_id, source) VALUES(?,?)").bind_all(id, unit_source).exec();
  db.prepare("INSERT INTO analysis(kernel_id, json) VALUES(?,?)").bind_all(id, analysis_json).exec();
  return id;
}

void set_unit_check(Database& db, std::int64_t kernel_id, bool ok, const std::string& log) {
  db.prepare("UPDATE units SET standalone_ok = ?, compile_log = ? WHERE kernel_id = ?")
      .bind_all(static_cast<int>(ok), log, kernel_id)
      .exec();
}

void set_unit_hip(Database& db, std::int64_t kernel_id, const std::string& hip_source, std::optional<bool> hip_ok,
                  const std::string& hip_log) {
  auto st = db.prepare("UPDATE units SET hip_source = ?, hip_ok = ?, hip_log = ? WHERE kernel_id = ?");
  st.bind(1, hip_source);
  if (hip_ok)
    st.bind(2, static_cast<int>(*hip_ok));
  else
    st.bind_null(2);
  st.bind(3, hip_log).bind(4, kernel_id).exec();
}

std::vector<std::int64_t> kernels_to_check(Database& db, const std::string& repo, const std::string& kernel_name) {
  std::string sql =
      "SELECT k.id FROM kernels k JOIN units u ON u.kernel_id = k.id JOIN files f ON f.id = k.file_id "
      "JOIN snapshots s ON s.id = f.snapshot_id JOIN repos r ON r.id = s.repo_id "
      "WHERE (u.compile_log IS NULL OR u.compile_log LIKE 'skipped:%') AND k.failed_stage IS NULL AND k.stage = 'extracted'";
  if (!repo.empty()) sql += " AND r.name = ?1";
  if (!kernel_name.empty()) sql += repo.empty() ? " AND (k.name = ?1 OR k.qualified_name = ?1)"
                                                : " AND (k.name = ?2 OR k.qualified_name = ?2)";
  sql += " ORDER BY k.id";
  auto st = db.prepare(sql);
  int i = 0;
  if (!repo.empty()) st.bind(++i, repo);
  if (!kernel_name.empty()) st.bind(++i, kernel_name);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.int64(0));
  return out;
}

std::optional<KernelRow> kernel_by_id(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kKernelSelect) + "WHERE k.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_kernel_row(st);
}

std::vector<KernelRow> find_kernels(Database& db, const std::string& name_or_id) {
  if (!name_or_id.empty() && std::all_of(name_or_id.begin(), name_or_id.end(), [](unsigned char c) { return std::isdigit(c); })) {
    auto k = kernel_by_id(db, std::stoll(name_or_id));
    return k ? std::vector<KernelRow>{*k} : std::vector<KernelRow>{};
  }
  auto st = db.prepare(std::string(kKernelSelect) + "WHERE k.qualified_name = ?1 OR k.name = ?1 ORDER BY k.id");
  st.bind(1, name_or_id);
  std::vector<KernelRow> out;
  while (st.step()) out.push_back(read_kernel_row(st));
  return out;
}

std::vector<DepRow> kernel_deps(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare("SELECT kind, name, source FROM deps WHERE kernel_id = ? ORDER BY id");
  st.bind(1, kernel_id);
  std::vector<DepRow> out;
  while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
  return out;
}

std::optional<UnitRow> kernel_unit(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare(
      "SELECT source, standalone_ok, compile_log, hip_source, hip_ok, hip_log FROM units WHERE kernel_id = ?");
  st.bind(1, kernel_id);
  if (!st.step()) return std::nullopt;
  UnitRow u;
  u.kernel_id = kernel_id;
  u.source = st.text(0);
  u.standalone_ok = st.int64(1) != 0;
  if (!st.is_null(2)) u.compile_log = st.text(2);
  if (!st.is_null(3)) u.hip_source = st.text(3);
  if (!st.is_null(4)) u.hip_ok = st.int64(4) != 0;
  if (!st.is_null(5)) u.hip_log = st.text(5);
  return u;
}

std::optional<std::string> kernel_analysis_json(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare("SELECT json FROM analysis WHERE kernel_id = ?");
  st.bind(1, kernel_id);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

std::optional<KernelState> kernel_state(Database& db, std::int64_t kernel_id) {
  auto st = db.prepare("SELECT stage, COALESCE(failed_stage,''), COALESCE(fail_reason,'') FROM kernels WHERE id=?");
  st.bind(1, kernel_id);
  if (!st.step()) return std::nullopt;
  return KernelState{st.text(0), st.text(1), st.text(2)};
}

std::int64_t kernel_count(Database& db) {
  auto st = db.prepare("SELECT COUNT(*) FROM kernels");
  st.step();
  return st.int64(0);
}

}  // namespace kq::db
