#pragma once
// Typed access to the syntheses and verifications tables: one row per attempt
// of a synthesizer on a kernel, and one row per (case, backend) run of it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace kq::db {

struct SynthesisRow {
  std::int64_t id = 0;
  std::int64_t kernel_id = 0;
  std::string synthesizer;
  int attempt = 1;
  std::string wrapper;
  std::string golden;
  std::string tests;     // JSON array of launch specs
  std::string doc_json;
  std::string status;    // ok, unsupported, failed
  std::string reason;
  std::string feedback;
  std::string created_at;
};

struct VerificationRow {
  std::int64_t id = 0;
  std::int64_t synthesis_id = 0;
  std::string backend;
  std::string status;    // a VerifyStatus name
  std::string stage;
  std::string log;
  std::int64_t wall_ms = 0;
  std::optional<double> kernel_us;
  std::optional<double> ref_us;
  std::string case_name;
};

std::int64_t insert_synthesis(Database& db, const SynthesisRow& row);
void update_synthesis_status(Database& db, std::int64_t id, const std::string& status, const std::string& reason);
// Replaces the cases (tests JSON) of a synthesis: verification widens a
// case's tolerance where the schedule spread calls for it.
void update_synthesis_tests(Database& db, std::int64_t id, const std::string& tests);
std::optional<SynthesisRow> get_synthesis(Database& db, std::int64_t id);
// Every attempt of a kernel, oldest first.
std::vector<SynthesisRow> syntheses_of_kernel(Database& db, std::int64_t kernel_id);
// The newest attempt with status ok, if any.
std::optional<SynthesisRow> latest_ok_synthesis(Database& db, std::int64_t kernel_id);

std::int64_t insert_verification(Database& db, const VerificationRow& row);
std::vector<VerificationRow> verifications_of(Database& db, std::int64_t synthesis_id);
void delete_verifications(Database& db, std::int64_t synthesis_id);

// Kernels that have at least one synthesis attempt, in id order; with
// only_failed, those that stopped at a stage (failed_stage set).
struct AttemptedKernel {
  std::int64_t id = 0;
  std::string name, dialect, stage, fail_reason;
};
std::vector<AttemptedKernel> attempted_kernels(Database& db, bool only_failed);

}  // namespace kq::db
