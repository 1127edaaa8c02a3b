// `kquarry sim UNIT --spec SPEC.json --backend B --out DIR [--schedule S]` runs
// one launch spec by hand; `kquarry sim --compare DIR1 DIR2 --spec SPEC.json`
// compares two runs with the spec's tolerances (DESIGN.md, "The launch spec").
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/launch_spec.hpp"
#include "core/types.hpp"
#include "verifier/backend.hpp"
#include "verifier/verifier.hpp"

namespace kq::cli {
namespace {

struct SimArgs {
  std::string unit;
  std::string spec;
  std::string backend = "cpu-sim";
  std::string out;
  std::string schedule;
  std::string dialect;  // empty: from the file name, then the includes
  bool timing = false;
  std::vector<std::string> compare;
};

Dialect unit_dialect(const std::string& path, const std::string& source, const std::string& flag) {
  if (!flag.empty()) {
    auto d = dialect_from_string(flag);
    if (!d) throw UsageError("--dialect must be cuda or hip, not '" + flag + "'");
    return *d;
  }
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".hip") return Dialect::Hip;
  if (ext == ".cu" || ext == ".cuh") return Dialect::Cuda;
  bool hip = source.find("hip/hip_runtime.h") != std::string::npos || source.find("hipLaunchKernelGGL") != std::string::npos;
  return hip ? Dialect::Hip : Dialect::Cuda;
}

int run_compare(const SimArgs& a) {
  auto spec = load_launch_spec(a.spec);
  auto c = verify::compare_outputs(a.compare[0], a.compare[1], spec);
  if (c.equal) {
    std::cout << "outputs agree (rtol " << spec.compare.rtol << ", atol " << spec.compare.atol << ")\n";
    return to_int(ExitCode::Ok);
  }
  std::cout << c.mismatches << " element(s) differ; first: " << c.first_diff << "\n";
  return to_int(ExitCode::SomeFailed);
}

int run_sim(Context& ctx, const SimArgs& a) {
  if (!a.compare.empty()) return run_compare(a);
  if (a.unit.empty() || a.out.empty()) throw UsageError("sim needs UNIT and --out DIR (or --compare DIR1 DIR2)");
  auto source = read_file(a.unit);
  auto spec = load_launch_spec(a.spec);
  auto options = verify::VerifierOptions::from_config(ctx.config, ctx.cache_dir());
  options.timing = a.timing;
  auto r = verify::run_spec(source, unit_dialect(a.unit, source, a.dialect), spec, a.backend, a.out, options,
                            a.schedule);
  if (!ctx.opts.quiet) {
    std::cout << a.backend << ": " << to_string(r.status);
    if (!r.passed()) std::cout << " (" << r.stage << ")";
    if (r.kernel_ms >= 0) std::cout << ", kernel " << r.kernel_ms << " ms";
    std::cout << ", " << r.wall_ms << " ms" << (r.cache_hit ? " (cached build)" : "") << "\n";
    if (!r.passed()) std::cout << r.log << (r.log.empty() || r.log.back() == '\n' ? "" : "\n");
  }
  return to_int(r.passed() ? ExitCode::Ok : ExitCode::RunFailed);
}

}  // namespace

void add_sim_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SimArgs>();
  auto* cmd = app.add_subcommand("sim", "Run one launch spec of a unit on a backend, or compare two runs");
  cmd->add_option("unit", args->unit, "standalone CUDA or HIP source file")->transform(absolute_path_option());
  cmd->add_option("--spec", args->spec, "launch spec (JSON)")->required()->check(CLI::ExistingFile)->transform(absolute_path_option());
  static const std::string backend_help = "one of: " + verify::backend_name_list();
  cmd->add_option("--backend", args->backend, backend_help)->capture_default_str();
  cmd->add_option("--out", args->out, "output folder: <name>.npy, result.json, the wrapper")->transform(absolute_path_option());
  cmd->add_option("--schedule", args->schedule, "cpu-sim thread order: forward, reverse or shuffle:SEED");
  cmd->add_option("--dialect", args->dialect, "cuda or hip (default: from the file name)");
  cmd->add_flag("--timing", args->timing, "time launches after the correctness run");
  cmd->add_option("--compare", args->compare, "compare two output folders: --compare DIR1 DIR2")->expected(2)->transform(absolute_path_option());
  cmd->callback([&ctx, args] { ctx.run = [args](Context& c) { return run_sim(c, *args); }; });
}

}  // namespace kq::cli
