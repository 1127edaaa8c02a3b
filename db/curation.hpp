#pragma once
// Typed reads and writes for curation: the kernels that reached verification
// with everything a task record needs, the review queue and stable task ids.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/syntheses.hpp"

namespace kq::db {

// One kernel with its provenance, unit, analysis and latest good synthesis.
struct CurationKernel {
  std::int64_t kernel_id = 0;
  std::string name, qualified_name, dialect, signature, source, comment;
  std::string content_hash, norm_hash;
  std::vector<unsigned char> minhash;
  int line_begin = 0, line_end = 0;
  std::string stage, failed_stage, fail_reason;
  std::string unit_source, hip_source;
  std::string analysis_json;
  std::int64_t repo_id = 0;
  std::string repo_url, license, commit, path;
  // Where the license came from (spdx-tag, license-file, repository), the
  // license file that decided and the copyright line found; rows mined before
  // licenses were per file carry the repository's license and file.
  std::string license_source, license_file, copyright;
  std::int64_t synthesis_id = 0;  // 0: none
  std::string synthesizer;
  int attempt = 1;
  std::string tests_json, doc_json;
};

struct ReviewRow {
  std::int64_t kernel_id = 0;
  std::string decision, reason, reviewer, at;
};

// Kernels whose stage is verified, curated or released, in content order
// (repository url, file path, line). Task numbers and the one kept among
// duplicates follow this order, so a database merged from shards, whose row
// ids follow other keys, gives the same release as one filled in one run.
std::vector<CurationKernel> load_curation_kernels(Database& db);
std::optional<CurationKernel> load_curation_kernel(Database& db, std::int64_t kernel_id);

// The review queue. A decision by a person (reviewer other than "policy")
// is never overwritten by the automatic policy.
void set_review(Database& db, std::int64_t kernel_id, const std::string& decision, const std::string& reason,
                const std::string& reviewer);
std::optional<ReviewRow> get_review(Database& db, std::int64_t kernel_id);
std::vector<ReviewRow> list_reviews(Database& db, const std::string& decision = "");

// The task number of a content key, assigned on first sight and never reused.
std::int64_t task_number_for(Database& db, const std::string& content_key);
std::optional<std::int64_t> find_task_number(Database& db, const std::string& content_key);

// Counts of kernels per furthest stage, and the most common failure reasons of
// kernels that stopped at `stage` (failed_stage), most common first.
struct ReasonCount {
  std::string reason;
  std::int64_t count = 0;
};
std::vector<ReasonCount> top_fail_reasons(Database& db, const std::string& stage, int limit);
std::int64_t count_kernels_at_least(Database& db, const std::vector<std::string>& stages);

}  // namespace kq::db

namespace kq::db {

// Built tasks (table curated_tasks), one per kernel and dialect.
struct CuratedTaskRow {
  std::int64_t kernel_id = 0;
  std::string dialect;
  std::int64_t synthesis_id = 0;
  std::string task_id, record, mutation;
};

void save_curated_task(Database& db, const CuratedTaskRow& row);
void delete_curated_tasks(Database& db, std::int64_t kernel_id);
// Rows of kernels whose stage is curated or released, by task id then dialect.
std::vector<CuratedTaskRow> load_curated_tasks(Database& db);
// The synthesis a kernel's built tasks came from (0 when none is built).
std::int64_t curated_synthesis_id(Database& db, std::int64_t kernel_id);

}  // namespace kq::db

namespace kq::db {

// Kernels grouped by furthest stage and failure reason ("" when none).
struct StageReasonCount {
  std::string stage, reason;
  std::int64_t count = 0;
};
std::vector<StageReasonCount> stage_reason_counts(Database& db);

}  // namespace kq::db
