#include "curation/export.hpp"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/crash_point.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/paths.hpp"
#include "core/utf8.hpp"
#include "curation/funnel.hpp"
#include "curation/manifest.hpp"
#include "curation/report.hpp"
#include "db/curation.hpp"
#include "db/kernels.hpp"
#include "db/releases.hpp"
#include "db/stats.hpp"
#include "db/stage_events.hpp"

#ifndef KQ_VERSION
#define KQ_VERSION "0.0.0"
#endif

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

ExportOptions ExportOptions::from_config(const Config& config, const fs::path& cache_dir, const std::string& version,
                                        unsigned jobs) {
  ExportOptions o;
  o.version = version.empty() ? config.get("export.version") : version;
  o.task_prefix = config.get("export.task_prefix");
  o.near_duplicate_threshold = config.get_double("curation.near_duplicate_threshold");
  o.compile.jobs = std::max(1u, jobs);
  o.compile.test.cuda_arch = config.get("verifier.cuda_arch");
  o.compile.test.compile_timeout = std::chrono::seconds(config.get_int("verifier.compile_timeout_s"));
  o.compile.test.result_cache_dir = cache_dir;
  return o;
}

namespace {

struct LoadedTask {
  db::CuratedTaskRow row;
  json record;
};

// The task records without their references, and the references apart in
// oracle/references.<dialect>.jsonl: the test text does not carry the answer.
void write_jsonl(const fs::path& dir, const std::vector<LoadedTask>& tasks, const std::string& dialect) {
  std::string text, oracle;
  for (const auto& t : tasks) {
    if (t.row.dialect != dialect) continue;
    json record = t.record;
    json ref{{"task_id", record.value("task_id", "")}, {"dialect", dialect},
             {"reference_source", record.value("reference_source", "")}};
    record.erase("reference_source");
    text += dump_json(record) + "\n";
    oracle += dump_json(ref) + "\n";
  }
  write_file_atomic(dir / ("tasks." + dialect + ".jsonl"), text);
  fs::create_directories(dir / "oracle");
  write_file_atomic(dir / "oracle" / ("references." + dialect + ".jsonl"), oracle);
  crash_point("release-file");
}

void copy_runtime(const fs::path& from, const fs::path& to) {
  if (!fs::exists(from / "kq")) throw Error("runtime folder " + from.string() + " has no kq/ headers");
  for (const auto& e : fs::recursive_directory_iterator(from)) {
    if (!e.is_regular_file()) continue;
    auto rel = fs::relative(e.path(), from);
    fs::create_directories((to / rel).parent_path());
    fs::copy_file(e.path(), to / rel, fs::copy_options::overwrite_existing);
  }
}

// Builds every task with the real compilers here; sets compiled_for and
// drops (both dialects of) a task that one of them rejects. The rejection is
// recorded on the kernel at the release step, so the funnel names it; curation
// stays valid and a later export with other compilers may release it.
std::vector<std::string> compile_check(db::Database& db, std::vector<LoadedTask>& tasks, const ExportOptions& o) {
  std::vector<json> records;
  for (const auto& t : tasks) records.push_back(t.record);
  auto outcome = compile_release_tasks(records, o.compile);
  std::map<std::string, std::string> rejected;  // task id -> the first compiler's complaint
  std::vector<std::string> why;
  for (const auto& [key, c] : outcome) {
    if (c.failure.empty() || rejected.count(key.first)) continue;
    why.push_back(key.first + " (" + key.second + "): " + c.failure);
    rejected[key.first] = why.back().substr(0, why.back().find('\n'));
  }
  std::vector<LoadedTask> kept;
  std::set<std::int64_t> recorded;
  for (auto& t : tasks) {
    if (auto r = rejected.find(t.row.task_id); r != rejected.end()) {
      if (recorded.insert(t.row.kernel_id).second)
        db::kernel_failed(db, t.row.kernel_id, Stage::Released, "rejected by the release compile: " + r->second);
      continue;
    }
    const auto& c = outcome[{t.row.task_id, t.row.dialect}];
    std::set<std::string> labels(c.compiled_for.begin(), c.compiled_for.end());
    for (const auto& l : t.record["verification"].value("compiled_for", json::array())) labels.insert(l.get<std::string>());
    t.record["verification"]["compiled_for"] = std::vector<std::string>(labels.begin(), labels.end());
    kept.push_back(std::move(t));
  }
  tasks = std::move(kept);
  return why;
}

json counted(const std::map<std::string, std::size_t>& m) {
  std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  json out = json::array();
  for (const auto& [k, c] : v) out.push_back({{"name", k}, {"count", c}});
  return out;
}

json verification_timings(db::Database& db) {
  json out = json::array();
  for (const auto& t : db::verification_time_by_backend(db))
    out.push_back({{"name", "verify on " + t.backend}, {"count", t.runs},
                   {"seconds", static_cast<double>(t.wall_ms) / 1000.0}});
  return out;
}

// Licenses are decided per file, so one repository's tasks may carry several:
// "MIT, Apache-2.0" in the order first seen.
void add_license(json& repo, const std::string& license) {
  std::string all = repo.value("license", "");
  if (license.empty() || (", " + all + ", ").find(", " + license + ", ") != std::string::npos) return;
  repo["license"] = all.empty() ? license : all + ", " + license;
}

json release_stats(db::Database& db, const std::vector<LoadedTask>& tasks, const ExportOptions& o) {
  std::map<std::string, std::size_t> licenses, tags;
  std::map<std::string, json> repos;
  std::set<std::string> ids, executed;
  for (const auto& t : tasks) {
    if (t.row.dialect != "hip") continue;  // count each task once
    ids.insert(t.row.task_id);
    const auto& src = t.record["source"];
    ++licenses[src.value("license", "NOASSERTION")];
    for (const auto& tag : t.record["tags"]) ++tags[tag.get<std::string>()];
    for (const auto& b : t.record["verification"]["executed_on"]) executed.insert(b.get<std::string>());
    auto& r = repos[src.value("repo", "")];
    if (r.is_null()) r = {{"url", src.value("repo", "")}, {"commit", src.value("commit", "")},
                          {"license", ""}, {"count", 0}};
    r["count"] = r["count"].get<int>() + 1;
    add_license(r, src.value("license", ""));
  }
  json stats;
  stats["version"] = o.version;
  stats["task_prefix"] = o.task_prefix;
  stats["task_count"] = ids.size();
  stats["repo_count"] = repos.size();
  stats["kernel_count"] = db::kernel_count(db);
  stats["funnel"] = funnel_to_json(compute_funnel(db));
  stats["licenses"] = counted(licenses);
  stats["tags"] = counted(tags);
  stats["repos"] = json::array();
  for (auto& [url, r] : repos) stats["repos"].push_back(r);
  stats["timings"] = o.timings.empty() ? verification_timings(db) : o.timings;
  std::string backends;
  for (const auto& b : executed) backends += (backends.empty() ? "" : ", ") + b;
  stats["backends_text"] = backends.empty() ? "no backend" : backends;
  char thr[16];
  std::snprintf(thr, sizeof thr, "%.2f", o.near_duplicate_threshold);
  stats["near_duplicate_threshold"] = thr;
  stats["kquarry_version"] = KQ_VERSION;
  return stats;
}

json source_commits(const std::vector<LoadedTask>& tasks) {
  std::map<std::string, json> by_repo;
  for (const auto& t : tasks) {
    const auto& s = t.record["source"];
    auto& r = by_repo[s.value("repo", "")];
    if (r.is_null()) r = {{"repo", s.value("repo", "")}, {"commit", s.value("commit", "")}, {"license", ""}};
    add_license(r, s.value("license", ""));
  }
  json out = json::array();
  for (auto& [k, v] : by_repo) out.push_back(v);
  return out;
}

std::vector<db::ReleaseTask> release_rows(const std::vector<LoadedTask>& tasks) {
  std::vector<db::ReleaseTask> out;
  std::set<std::string> seen;
  for (const auto& t : tasks)
    if (seen.insert(t.row.task_id).second) out.push_back({t.row.task_id, t.row.kernel_id});
  return out;
}

void mark_released(db::Database& db, const std::vector<db::ReleaseTask>& rows, const std::string& version) {
  for (const auto& r : rows) {
    auto state = db::kernel_state(db, r.kernel_id);
    if (state && state->stage != "released") db::kernel_reached(db, r.kernel_id, Stage::Released, "release " + version);
  }
}

// Puts the finished folder under its final name in one step, so that name
// never holds a partly written release: an atomic exchange with the previous
// release where the file system supports it, else the previous one moved
// aside first (a crash in between leaves no release, never a partial one).
void publish(const fs::path& partial, const fs::path& final_dir, const fs::path& aside) {
  std::error_code ec;
  crash_point("release-publish");
  if (!fs::exists(final_dir, ec)) {
    fs::rename(partial, final_dir);
    return;
  }
  if (renameat2(AT_FDCWD, partial.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(partial, ec);  // now the previous release
    return;
  }
  fs::remove_all(aside, ec);
  fs::rename(final_dir, aside);
  crash_point("release-publish");
  fs::rename(partial, final_dir);
  fs::remove_all(aside, ec);
}

}  // namespace

ExportResult export_release(const fs::path& db_path, const ExportOptions& o) {
  if (o.version.empty()) throw UsageError("export: --version must not be empty");
  db::Database db(db_path);
  std::vector<LoadedTask> tasks;
  for (auto& row : db::load_curated_tasks(db)) {
    json rec = json::parse(row.record);
    tasks.push_back({std::move(row), std::move(rec)});
  }
  ExportResult res;
  if (o.compile_check) res.not_compiled = compile_check(db, tasks, o);
  res.release_dir = o.out_dir / ("release-" + o.version);
  fs::path partial = o.out_dir / (".release-" + o.version + ".partial");
  fs::path aside = o.out_dir / (".release-" + o.version + ".previous");
  std::error_code ec;
  fs::remove_all(partial, ec);  // left by an export that was killed
  fs::remove_all(aside, ec);
  fs::create_directories(partial);

  write_jsonl(partial, tasks, "hip");
  write_jsonl(partial, tasks, "cuda");
  copy_runtime(o.runtime_dir.empty() ? runtime_dir() : o.runtime_dir, partial / "runtime");

  auto rows = release_rows(tasks);
  mark_released(db, rows, o.version);
  db::record_release(db, o.version, "", rows);

  res.stats = release_stats(db, tasks, o);
  res.stats["not_compiled"] = res.not_compiled;
  res.tasks = rows.size();
  write_file_atomic(partial / "README.md", render_dataset_card(res.stats));
  crash_point("release-file");
  write_file_atomic(partial / "report.html", render_report_html(res.stats));
  crash_point("release-file");

  json manifest;
  manifest["name"] = o.task_prefix;
  manifest["version"] = o.version;
  manifest["kquarry_version"] = KQ_VERSION;
  manifest["tasks"] = res.tasks;
  manifest["files"] = file_entries(partial);
  manifest["toolchains"] = toolchain_versions();
  manifest["sources"] = source_commits(tasks);
  // Written last: the manifest is the release's completion marker (release_incomplete_reason).
  std::string manifest_text = dump_json(manifest, 2) + "\n";
  write_file_atomic(partial / "MANIFEST.json", manifest_text);
  res.manifest_sha256 = sha256_hex(manifest_text);
  db::record_release(db, o.version, res.manifest_sha256, rows);

  publish(partial, res.release_dir, aside);
  return res;
}

}  // namespace kq::curation
