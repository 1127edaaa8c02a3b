#include "curation/curate.hpp"

#include <mutex>
#include <set>

#include "core/config.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "curation/mutation_check.hpp"
#include "db/curation.hpp"
#include "db/kernels.hpp"
#include "db/stage_events.hpp"
#include "verifier/verifier.hpp"

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

CurateOptions CurateOptions::from_config(const Config& config, const fs::path& cache_dir) {
  CurateOptions o;
  o.policy = CurationPolicy::from_config(config);
  o.record.task_prefix = config.get("export.task_prefix");
  // The verifier's keys are read (and a bad value refused) by the verifier alone.
  const auto v = verify::VerifierOptions::from_config(config, cache_dir);
  o.record.cuda_arch = v.cuda_arch;
  o.record.hip_archs = v.hip_archs;
  o.mutation_check = config.get_bool("curation.mutation_check");
  o.max_mutants = static_cast<std::size_t>(config.get_int("curation.max_mutants"));
  o.max_extra_cases = static_cast<std::size_t>(config.get_int("curation.max_extra_cases"));
  o.test.compile_timeout = v.compile_timeout;
  o.test.run_timeout = v.run_timeout;
  o.test.memory_mb = v.memory_mb;
  o.test.cuda_arch = v.cuda_arch;
  if (!v.hip_archs.empty()) o.test.hip_arch = v.hip_archs.front();
  o.test.bubblewrap = v.bubblewrap;
  o.work_dir = cache_dir / "curation";
  o.cache_dir = cache_dir;
  o.test.pch_dir = cache_dir / "curation" / "pch";
  o.test.result_cache_dir = cache_dir;
  return o;
}

std::string reason_class(const std::string& reason) {
  for (const char* prefix : {"exact duplicate", "duplicate (normalized)", "near duplicate", "awaiting review",
                             "rejected in review", "nondeterministic", "not verified", "test fails with the canonical",
                             "test does not reject mutant", "no mutant", "license"}) {
    if (reason.rfind(prefix, 0) == 0) {
      if (std::string(prefix) == "test does not reject mutant") {
        auto sp = reason.find(' ', std::string(prefix).size() + 1);
        return reason.substr(0, sp);
      }
      if (std::string(prefix) == "license") return reason.substr(0, reason.find(" (")).substr(0, 40);
      return prefix;
    }
  }
  return reason.substr(0, 60);
}

namespace {

// Records a drop once: a rerun with the same reason writes nothing.
void record_drop(db::Database& db, std::int64_t kernel_id, const std::string& reason) {
  {
    // Finished before the write: a read left open would hold an old snapshot,
    // and the write transaction could then not start while others write.
    auto state = db::kernel_state(db, kernel_id);
    if (state && state->failed_stage == "curated" && state->fail_reason == reason) return;
  }
  db.transaction([&] {
    db::delete_curated_tasks(db, kernel_id);
    db::kernel_failed(db, kernel_id, Stage::Curated, reason);
  });
}

bool already_curated(db::Database& db, const db::CurationKernel& k) {
  if (k.stage != "curated" && k.stage != "released") return false;
  auto state = db::kernel_state(db, k.kernel_id);
  // A task the release compile rejected stays curated: export decides again.
  const bool curation_held = state && (state->failed_stage.empty() || state->failed_stage == "released");
  return curation_held && db::curated_synthesis_id(db, k.kernel_id) == k.synthesis_id;
}

// A kernel whose task failed its build or mutation check for this very
// synthesis is not checked again on a rerun.
bool failed_checks_before(db::Database& db, const db::CurationKernel& k) {
  return k.failed_stage == "curated" && db::curated_synthesis_id(db, k.kernel_id) == k.synthesis_id;
}

// Remembers that this synthesis failed its checks (a row of dialect "-").
void record_check_failure(db::Database& db, const db::CurationKernel& k, const std::string& reason) {
  record_drop(db, k.kernel_id, reason);
  db::save_curated_task(db, {k.kernel_id, "-", k.synthesis_id, "", "", reason});
}

// The integer scalars the analysis found bounding an index or a loop.
std::set<std::string> size_params(const db::CurationKernel& k) {
  std::set<std::string> out;
  json a = json::parse(k.analysis_json.empty() ? "{}" : k.analysis_json, nullptr, false);
  if (a.is_discarded() || !a.contains("params") || !a["params"].is_array()) return out;
  for (const auto& p : a["params"])
    if (p.is_object() && p.value("size_like", false) && p.contains("name") && p["name"].is_string())
      out.insert(p["name"].get<std::string>());
  return out;
}

// Builds, checks and stores the tasks of one kept kernel; returns "" or the reason it is not curated.
// The task of the kernel's own dialect is checked first, against mutants;
// cases added there to kill a mutant join the other dialect's task too.
std::string curate_one(db::Database& db, const db::CurationKernel& k, const std::vector<db::VerificationRow>& rows,
                       const std::string& task_id, const CurateOptions& o) {
  std::vector<BuiltTask> tasks;
  try {
    tasks = build_tasks(k, rows, task_id, o.record);
  } catch (const std::exception& e) {
    return std::string("task could not be built: ") + e.what();
  }
  const Dialect own = k.dialect == "hip" ? Dialect::Hip : Dialect::Cuda;
  json skipped = json::object();
  for (auto it = tasks.begin(); it != tasks.end();) {
    std::string why = it->dialect == own ? "" : dialect_unavailable(*it);
    if (why.empty()) {
      ++it;
      continue;
    }
    skipped[std::string(to_string(it->dialect))] = why;
    it = tasks.erase(it);
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < tasks.size(); ++i)
    if (tasks[i].dialect == own) order.insert(order.begin(), i);
    else order.push_back(i);
  std::vector<json> mutation(tasks.size(), json::object());
  std::vector<LaunchSpec> added;
  if (o.mutation_check) {
    MutationOptions mo;
    mo.max_mutants = o.max_mutants;
    mo.max_extra_cases = o.max_extra_cases;
    mo.size_params = size_params(k);
    mo.backend = o.backend;
    mo.cache_dir = o.cache_dir;
    for (std::size_t i : order) {
      auto& t = tasks[i];
      fs::path work = o.work_dir / ("kernel-" + std::to_string(k.kernel_id)) / std::string(to_string(t.dialect));
      std::error_code ec;
      fs::remove_all(work, ec);
      // Mutants are tried in the kernel's own dialect; the other dialect must pass with its canonical solution.
      mo.with_mutants = t.dialect == own;
      if (!mo.with_mutants && !added.empty()) {
        auto cases = t.test_inputs.cases;
        cases.insert(cases.end(), added.begin(), added.end());
        set_task_cases(t, cases);
      }
      auto rep = check_task_guided(t, mo, work, o.test);
      mutation[i] = rep.detail;
      if (t.dialect == own && !skipped.empty()) mutation[i]["dialects_not_released"] = skipped;
      if (!rep.ok) return rep.reason + " [" + std::string(to_string(t.dialect)) + "]";
      if (mo.with_mutants) added = rep.added_cases;
      fs::remove_all(work, ec);
    }
  }
  std::vector<db::CuratedTaskRow> out;
  for (std::size_t i = 0; i < tasks.size(); ++i)
    out.push_back({k.kernel_id, std::string(to_string(tasks[i].dialect)), k.synthesis_id, task_id,
                   tasks[i].record.dump(), mutation[i].dump()});
  db.transaction([&] {
    db::delete_curated_tasks(db, k.kernel_id);
    for (const auto& r : out) db::save_curated_task(db, r);
    db::kernel_reached(db, k.kernel_id, Stage::Curated, task_id);
  });
  return "";
}

}  // namespace

CurateSummary curate(const fs::path& db_path, const CurateOptions& options) {
  // Runs on other databases may share the cache folder at the same time, and
  // kernel ids repeat between databases: each database has its own scratch.
  CurateOptions o = options;
  std::error_code ec;
  o.work_dir /= "db-" + xxh64_hex(fs::absolute(db_path, ec).lexically_normal().string());
  db::Database db(db_path);
  auto kernels = db::load_curation_kernels(db);
  std::map<std::int64_t, std::vector<db::VerificationRow>> verifications;
  for (const auto& k : kernels) verifications[k.kernel_id] = db::verifications_of(db, k.synthesis_id);
  std::map<std::int64_t, db::ReviewRow> reviews;
  for (auto& r : db::list_reviews(db)) reviews[r.kernel_id] = r;
  auto decisions = decide(kernels, verifications, reviews, o.policy);

  CurateSummary sum;
  sum.considered = kernels.size();
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < kernels.size(); ++i) {
    const auto& d = decisions[i];
    if (!d.keep) {
      if (d.review == "needs_review") db::set_review(db, d.kernel_id, "needs_review", d.reason, "policy");
      record_drop(db, d.kernel_id, d.reason);
      ++sum.dropped;
      ++sum.drop_reasons[reason_class(d.reason)];
      continue;
    }
    if (failed_checks_before(db, kernels[i])) {
      ++sum.failed;
      ++sum.drop_reasons[reason_class(kernels[i].fail_reason)];
      continue;
    }
    if (already_curated(db, kernels[i])) {
      ++sum.skipped_done;
      ++sum.curated;
      continue;
    }
    todo.push_back(i);
  }

  // Numbers are handed out in kernel order before the parallel part, so the
  // same database always gives the same ids.
  std::map<std::int64_t, std::string> task_ids;
  for (std::size_t i : todo)
    task_ids[kernels[i].kernel_id] =
        format_task_id(o.record.task_prefix, db::task_number_for(db, task_content_key(kernels[i])));

  std::mutex mu;
  Progress progress("curate", todo.size());
  parallel_for_each(todo, std::max(1u, o.jobs), [&](std::size_t i) {
    const auto& k = kernels[i];
    std::string reason;
    try {
      db::Database conn(db_path);
      reason = curate_one(conn, k, verifications[k.kernel_id], task_ids[k.kernel_id], o);
      if (!reason.empty()) record_check_failure(conn, k, reason);
    } catch (const std::exception& e) {
      reason = std::string("curation failed: ") + e.what();
      spdlog::warn("kernel {} ({}): {}", k.kernel_id, k.qualified_name, reason);
    }
    std::lock_guard lock(mu);
    if (reason.empty()) {
      ++sum.curated;
    } else {
      ++sum.failed;
      ++sum.drop_reasons[reason_class(reason)];
      spdlog::info("kernel {} ({}) not curated: {}", k.kernel_id, k.qualified_name, reason);
    }
    progress.advance(1, !reason.empty());
  });
  progress.finish();
  return sum;
}

}  // namespace kq::curation
