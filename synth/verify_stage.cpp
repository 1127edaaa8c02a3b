#include "synth/verify_stage.hpp"

#include <mutex>
#include <optional>
#include <regex>
#include <utility>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/log.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "db/stage_events.hpp"
#include "synth/builtin_search.hpp"
#include "testgen/cases.hpp"
#include "verifier/backend.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

db::VerificationRow row_of(const verify::CaseResult& r, const std::string& case_name) {
  db::VerificationRow row;
  row.backend = r.backend;
  row.status = std::string(to_string(r.status));
  row.stage = r.stage;
  row.log = r.log;
  row.wall_ms = r.wall_ms;
  if (r.kernel_ms >= 0) {
    row.kernel_us = r.kernel_ms * 1000.0;
    row.ref_us = r.kernel_ms * 1000.0;  // the reference is the kernel itself
  }
  row.case_name = case_name;
  return row;
}

void fail(VerifyOutcome& o, const std::string& status, const std::string& stage, const std::string& reason,
          const std::string& message) {
  o.passed = false;
  o.status = status;
  o.reason = reason;
  Feedback f;
  f.stage = stage;
  f.status = status;
  f.message = message;
  o.feedback = f;
}

bool is_timing(const LaunchSpec& spec) { return spec.name == testgen::kTimingCase; }

// Whether the kernel accumulates through atomics, the one way a correct
// kernel's floating-point output depends on the order threads run in. The
// unit is read too, since atomics in a device function it calls count.
bool accumulates_atomically(const KernelInput& k) {
  static const std::regex call(R"(\b(atomic[A-Z]\w*|unsafeAtomic\w*|__hip_atomic\w*)\s*\()");
  return k.analysis.has(Feature::atomics) || std::regex_search(k.unit_source, call);
}

// The golden output folder of one case, or the reason there is none; sets
// `tolerance` when the case passes only with a tolerance widened to the spread
// of its outputs across schedules.
std::optional<std::filesystem::path> golden_for(const KernelInput& k, const LaunchSpec& spec, const std::string& golden,
                                                const verify::VerifierOptions& options,
                                                const std::filesystem::path& dir, VerifyOutcome& o,
                                                std::optional<CompareSpec>& tolerance) {
  if (golden.empty()) {
    verify::ScheduleCheckOptions check;
    check.tolerate_order = accumulates_atomically(k);
    auto checked = verify::check_schedules(k.unit_source, k.dialect, spec, dir / "golden", options, check);
    tolerance = checked.tolerance;
    auto& det = checked.result;
    det.backend = verify::host_backend().name;
    if (det.status == VerifyStatus::Nondeterministic) {
      auto row = row_of(det, spec.name);
      o.rows.push_back(row);
      fail(o, "nondeterministic", "golden",
           "nondeterministic: cpu-sim output of case " + spec.name + " depends on the thread schedule: " +
               log_excerpt(det.log, 300),
           det.log);
      return std::nullopt;
    }
    if (!det.passed()) {
      o.rows.push_back(row_of(det, spec.name));
      fail(o, std::string(to_string(det.status)), det.stage == "run" ? "run" : "compile",
           std::string(to_string(det.status)) + " in case " + spec.name + " on cpu-sim (golden): " +
               log_excerpt(det.log),
           det.log);
      return std::nullopt;
    }
    return dir / "golden" / "forward";
  }
  auto g = verify::run_golden(golden, spec, dir / "golden", options);
  if (!g.passed()) {
    g.backend = "golden";
    o.rows.push_back(row_of(g, spec.name));
    fail(o, std::string(to_string(g.status)), "golden",
         std::string(to_string(g.status)) + " in case " + spec.name + " of the CPU golden: " + log_excerpt(g.log),
         g.log);
    return std::nullopt;
  }
  return dir / "golden";
}

}  // namespace

std::pair<std::vector<std::string>, std::vector<std::string>> runnable_backends(
    const std::vector<std::string>& selected, const verify::VerifierOptions& options) {
  for (const auto& b : selected) verify::backend_named(b);  // throws for an unknown name
  auto can = verify::available_backends(options, true);
  std::vector<std::string> run, skip;
  for (const auto& b : selected)
    (std::find(can.begin(), can.end(), b) != can.end() ? run : skip).push_back(b);
  return {run, skip};
}

std::vector<LaunchSpec> cases_from_tests_json(const std::string& tests) {
  std::vector<LaunchSpec> out;
  auto j = json::parse(tests);
  for (const auto& c : j) out.push_back(launch_spec_from_json(c));
  return out;
}

namespace {

// The source a backend runs: the unit in its own dialect, or for the HIP
// backends a CUDA unit's HIP translation. None when the backend cannot take it.
std::optional<std::pair<std::string, Dialect>> source_for_backend(const KernelInput& k, const verify::Backend& b) {
  if (b.takes(k.dialect)) return std::make_pair(k.unit_source, k.dialect);
  if (b.runs_hip() && !k.hip_unit_source.empty()) return std::make_pair(k.hip_unit_source, Dialect::Hip);
  return std::nullopt;
}
}  // namespace

VerifyOutcome verify_synthesis(const KernelInput& k, const std::vector<LaunchSpec>& cases, const std::string& golden,
                               const std::vector<std::string>& backends, const verify::VerifierOptions& options,
                               const std::filesystem::path& work_dir) {
  VerifyOutcome o;
  if (cases.empty()) {
    fail(o, "runtime_error", "golden", "the synthesis has no test cases", "no test cases");
    return o;
  }
  o.cases = cases;
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    LaunchSpec spec = cases[ci];
    auto dir = work_dir / spec.name;
    std::optional<CompareSpec> tolerance;
    auto golden_dir = golden_for(k, spec, golden, options, dir, o, tolerance);
    if (!golden_dir) return o;
    if (tolerance) {
      spec.compare = *tolerance;
      o.cases[ci] = spec;
      o.cases_changed = true;
    }
    for (const auto& backend : backends) {
      const auto& b = verify::backend_named(backend);
      auto source = source_for_backend(k, b);
      if (!source) continue;
      auto opts = options;
      opts.timing = is_timing(spec) && b.gpu();
      auto r = verify::run_spec(source->first, source->second, spec, backend, dir / backend, opts);
      r.backend = backend;
      if (r.passed()) {
        // cpu-sim against the kernel's own cpu-sim golden is the same code run twice.
        auto mode = b.sim && golden.empty() ? verify::CompareMode::SameCode
                                            : verify::CompareMode::AcrossImplementations;
        auto cmp = verify::compare_outputs(*golden_dir, r.out_dir, spec, mode);
        if (!cmp.equal) {
          r.status = VerifyStatus::Mismatch;
          r.stage = "compare";
          r.log = cmp.first_diff + " (" + std::to_string(cmp.mismatches) + " elements differ)";
        }
      }
      o.rows.push_back(row_of(r, spec.name));
      if (!r.passed() && o.status == "pass") {
        std::string status(to_string(r.status));
        fail(o, status, r.stage, status + " in case " + spec.name + " on " + backend + ": " + log_excerpt(r.log),
             "case " + spec.name + " on " + backend + ": " + r.log);
      }
    }
  }
  o.passed = o.status == "pass";
  return o;
}

StageReport verify_all(const std::filesystem::path& db_path, const StageOptions& options) {
  StageReport report;
  report.stage = "verify";
  auto selected = options.backends.empty() ? std::vector<std::string>{std::string(verify::host_backend().name)}
                                           : options.backends;
  auto [run, skip] = runnable_backends(selected, options.verifier);
  report.backends = run;
  report.skipped_backends = skip;
  for (const auto& b : skip) spdlog::warn("backend {} cannot run on this machine; its cases are not run", b);
  if (run.empty()) throw UsageError("none of the selected backends can run here");
  auto ids = select_kernels(db_path, db::StageQueue::Verify, options);
  report.selected = ids.size();
  Progress progress("verify", ids.size());
  std::mutex mutex;
  parallel_for_each(ids, std::max(1u, options.jobs), [&](std::int64_t id) {
    KernelOutcome out;
    out.kernel_id = id;
    try {
      db::Database db(db_path);
      auto input = load_kernel_input(db, id);
      out.name = input.name;
      auto synthesis = db::latest_ok_synthesis(db, id);
      if (!synthesis) throw Error("kernel " + input.name + " has no successful synthesis");
      out.synthesizer = synthesis->synthesizer;
      auto scratch = options.cache_dir / "verify-runs";
      std::filesystem::create_directories(scratch);
      auto dir = make_temp_dir(scratch, "k" + std::to_string(id) + "-");
      auto result = verify_synthesis(input, cases_from_tests_json(synthesis->tests), synthesis->golden, run,
                                     options.verifier, dir);
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
      db.transaction([&] {
        db::delete_verifications(db, synthesis->id);
        if (result.cases_changed) {
          json tests = json::array();
          for (const auto& c : result.cases) tests.push_back(launch_spec_to_json(c));
          db::update_synthesis_tests(db, synthesis->id, tests.dump());
        }
        for (auto row : result.rows) {
          row.synthesis_id = synthesis->id;
          db::insert_verification(db, row);
        }
      });
      if (result.passed) {
        db::kernel_reached(db, id, Stage::Verified, "all cases pass on " + std::to_string(run.size()) + " backend(s)");
        out.status = "ok";
      } else {
        db::kernel_failed(db, id, Stage::Verified, result.reason);
        out.status = result.status == "nondeterministic" ? "nondeterministic" : "failed";
        out.reason = result.reason;
      }
    } catch (const std::exception& e) {
      record_stage_exception(db_path, id, Stage::Verified, e, out);
    }
    std::lock_guard lock(mutex);
    tally(report, out);
    progress.advance(1, out.status != "ok");
  });
  progress.finish();
  return report;
}

}  // namespace kq::synth
