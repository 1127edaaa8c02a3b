#include "db/merge.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "db/database.hpp"

namespace kq::db {
namespace fs = std::filesystem;
namespace {

struct ForeignKey {
  std::string column;
  std::string parent;
};

// What merging needs to know of one table, read from the schema itself so
// tables added by later migrations are carried over without changes here.
struct TableShape {
  std::string name;
  std::vector<std::string> columns;
  std::string id_column;                // the INTEGER PRIMARY KEY, remapped; empty when none
  std::vector<std::string> unique_key;  // columns identifying a row across databases
  std::vector<ForeignKey> foreign_keys;
  bool numbered = false;                // AUTOINCREMENT ids are handed out as public numbers: keep their order
};

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> index_columns(Database& db, const std::string& index) {
  std::vector<std::string> cols;
  auto q = db.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno");
  q.bind(1, index);
  while (q.step()) cols.push_back(q.text(0));
  return cols;
}

TableShape read_shape(Database& db, const std::string& table) {
  TableShape t;
  t.name = table;
  std::vector<std::string> pk;
  std::string pk_type;
  auto cols = db.prepare("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid");
  cols.bind(1, table);
  while (cols.step()) {
    t.columns.push_back(cols.text(0));
    if (cols.int64(2) > 0) {
      pk.push_back(cols.text(0));
      pk_type = cols.text(1);
    }
  }
  auto fks = db.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)");
  fks.bind(1, table);
  while (fks.step()) t.foreign_keys.push_back({fks.text(0), fks.text(1)});
  // A primary key that is also a reference (units.kernel_id) is copied, not renumbered.
  bool pk_is_reference = std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                                     [&](const ForeignKey& fk) { return !pk.empty() && fk.column == pk.front(); });
  if (pk.size() == 1 && upper(pk_type) == "INTEGER" && !pk_is_reference) t.id_column = pk.front();
  // Prefer an explicit UNIQUE constraint; a non-rowid primary key is the fallback.
  auto idx = db.prepare("SELECT name, origin FROM pragma_index_list(?) WHERE \"unique\"=1 ORDER BY origin='pk', seq");
  idx.bind(1, table);
  while (idx.step() && t.unique_key.empty()) t.unique_key = index_columns(db, idx.text(0));
  auto sql = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=? AND upper(sql) LIKE '%AUTOINCREMENT%'");
  sql.bind(1, table);
  t.numbered = sql.step();
  return t;
}

// Parents before children; the schema has no cycles (checked).
std::vector<TableShape> tables_in_dependency_order(Database& db) {
  std::vector<TableShape> pending;
  auto q = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (q.step()) pending.push_back(read_shape(db, q.text(0)));
  std::vector<TableShape> ordered;
  std::set<std::string> placed;
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const TableShape& t) {
      return std::all_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                         [&](const ForeignKey& fk) { return fk.parent == t.name || placed.count(fk.parent); });
    });
    if (ready == pending.end()) throw Error("database schema has a foreign-key cycle; cannot merge");
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    pending.erase(ready);
  }
  return ordered;
}

// old id -> (new id, whether this input's row was copied rather than found).
struct IdMapping {
  std::int64_t id;
  bool copied;
};
using IdMap = std::unordered_map<std::int64_t, IdMapping>;

class RawStmt {
 public:
  RawStmt(Database& db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &s_, nullptr) != SQLITE_OK) db.fail("prepare '" + sql + "'");
  }
  ~RawStmt() { sqlite3_finalize(s_); }
  RawStmt(const RawStmt&) = delete;
  RawStmt& operator=(const RawStmt&) = delete;
  sqlite3_stmt* get() { return s_; }
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) db_.fail("merge step");
    return false;
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  Database& db_;
  sqlite3_stmt* s_ = nullptr;
};

std::string join(const std::vector<std::string>& parts, const std::string& sep, const std::string& suffix = "") {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + quoted(parts[i]) + suffix;
  return out;
}

// SQLite's own ordering of two values: NULL, numbers, text, blobs.
int compare_values(sqlite3_value* a, sqlite3_value* b) {
  auto rank = [](int type) { return type == SQLITE_NULL ? 0 : type == SQLITE_TEXT ? 2 : type == SQLITE_BLOB ? 3 : 1; };
  int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
  if (rank(ta) != rank(tb)) return rank(ta) < rank(tb) ? -1 : 1;
  if (rank(ta) == 0) return 0;
  if (rank(ta) == 1) {
    double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
      auto i = sqlite3_value_int64(a), j = sqlite3_value_int64(b);
      return i < j ? -1 : i > j ? 1 : 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const void* pa = rank(ta) == 2 ? static_cast<const void*>(sqlite3_value_text(a)) : sqlite3_value_blob(a);
  const void* pb = rank(tb) == 2 ? static_cast<const void*>(sqlite3_value_text(b)) : sqlite3_value_blob(b);
  int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);
  int c = (na && nb) ? std::memcmp(pa, pb, static_cast<std::size_t>(std::min(na, nb))) : 0;
  return c != 0 ? c : na < nb ? -1 : na > nb ? 1 : 0;
}

class TableCopier {
 public:
  TableCopier(Database& out, const TableShape& t, std::map<std::string, IdMap>& maps, MergeOrder order)
      : out_(out), t_(t), maps_(maps), sorted_(order == MergeOrder::ByKey && !t.unique_key.empty() && !t.numbered) {
    for (const auto& c : t.columns)
      if (c != t.id_column) insert_columns_.push_back(c);
  }

  TableMerge run() {
    TableMerge stats;
    RawStmt select(out_, "SELECT " + join(t_.columns, ", ") + " FROM src." + quoted(t_.name) + " ORDER BY rowid");
    std::vector<std::string> marks(insert_columns_.size(), "?");
    std::string placeholders;
    for (std::size_t i = 0; i < marks.size(); ++i) placeholders += i ? ",?" : "?";
    RawStmt insert(out_, "INSERT INTO main." + quoted(t_.name) + "(" + join(insert_columns_, ", ") + ") VALUES(" +
                             placeholders + ")");
    std::optional<RawStmt> lookup;
    if (!t_.unique_key.empty())
      lookup.emplace(out_, "SELECT " + (t_.id_column.empty() ? std::string("rowid") : quoted(t_.id_column)) +
                               " FROM main." + quoted(t_.name) + " WHERE " + join(t_.unique_key, " AND ", " IS ?"));
    IdMap* own_map = t_.id_column.empty() ? nullptr : &maps_[t_.name];
    for (auto& row : remapped_rows(select)) {
      std::optional<std::int64_t> old_id;
      if (!t_.id_column.empty()) old_id = sqlite3_value_int64(row.values[column_index(t_.id_column)]);
      if (lookup) {
        if (auto existing = find_existing(*lookup, row)) {
          if (own_map) (*own_map)[*old_id] = {*existing, false};
          ++stats.already_present;
          continue;
        }
      } else if (row.has_found_parent) {
        ++stats.already_present;  // its parent came from an earlier input, and so did it
        continue;
      }
      for (std::size_t i = 0; i < insert_columns_.size(); ++i)
        sqlite3_bind_value(insert.get(), static_cast<int>(i + 1), row.values[column_index(insert_columns_[i])]);
      insert.step();
      insert.reset();
      if (own_map) (*own_map)[*old_id] = {sqlite3_last_insert_rowid(out_.handle()), true};
      ++stats.copied;
    }
    return stats;
  }

 private:
  struct Row {
    std::vector<sqlite3_value*> values;
    bool has_found_parent = false;
    Row() = default;
    Row(const Row&) = delete;
    Row(Row&& o) noexcept : values(std::move(o.values)), has_found_parent(o.has_found_parent) { o.values.clear(); }
    Row& operator=(Row&& o) noexcept {
      std::swap(values, o.values);
      std::swap(has_found_parent, o.has_found_parent);
      return *this;
    }
    ~Row() {
      for (auto* v : values) sqlite3_value_free(v);
    }
  };

  // The input's rows with references rewritten, in rowid order or, when
  // sorted, by their unique key: the output's ids then follow the content
  // (a repo's url, a file's path) and not the order the shards were mined in.
  std::vector<Row> remapped_rows(RawStmt& select) {
    std::vector<Row> rows;
    while (select.step()) {
      Row row = read_row(select.get());
      if (remap(row)) rows.push_back(std::move(row));
    }
    if (!sorted_) return rows;
    std::vector<std::size_t> key;
    for (const auto& c : t_.unique_key) key.push_back(column_index(c));
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      for (auto k : key)
        if (int c = compare_values(a.values[k], b.values[k])) return c < 0;
      return false;
    });
    return rows;
  }

  std::size_t column_index(const std::string& c) const {
    return static_cast<std::size_t>(std::find(t_.columns.begin(), t_.columns.end(), c) - t_.columns.begin());
  }

  Row read_row(sqlite3_stmt* s) {
    Row row;
    for (int i = 0; i < static_cast<int>(t_.columns.size()); ++i) row.values.push_back(sqlite3_value_dup(sqlite3_column_value(s, i)));
    return row;
  }

  // Rewrites foreign keys to the output's ids; false when a referenced row
  // was never carried over (a dangling reference in the input).
  bool remap(Row& row) {
    for (const auto& fk : t_.foreign_keys) {
      auto& v = row.values[column_index(fk.column)];
      if (sqlite3_value_type(v) == SQLITE_NULL) continue;
      auto parent = maps_.find(fk.parent);
      if (parent == maps_.end()) continue;  // the parent is keyed by something other than a remapped id
      auto hit = parent->second.find(sqlite3_value_int64(v));
      if (hit == parent->second.end()) return false;
      if (!hit->second.copied) row.has_found_parent = true;
      sqlite3_value_free(v);
      v = int_value(hit->second.id);
    }
    return true;
  }

  sqlite3_value* int_value(std::int64_t id) {
    RawStmt q(out_, "SELECT ?");
    sqlite3_bind_int64(q.get(), 1, id);
    q.step();
    return sqlite3_value_dup(sqlite3_column_value(q.get(), 0));
  }

  std::optional<std::int64_t> find_existing(RawStmt& lookup, const Row& row) {
    for (std::size_t i = 0; i < t_.unique_key.size(); ++i)
      sqlite3_bind_value(lookup.get(), static_cast<int>(i + 1), row.values[column_index(t_.unique_key[i])]);
    std::optional<std::int64_t> found;
    if (lookup.step()) found = sqlite3_column_int64(lookup.get(), 0);
    lookup.reset();
    return found;
  }

  Database& out_;
  const TableShape& t_;
  std::map<std::string, IdMap>& maps_;
  std::vector<std::string> insert_columns_;
  bool sorted_;
};

void check_input(const fs::path& input, const fs::path& output) {
  std::error_code ec;
  if (!fs::is_regular_file(input, ec)) throw UsageError("merge input '" + input.string() + "' does not exist");
  if (fs::exists(output, ec) && fs::equivalent(input, output, ec))
    throw UsageError("merge input '" + input.string() + "' is also the output");
  Database db(input, /*create=*/false, /*migrate=*/false);
  if (db.schema_version() != latest_schema_version())
    throw UsageError("'" + input.string() + "' has schema version " + std::to_string(db.schema_version()) +
                     ", this kquarry writes " + std::to_string(latest_schema_version()) +
                     " (run `kquarry db migrate --db " + input.string() + "`)");
}

void remove_database(const fs::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ec);
}

void prepare_output(const fs::path& output, bool force) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return;
  if (!force) throw UsageError("'" + output.string() + "' exists; pass --force to replace it");
  remove_database(output);
}

MergeReport merge_in_order(const std::vector<fs::path>& inputs, const fs::path& output, MergeOrder order) {
  Database out(output);
  auto tables = tables_in_dependency_order(out);
  MergeReport report;
  for (const auto& input : inputs) {
    auto attach = out.prepare("ATTACH DATABASE ? AS src");
    attach.bind(1, input.string());
    attach.exec();
    try {
      std::map<std::string, IdMap> maps;
      out.transaction([&] {
        for (const auto& t : tables) {
          auto s = TableCopier(out, t, maps, order).run();
          report.tables[t.name].copied += s.copied;
          report.tables[t.name].already_present += s.already_present;
        }
      });
    } catch (...) {
      out.exec("DETACH DATABASE src");
      throw;
    }
    out.exec("DETACH DATABASE src");
  }
  return report;
}

}  // namespace

MergeReport merge_databases(const std::vector<fs::path>& inputs, const fs::path& output, bool force,
                            MergeOrder order) {
  if (inputs.empty()) throw UsageError("db merge: no input databases");
  for (const auto& in : inputs) check_input(in, output);
  prepare_output(output, force);
  if (order == MergeOrder::Input || inputs.size() == 1) return merge_in_order(inputs, output, order);
  // Rows of different inputs interleave in key order only once they sit in
  // one database: join first, then copy that one sorted.
  fs::path joined = output.string() + ".joining";
  remove_database(joined);
  MergeReport report;
  try {
    report = merge_in_order(inputs, joined, MergeOrder::Input);
    merge_in_order({joined}, output, order);
  } catch (...) {
    remove_database(joined);
    throw;
  }
  remove_database(joined);
  return report;
}

}  // namespace kq::db
