#include "db/database.hpp"

#include <chrono>
#include <thread>

#include <sqlite3.h>

#include "core/crash_point.hpp"
#include "core/error.hpp"
#include "db/migrations.hpp"

namespace kq::db {

Stmt::Stmt(Database& db, std::string_view sql) : db_(&db), sql_(sql) {
  if (sqlite3_prepare_v2(db.handle(), sql_.data(), static_cast<int>(sql_.size()), &stmt_, nullptr) !=
      SQLITE_OK)
    db.fail("prepare '" + sql_ + "'");
}

Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt::Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

Stmt& Stmt::bind(int index, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, index, v) != SQLITE_OK) db_->fail("bind in '" + sql_ + "'");
  return *this;
}
Stmt& Stmt::bind(int index, double v) {
  if (sqlite3_bind_double(stmt_, index, v) != SQLITE_OK) db_->fail("bind in '" + sql_ + "'");
  return *this;
}
Stmt& Stmt::bind(int index, std::string_view v) {
  if (sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("bind in '" + sql_ + "'");
  return *this;
}
Stmt& Stmt::bind_blob(int index, const void* data, std::size_t size) {
  if (sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("bind in '" + sql_ + "'");
  return *this;
}
Stmt& Stmt::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_->fail("bind in '" + sql_ + "'");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("step '" + sql_ + "'");
}

void Stmt::exec() {
  while (step()) {
  }
}

void Stmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::text(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}
std::vector<unsigned char> Stmt::blob(int col) const {
  auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::vector<unsigned char>(p, p + sqlite3_column_bytes(stmt_, col)) : std::vector<unsigned char>();
}
int Stmt::column_count() const { return sqlite3_column_count(stmt_); }
std::string Stmt::column_name(int col) const { return sqlite3_column_name(stmt_, col); }

Database::Database(const std::filesystem::path& path, bool create, bool migrate_now) : path_(path) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (create && path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("database '" + path.string() + "': cannot open: " + msg);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  enable_wal();
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA synchronous=NORMAL");
  if (migrate_now) migrate();
}

Database::~Database() { sqlite3_close_v2(db_); }

// Connections opening one fresh file at once can get SQLITE_BUSY from the
// journal-mode switch without the busy handler being asked, so it is retried
// here for as long as the busy timeout would wait.
void Database::enable_wal() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) fail("PRAGMA journal_mode=WAL");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void Database::fail(std::string_view what) const {
  throw Error("database '" + path_.string() + "': " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

void Database::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error("database '" + path_.string() + "': " + msg + " in: " + s.substr(0, 200));
  }
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

void Database::begin() {
  if (tx_depth_++ == 0) exec("BEGIN IMMEDIATE");
}
void Database::commit() {
  if (--tx_depth_ != 0) return;
  crash_point("db-commit");  // a test may cut the process off with the transaction written but not committed
  exec("COMMIT");
}
void Database::rollback() {
  if (--tx_depth_ == 0) exec("ROLLBACK");
}

int Database::schema_version() {
  auto s = prepare("PRAGMA user_version");
  s.step();
  return static_cast<int>(s.int64(0));
}

int Database::migrate() {
  const auto& all = migrations();
  int current = schema_version();
  if (current > static_cast<int>(all.size()))
    throw Error("database '" + path_.string() + "' has schema version " + std::to_string(current) +
                ", newer than this kquarry (" + std::to_string(all.size()) + ")");
  int applied = 0;
  for (int v = current; v < static_cast<int>(all.size()); ++v) {
    transaction([&] {
      // Another connection may have applied this step since the version was
      // read; under the write lock the version read now is the truth.
      if (schema_version() > v) return;
      exec(all[static_cast<std::size_t>(v)].sql);
      exec("PRAGMA user_version=" + std::to_string(v + 1));
      ++applied;
    });
  }
  return applied;
}

int latest_schema_version() { return static_cast<int>(migrations().size()); }

}  // namespace kq::db
