// check_schedules: a case whose cpu-sim output changes with the thread
// schedule is run under more schedules, and the spread of its outputs says
// whether only the order of floating-point accumulation (atomic additions,
// reductions) moved them, and by how much.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

// `v` rounded up to two significant digits, so the tolerance reads plainly.
double round_up_two_digits(double v) {
  if (v <= 0) return v;
  double unit = std::pow(10.0, std::floor(std::log10(v)) - 1);
  return std::ceil(v / unit - 1e-9) * unit;
}

std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", v);
  return buf;
}

CompareSpec widened(const CompareSpec& base, const ScheduleSpread& sp, int schedules, double margin) {
  CompareSpec c = base;
  c.atol = std::max(base.atol, round_up_two_digits(margin * sp.max_abs));
  c.basis = "order of floating-point accumulation: outputs under " + std::to_string(schedules) +
            " thread schedules (forward, reverse, shuffled) differ by up to " + short_number(sp.max_abs) + " (" +
            short_number(sp.max_rel) + " of the largest value); atol is " + short_number(margin) + " times that";
  return c;
}

}  // namespace

ScheduleCheck check_schedules(const std::string& unit_source, Dialect dialect, const LaunchSpec& spec,
                              const std::filesystem::path& out_dir, const VerifierOptions& options,
                              const ScheduleCheckOptions& check) {
  ScheduleCheck out;
  out.result = check_determinism(unit_source, dialect, spec, out_dir, options);
  if (out.result.status != VerifyStatus::Nondeterministic || !check.tolerate_order) return out;
  // check_determinism ran forward and stopped at the first schedule that
  // differs (reverse or shuffle:1); the shuffles not run yet show the spread.
  std::vector<std::filesystem::path> runs = {out_dir / "reverse"};
  for (int seed = 1; seed <= 1 + check.extra_shuffles; ++seed) {
    auto folder = out_dir / ("shuffle-" + std::to_string(seed));
    runs.push_back(folder);
    if (std::filesystem::exists(folder / "result.json")) continue;
    auto r = run_spec(unit_source, dialect, spec, "cpu-sim", folder, options, "shuffle:" + std::to_string(seed));
    if (!r.passed()) {
      r.log = "schedule shuffle:" + std::to_string(seed) + ": " + r.log;
      out.result = r;
      return out;
    }
  }
  auto sp = measure_schedule_spread(out_dir / "forward", runs, spec);
  if (!sp.order_only) {
    out.result.log = "the output depends on the thread schedule beyond the order of floating-point accumulation: " +
                     sp.reason;
    write_result_json(out.result);
    return out;
  }
  const int schedules = static_cast<int>(runs.size()) + 1;
  out.tolerance = widened(spec.compare, sp, schedules, check.margin);
  out.result.status = VerifyStatus::Pass;
  out.result.stage = "run";
  out.result.out_dir = out_dir / "forward";
  out.result.log = out.tolerance->basis;
  return out;
}

}  // namespace kq::verify
