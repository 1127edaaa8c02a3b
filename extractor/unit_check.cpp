#include "extractor/unit_check.hpp"

#include <mutex>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "db/kernels.hpp"
#include "db/stage_events.hpp"
#include "extractor/compile_check.hpp"
#include "extractor/hipify.hpp"
#include "extractor/language_standard.hpp"

namespace kq::extractor {
namespace {

using Clock = std::chrono::steady_clock;

struct HipOutcome {
  std::string source;
  std::optional<bool> ok;
  std::string log;
  bool translated = false;
};

HipOutcome hip_for_cuda_unit(UnitCompiler& compiler, const std::string& unit, const std::string& standard) {
  HipOutcome h;
  if (auto why = cuda_only_feature(unit)) {
    h.log = "not translated: uses " + *why;
    return h;
  }
  h.source = hipify(unit);
  h.translated = true;
  auto r = compiler.check(h.source, Dialect::Hip, standard);
  if (r.skipped) {
    h.log = r.log;
    return h;
  }
  h.ok = r.ok;
  h.log = r.log;
  if (!r.ok && uses_sync_warp_intrinsics(h.source))
    h.log = "hipcc of this ROCm lacks the __*_sync warp intrinsics the unit uses\n" + h.log;
  return h;
}

// The -std= value extraction recorded for the unit (KernelAnalysis::cxx_std).
std::string unit_standard(db::Database& db, std::int64_t id) {
  auto text = db::kernel_analysis_json(db, id);
  if (!text) return standard_flag(kDefaultStandard);
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return standard_flag(kDefaultStandard);
  return standard_flag(standard_year(analysis_from_json(j).cxx_std));
}

}  // namespace

std::string first_error(const std::string& log) {
  std::size_t pos = 0;
  while (pos < log.size()) {
    auto nl = log.find('\n', pos);
    std::string line = log.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (line.find("error") != std::string::npos) return line.substr(0, 400);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return log.substr(0, std::min<std::size_t>(log.find('\n'), 400));
}

void check_units(const std::filesystem::path& db_path, const ExtractOptions& o, ExtractReport& report) {
  std::vector<std::int64_t> ids;
  {
    db::Database db(db_path);
    ids = db::kernels_to_check(db, o.repo, o.kernel);
  }
  if (ids.empty()) return;
  UnitCompiler compiler(
      {o.cache_dir, o.cuda_arch, o.hip_arch, std::chrono::seconds(o.compile_timeout_s), o.compile_limits});
  std::mutex mutex;
  Progress progress("compile check", ids.size());
  parallel_for_each(ids, o.jobs, [&](std::int64_t id) {
    auto t0 = Clock::now();
    db::Database db(db_path);
    auto k = db::kernel_by_id(db, id);
    auto unit = db::kernel_unit(db, id);
    if (!k || !unit) return;
    Dialect d = k->dialect == "hip" ? Dialect::Hip : Dialect::Cuda;
    std::string standard = unit_standard(db, id);
    auto r = compiler.check(unit->source, d, standard);
    HipOutcome hip;
    if (d == Dialect::Cuda)
      hip = hip_for_cuda_unit(compiler, unit->source, standard);
    else
      hip = {unit->source, r.skipped ? std::nullopt : std::optional<bool>(r.ok), r.log, false};
    // A missing compiler does not fail the kernel: the other dialect's result stands in.
    bool ok = r.skipped ? hip.ok.value_or(false) : r.ok;
    db.transaction([&] {
      db::set_unit_check(db, id, ok, r.skipped && hip.ok ? r.log + "; standalone from the HIP translation" : r.log);
      db::set_unit_hip(db, id, hip.source, hip.ok, hip.log);
      if (ok) {
        db::kernel_reached(db, id, Stage::StandaloneOk);
        db::kernel_reached(db, id, Stage::Analyzed);
      } else if (!r.skipped) {
        db::kernel_failed(db, id, Stage::StandaloneOk, "unit does not compile alone: " + first_error(r.log));
      }
    });
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::lock_guard lock(mutex);
    report.compile_ms += ms;
    if (r.skipped && !hip.ok) {
      ++report.skipped;
    } else {
      ++report.checked;
      (ok ? report.standalone_ok : report.standalone_failed)++;
      if (!ok && report.failures.size() < 50) report.failures.push_back(k->qualified_name + ": " + first_error(r.log));
    }
    if (hip.translated) ++report.hip_translated;
    if (hip.translated && hip.ok.value_or(false)) ++report.hip_ok;
    progress.advance(1, !ok);
  });
  progress.finish();
}

}  // namespace kq::extractor
