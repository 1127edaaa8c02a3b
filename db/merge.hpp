#pragma once
// Joining shard databases: every table is copied in foreign-key order with
// fresh ids; rows whose unique key is already present (a repo by url, a
// snapshot by repo and commit, a file by snapshot and path, a kernel by file,
// name and line, ...) are not duplicated, and rows without a unique key are
// copied only when every row they reference was copied from the same input.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kq::db {

struct TableMerge {
  std::int64_t copied = 0;
  std::int64_t already_present = 0;
};

struct MergeReport {
  std::map<std::string, TableMerge> tables;
};

enum class MergeOrder {
  Input,  // rows keep the order of the inputs: the first input's ids come first
  ByKey,  // rows with a unique key are numbered in key order, whatever order the inputs came in
};

// Writes a new database at `output` holding the union of `inputs`. Refuses
// (kq::UsageError) to overwrite an existing file unless `force`, and inputs
// whose schema differs from this build's.
MergeReport merge_databases(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& output,
                            bool force, MergeOrder order = MergeOrder::Input);

}  // namespace kq::db
