#pragma once
// What a database holds: rows per table and the pipeline's funnel.
#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace kq::db {

// {"schema_version", "tables": {name: rows}, "kernels_by_stage", "kernels_by_failed_stage",
//  "repos_by_status", "verifications_by_status"}
nlohmann::json collect_stats(Database& db);

}  // namespace kq::db
