#pragma once
// A thin RAII layer over SQLite: the connection (WAL, foreign keys, busy
// timeout), prepared statements with typed binds and columns, transactions.
// Every error names the database file and the statement that failed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kq::db {

class Database;

class Stmt {
 public:
  Stmt(Database& db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& other) noexcept;

  // Binds are 1-based, as in SQLite.
  Stmt& bind(int index, std::int64_t v);
  Stmt& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Stmt& bind(int index, double v);
  Stmt& bind(int index, std::string_view v);
  Stmt& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Stmt& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Stmt& bind_blob(int index, const void* data, std::size_t size);
  Stmt& bind_null(int index);
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Binds every argument in order, starting at 1.
  template <typename... Args>
  Stmt& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  bool step();   // true while a row is available
  void exec();   // steps to completion
  void reset();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::vector<unsigned char> blob(int col) const;
  int column_count() const;
  std::string column_name(int col) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

class Database {
 public:
  // Opens (creating when asked) and applies pending migrations.
  explicit Database(const std::filesystem::path& path, bool create = true, bool migrate = true);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Stmt prepare(std::string_view sql) { return Stmt(*this, sql); }
  std::int64_t last_insert_id() const;
  int changes() const;

  // Schema version (PRAGMA user_version) and migration.
  int schema_version();
  int migrate();  // returns the number of migrations applied

  // Runs fn inside BEGIN IMMEDIATE ... COMMIT; rolls back when fn throws.
  template <typename Fn>
  auto transaction(Fn&& fn) -> decltype(fn()) {
    begin();
    try {
      if constexpr (std::is_void_v<decltype(fn())>) {
        fn();
        commit();
      } else {
        auto r = fn();
        commit();
        return r;
      }
    } catch (...) {
      rollback();
      throw;
    }
  }

  sqlite3* handle() { return db_; }
  const std::filesystem::path& path() const { return path_; }
  [[noreturn]] void fail(std::string_view what) const;

 private:
  static constexpr int kBusyTimeoutMs = 30000;

  void enable_wal();
  void begin();
  void commit();
  void rollback();

  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  int tx_depth_ = 0;
};

// Number of migrations known to this build (the newest schema version).
int latest_schema_version();

}  // namespace kq::db
