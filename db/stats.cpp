#include "db/stats.hpp"

#include <string>
#include <vector>

namespace kq::db {
namespace {

std::vector<std::string> table_names(Database& db) {
  std::vector<std::string> names;
  auto q = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  while (q.step()) names.push_back(q.text(0));
  return names;
}

// Names come from sqlite_master, never from the user; quoting keeps odd ones working.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::json group_count(Database& db, const std::string& table, const std::string& column) {
  nlohmann::json out = nlohmann::json::object();
  auto q = db.prepare("SELECT " + column + ", count(*) FROM " + table + " WHERE " + column +
                      " IS NOT NULL GROUP BY 1 ORDER BY 1");
  while (q.step()) out[q.text(0)] = q.int64(1);
  return out;
}

}  // namespace

nlohmann::json collect_stats(Database& db) {
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& t : table_names(db)) {
    auto q = db.prepare("SELECT count(*) FROM " + quoted(t));
    q.step();
    tables[t] = q.int64(0);
  }
  return {{"schema_version", db.schema_version()},
          {"tables", tables},
          {"kernels_by_stage", group_count(db, "kernels", "stage")},
          {"kernels_by_failed_stage", group_count(db, "kernels", "failed_stage")},
          {"repos_by_status", group_count(db, "repos", "status")},
          {"verifications_by_status", group_count(db, "verifications", "status")}};
}

std::vector<BackendTime> verification_time_by_backend(Database& db) {
  auto st = db.prepare(
      "SELECT backend, COUNT(*), COALESCE(SUM(wall_ms),0) FROM verifications GROUP BY backend ORDER BY backend");
  std::vector<BackendTime> out;
  while (st.step()) out.push_back({st.text(0), st.int64(1), st.int64(2)});
  return out;
}

}  // namespace kq::db
