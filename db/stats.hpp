#pragma once
// What a database holds: rows per table and the pipeline's funnel.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace kq::db {

// {"schema_version", "tables": {name: rows}, "kernels_by_stage", "kernels_by_failed_stage",
//  "repos_by_status", "verifications_by_status"}
nlohmann::json collect_stats(Database& db);

// Verification runs and their summed wall time, per backend in name order.
struct BackendTime {
  std::string backend;
  std::int64_t runs = 0;
  std::int64_t wall_ms = 0;
};
std::vector<BackendTime> verification_time_by_backend(Database& db);

}  // namespace kq::db
