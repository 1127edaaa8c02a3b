// `kquarry eval`: scores a model's samples against a release; exit 0 (all
// correct and at least as fast), 1 (correct, some slower), 2 (some incorrect).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/fs.hpp"
#include "curation/evaluator.hpp"

namespace kq::cli {
namespace {

struct EvalArgs {
  std::string release, samples, backend = "auto", results;
  double min_margin = 0.05;
  bool no_timing = false;
};

int run_eval(Context& ctx, const EvalArgs& args) {
  curation::EvalOptions o;
  o.release_dir = args.release;
  o.samples = args.samples;
  o.backend = args.backend;
  o.jobs = ctx.jobs();
  o.min_margin = args.min_margin;
  o.timing = !args.no_timing;
  o.test.run_timeout = std::chrono::seconds(ctx.config.get_int("verifier.run_timeout_s"));
  o.test.compile_timeout = std::chrono::seconds(ctx.config.get_int("verifier.compile_timeout_s"));
  o.test.cuda_arch = ctx.config.get("verifier.cuda_arch");
  o.test.pch_dir = ctx.cache_dir() / "curation" / "pch";
  o.test.result_cache_dir = ctx.cache_dir();
  auto rep = curation::evaluate(o);
  std::string results = args.results.empty() ? args.samples + ".results.json" : args.results;
  write_file_atomic(results, rep.to_json().dump(2) + "\n");
  if (ctx.opts.json) {
    std::cout << rep.to_json().dump(2) << "\n";
  } else {
    for (const auto& s : rep.samples) {
      std::cout << s.task_id << " " << s.dialect << " " << s.verdict;
      if (s.timed) std::printf(" (speedup %.2fx%s)", s.speedup, s.significant ? "" : ", within noise");
      std::cout << (s.reason.empty() ? "" : ": " + s.reason.substr(0, 200)) << "\n";
    }
    std::cout << "summary: " << rep.summary.dump() << "\n";
    std::cout << "results: " << results << "\n";
  }
  return rep.exit_code;
}

}  // namespace

void add_eval_command(CLI::App& app, Context& ctx) {
  static EvalArgs args;
  auto* cmd = app.add_subcommand("eval", "Score a model's samples against a release");
  cmd->add_option("--release", args.release, "release folder (release-V/)")->required()->transform(absolute_path_option());
  cmd->add_option("--samples", args.samples, "JSONL of {task_id, dialect, completion | solution}")->required()->transform(absolute_path_option());
  cmd->add_option("--backend", args.backend, "cpu-sim, cuda, hip-amd, hip-nvidia or auto")->capture_default_str();
  cmd->add_option("--results", args.results, "per-sample results JSON (default: SAMPLES.results.json)")
      ->transform(absolute_path_option());
  cmd->add_option("--min-margin", args.min_margin,
                  "slower: candidate above reference * (1 + max(this, 3 * reference-vs-reference noise))")
      ->capture_default_str();
  cmd->add_flag("--no-timing", args.no_timing, "check correctness only");
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return run_eval(c, args); }; });
}

}  // namespace kq::cli
