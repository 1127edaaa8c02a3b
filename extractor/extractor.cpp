#include "extractor/extractor.hpp"

#include <map>
#include <mutex>
#include <sstream>

#include "core/config.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "core/utf8.hpp"
#include "db/kernels.hpp"
#include "db/stage_events.hpp"
#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/instantiations.hpp"
#include "extractor/languages.hpp"
#include "extractor/unit_check.hpp"
#include "extractor/repo_context.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

ExtractOptions options_from_config(const Config& config, const fs::path& cache_dir) {
  ExtractOptions o;
  o.jobs = effective_jobs(config.get_int("jobs"));
  o.cache_dir = cache_dir;
  o.timeout_s = static_cast<int>(config.get_int("extractor.timeout_s"));
  o.compile_timeout_s = static_cast<int>(config.get_int("extractor.compile_timeout_s"));
  o.stub_retries = static_cast<int>(config.get_int("extractor.stub_retries"));
  o.cuda_arch = config.get("verifier.cuda_arch");
  auto archs = config.get_list("verifier.hip_archs");
  if (!archs.empty()) o.hip_arch = archs.front();
  o.limits.max_file_bytes = static_cast<std::uintmax_t>(config.get_int("extractor.max_file_bytes"));
  o.limits.max_nesting = static_cast<int>(config.get_int("extractor.max_nesting"));
  o.compile_limits.memory_mb = static_cast<std::uint64_t>(config.get_int("extractor.compile_memory_mb"));
  o.compile_limits.file_size_mb = static_cast<std::uint64_t>(config.get_int("extractor.compile_file_size_mb"));
  o.compile_limits.bubblewrap =
      bubblewrap_mode_from_string(config.get("verifier.bubblewrap")).value_or(BubblewrapMode::Auto);
  return o;
}

namespace {

struct Shared {
  std::mutex mutex;
  ExtractReport report;
  void fail(const std::string& what) {
    if (report.failures.size() < 50) report.failures.push_back(what);
  }
};

db::KernelRow kernel_row(const Kernel& k, const db::SourceFile& f, Dialect dialect, const nlohmann::json& launches) {
  db::KernelRow row;
  row.file_id = f.id;
  row.name = k.name;
  row.qualified_name = k.qualified_name;
  row.dialect = std::string(to_string(dialect));
  row.line_begin = k.line_begin;
  row.line_end = k.line_end;
  row.signature = k.signature;
  row.source = k.source;
  row.is_template = k.is_template;
  row.content_hash = xxh64_hex(k.source);
  row.norm_hash = k.norm_hash;
  row.minhash.resize(k.minhash.size() * 4);
  for (std::size_t i = 0; i < k.minhash.size(); ++i)
    for (int b = 0; b < 4; ++b) row.minhash[i * 4 + b] = static_cast<unsigned char>(k.minhash[i] >> (8 * b));
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : k.params) params.push_back(to_json(p));
  row.params_json = dump_json(params);
  row.template_params_json = dump_json(k.template_params);
  row.instantiations_json = dump_json(k.instantiations);
  row.launches_json = dump_json(launches);
  row.comment = k.comment;
  return row;
}

void store_file(db::Database& db, const db::SourceFile& f, FileResult& r, Dialect dialect, const ExtractOptions& o,
                RepoContext& ctx, Shared& shared) {
  std::size_t stored = 0;
  db.transaction([&] {
    for (auto& k : r.kernels) {
      if (!o.kernel.empty() && k.name != o.kernel && k.qualified_name != o.kernel) continue;
      if (k.is_template && k.instantiations.empty()) {
        k.instantiations = ctx.instantiations_of(k.name);
        k.unit = append_instantiations(k.unit, k.qualified_name, k.instantiations);
      }
      std::vector<db::DepRow> deps;
      for (const auto& d : k.deps) deps.push_back({d.kind, d.name, d.source});
      auto id = db::insert_kernel(db, kernel_row(k, f, dialect_for_unit(k.unit, dialect), ctx.launches_of(k.name)), deps,
                                  k.unit, dump_json(analysis_to_json(k.analysis)));
      db::kernel_reached(db, id, Stage::Extracted);
      ++stored;
    }
    if (!o.kernel.empty()) return;  // other kernels of the file are still to come
    std::string note;
    if (!r.stubbed.empty()) note = std::to_string(r.stubbed.size()) + " include(s) stubbed";
    db::set_file_extract_status(db, f.id, r.ok ? "ok" : "failed", r.ok ? note : r.error);
  });
  std::lock_guard lock(shared.mutex);
  shared.report.kernels += stored;
  shared.report.parse_ms += r.parse_ms;
  shared.report.closure_ms += r.closure_ms;
  shared.report.analysis_ms += r.analysis_ms;
  if (!r.ok) {
    ++shared.report.files_failed;
    shared.fail(f.repo_name + "/" + f.path + ": " + r.error);
  }
}

bool mentions(const db::SourceFile& f, const std::string& name) {
  try {
    return read_file(fs::path(f.worktree) / f.path).find(name) != std::string::npos;
  } catch (const std::exception&) {
    return true;  // let the worker report the problem
  }
}

// Records a file over a parse limit as skipped, with the reason, instead of
// handing it to a parser worker; true when it was skipped.
bool skip_over_limits(db::Database& db, const db::SourceFile& f, const ExtractOptions& o, Shared& shared) {
  auto why = parse_limit_violation(fs::path(f.worktree) / f.path, o.limits);
  if (!why) return false;
  spdlog::warn("skip {}/{}: {}", f.repo_name, f.path, *why);
  db::set_file_extract_status(db, f.id, "skipped", *why);
  std::lock_guard lock(shared.mutex);
  ++shared.report.files_skipped;
  return true;
}

void extract_files(const fs::path& db_path, const ExtractOptions& o, Shared& shared) {
  std::vector<db::SourceFile> files;
  {
    db::Database db(db_path);
    files = db::files_to_extract(db, {o.repo, !o.kernel.empty()});
  }
  if (!o.kernel.empty()) std::erase_if(files, [&](const auto& f) { return !mentions(f, o.kernel); });
  shared.report.files = files.size();
  if (files.empty()) return;
  RepoContexts contexts(db_path);
  Progress progress("extract", files.size());
  parallel_for_each(files, o.jobs, [&](const db::SourceFile& f) {
    db::Database db(db_path);
    if (skip_over_limits(db, f, o, shared)) {
      progress.advance(1, false);
      return;
    }
    FileResult r;
    RepoContext* ctx = nullptr;
    Dialect dialect = Dialect::Cuda;
    try {
      ctx = &contexts.get(f);
      auto rq = ctx->request_for(f, o.stub_retries);
      dialect = rq.dialect;
      r = extract_file_isolated(rq, f.path, std::chrono::seconds(o.timeout_s));
    } catch (const std::exception& e) {
      r.path = f.path;
      r.error = e.what();
    }
    try {
      if (ctx)
        store_file(db, f, r, dialect, o, *ctx, shared);
      else
        db::set_file_extract_status(db, f.id, "failed", r.error);
    } catch (const std::exception& e) {
      std::lock_guard lock(shared.mutex);
      ++shared.report.files_failed;
      shared.fail(f.path + ": " + e.what());
    }
    progress.advance(1, !r.ok);
  });
  progress.finish();
}

}  // namespace

ExtractReport extract_all(const fs::path& db_path, const ExtractOptions& o) {
  auto t0 = Clock::now();
  Shared shared;
  extract_files(db_path, o, shared);
  if (o.compile) check_units(db_path, o, shared.report);
  shared.report.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  return shared.report;
}

std::string describe_report(const ExtractReport& r) {
  std::ostringstream out;
  out << "extract: " << r.files << " file(s), " << r.files_failed << " failed"
      << (r.files_skipped ? ", " + std::to_string(r.files_skipped) + " skipped (parse limits)" : "") << "; " << r.kernels << " kernel(s) extracted";
  if (r.checked || r.skipped)
    out << "; standalone: " << r.standalone_ok << "/" << r.checked << " compile alone" << (r.skipped ? ", " : "")
        << (r.skipped ? std::to_string(r.skipped) + " skipped (no compiler)" : "");
  if (r.hip_translated) out << "; HIP translations: " << r.hip_ok << "/" << r.hip_translated << " compile";
  out << "\n";
  for (const auto& f : r.failures) out << "  " << f << "\n";
  return out.str();
}

}  // namespace kq::extractor
