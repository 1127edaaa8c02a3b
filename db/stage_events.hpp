#pragma once
// The audit trail: every stage transition of a kernel (or a repository) is one
// row, written in the same transaction as the state it describes.
#include <cstdint>
#include <optional>
#include <string>

#include "core/types.hpp"
#include "db/database.hpp"

namespace kq::db {

// Records that a kernel reached `stage` (advancing kernels.stage) or failed at it.
void kernel_reached(Database& db, std::int64_t kernel_id, Stage stage, const std::string& reason = "");
void kernel_failed(Database& db, std::int64_t kernel_id, Stage stage, const std::string& reason);
void repo_event(Database& db, std::int64_t repo_id, const std::string& stage, const std::string& status,
                const std::string& reason = "");

}  // namespace kq::db
