#pragma once
// Typed access to what the extractor writes: kernels, their dependencies,
// standalone units and analysis, and the per-file extraction status.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace kq::db {

// A mined file waiting for extraction (or every file, when asked).
struct SourceFile {
  std::int64_t id = 0;
  std::int64_t repo_id = 0;
  std::int64_t snapshot_id = 0;
  std::string repo_name;
  std::string worktree;
  std::string path;      // relative to worktree
  std::string language;  // cuda, hip, cpp
};

struct FileQuery {
  std::string repo;            // repository name; empty: all
  bool include_done = false;   // also files already extracted
};

std::vector<SourceFile> files_to_extract(Database& db, const FileQuery& q);
// Every file of the complete snapshots of one repository (for launch search).
std::vector<SourceFile> snapshot_files(Database& db, std::int64_t snapshot_id);
void set_file_extract_status(Database& db, std::int64_t file_id, const std::string& status,
                             const std::string& error = "");

struct KernelRow {
  std::int64_t id = 0;
  std::int64_t file_id = 0;
  std::string name, qualified_name, dialect;
  int line_begin = 0, line_end = 0;
  std::string signature, source;
  bool is_template = false;
  std::string content_hash, norm_hash;
  std::vector<unsigned char> minhash;
  std::string params_json, template_params_json, instantiations_json, launches_json, comment;
  std::string stage, failed_stage, fail_reason;
  std::string file_path, repo_name;  // filled by reads
};

struct DepRow {
  std::string kind, name, source;
};

struct UnitRow {
  std::int64_t kernel_id = 0;
  std::string source;
  bool standalone_ok = false;
  std::optional<std::string> compile_log;
  std::optional<std::string> hip_source;
  std::optional<bool> hip_ok;
  std::optional<std::string> hip_log;
};

// Inserts a kernel (or returns the id of the same kernel of that file) with
// its deps, unit and analysis; all in the caller's transaction.
std::int64_t insert_kernel(Database& db, const KernelRow& k, const std::vector<DepRow>& deps,
                           const std::string& unit_source, const std::string& analysis_json);

void set_unit_check(Database& db, std::int64_t kernel_id, bool ok, const std::string& log);
void set_unit_hip(Database& db, std::int64_t kernel_id, const std::string& hip_source, std::optional<bool> hip_ok,
                  const std::string& hip_log);

// Kernels whose unit has not been compile-checked yet.
std::vector<std::int64_t> kernels_to_check(Database& db, const std::string& repo, const std::string& kernel_name);

std::optional<KernelRow> kernel_by_id(Database& db, std::int64_t id);
// By id (all digits), qualified name or name; several may match a name.
std::vector<KernelRow> find_kernels(Database& db, const std::string& name_or_id);
std::vector<DepRow> kernel_deps(Database& db, std::int64_t kernel_id);
std::optional<UnitRow> kernel_unit(Database& db, std::int64_t kernel_id);
std::optional<std::string> kernel_analysis_json(Database& db, std::int64_t kernel_id);

// Where a kernel stands: its stage, and the stage and reason it failed at (empty when none).
struct KernelState {
  std::string stage;
  std::string failed_stage;
  std::string fail_reason;
};
std::optional<KernelState> kernel_state(Database& db, std::int64_t kernel_id);

std::int64_t kernel_count(Database& db);

}  // namespace kq::db
