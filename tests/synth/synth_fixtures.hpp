#pragma once
// A database holding hand-written kernels at stage `analyzed`, as the
// extractor leaves them, for the synthesis and verification stage tests.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/config.hpp"
#include "db/database.hpp"
#include "synth/builtin_synth.hpp"
#include "synth/stage_common.hpp"
#include "tests/support/test_support.hpp"

namespace kq::synth::fixtures {

// Stage options of the default configuration: one job, cpu-sim only, the
// cache under `dir`.
inline StageOptions cpu_sim_stage_options(const std::filesystem::path& dir) {
  static const Config config;
  auto o = stage_options_from_config(config, dir / "cache");
  o.jobs = 1;
  o.backends = {"cpu-sim"};
  return o;
}

inline void add_repo_and_file(db::Database& db) {
  db.exec("INSERT OR IGNORE INTO repos(id, url, name) VALUES(1, 'fixture', 'fixture')");
  db.exec("INSERT OR IGNORE INTO snapshots(id, repo_id, commit_sha, complete) VALUES(1, 1, 'abc', 1)");
  db.exec("INSERT OR IGNORE INTO files(id, snapshot_id, path, sha256, size, language) VALUES(1, 1, 'k.cu', 'x', 1, 'cuda')");
}

// Inserts one analyzed kernel whose unit is `unit`; returns its id.
inline std::int64_t add_kernel(db::Database& db, const std::string& name, const std::string& unit,
                               const KernelAnalysis& analysis, int line) {
  add_repo_and_file(db);
  db.prepare(
        "INSERT INTO kernels(file_id, name, qualified_name, dialect, line_begin, line_end, signature, source, "
        "content_hash, stage, launches_json, instantiations_json) VALUES(1,?,?,'cuda',?,?,'',?,?,'analyzed','[]','[]')")
      .bind_all(name, name, line, line + 1, unit, name + std::to_string(line))
      .exec();
  auto id = db.last_insert_id();
  db.prepare("INSERT INTO units(kernel_id, source, standalone_ok) VALUES(?,?,1)").bind_all(id, unit).exec();
  db.prepare("INSERT INTO analysis(kernel_id, json) VALUES(?,?)")
      .bind_all(id, analysis_to_json(analysis).dump())
      .exec();
  return id;
}

// The builtin synthesizer with its cpu-sim probes and example run, working in `dir`.
inline Synthesis synthesize_with_probes(const KernelInput& k, const test::TempDir& dir) {
  BuiltinOptions o;
  o.verifier.cache_dir = dir / "cache";
  o.work_dir = dir / "work";
  return BuiltinSynthesizer(o).synthesize(k, std::nullopt);
}

inline ParamAnalysis ptr(const std::string& name, const std::string& elem, bool reads, bool writes,
                         std::vector<std::string> index) {
  ParamAnalysis p;
  p.name = name;
  p.elem_type = elem;
  p.type = (writes ? "" : "const ") + elem + " *";
  p.is_pointer = true;
  p.is_const = !writes;
  p.reads = reads;
  p.writes = writes;
  p.index_exprs = std::move(index);
  return p;
}

inline ParamAnalysis size(const std::string& name, std::vector<std::string> bounds) {
  ParamAnalysis p;
  p.name = name;
  p.type = p.elem_type = "int";
  p.size_like = true;
  p.bounds = std::move(bounds);
  return p;
}

inline ParamAnalysis scalar(const std::string& name, const std::string& type) {
  ParamAnalysis p;
  p.name = name;
  p.type = p.elem_type = type;
  return p;
}

inline const char* kSaxpyUnit =
    "#include <cuda_runtime.h>\n"
    "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = a * x[i] + y[i];\n"
    "}\n";

inline KernelAnalysis saxpy_analysis() {
  KernelAnalysis a;
  a.index_pattern = "1d";
  a.params = {size("n", {"i < n"}), scalar("a", "float"), ptr("x", "float", true, false, {"i"}),
              ptr("y", "float", true, true, {"i"})};
  a.stores = {"y[i] = a * x[i] + y[i]"};
  return a;
}

}  // namespace kq::synth::fixtures
