#pragma once
// Typed writes for releases: one row per exported version and one per task in it.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace kq::db {

struct ReleaseTask {
  std::string task_id;
  std::int64_t kernel_id = 0;
};

// Records (or re-records, for the same version) a release and its tasks in one
// transaction; returns the release id.
std::int64_t record_release(Database& db, const std::string& version, const std::string& manifest_sha256,
                            const std::vector<ReleaseTask>& tasks);

std::vector<ReleaseTask> release_tasks(Database& db, const std::string& version);

}  // namespace kq::db
