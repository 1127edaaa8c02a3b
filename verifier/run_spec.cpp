// run_spec, run_golden and check_determinism: render, compile (cached), run,
// classify, and record the outcome in <out_dir>/result.json.
#include <chrono>
#include <fstream>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/result_cache.hpp"
#include "core/text.hpp"
#include "runtime/kq/sim_tooling.hpp"
#include "verifier/classify.hpp"
#include "verifier/compare_printed.hpp"
#include "verifier/compile_cache.hpp"
#include "verifier/run_program.hpp"
#include "verifier/verifier.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::verify {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxLog = 64 * 1024;

std::string cap_log(std::string log) {
  if (log.size() <= kMaxLog) return log;
  // The start names the first error; the end says how the process ended.
  return log.substr(0, kMaxLog / 2) + "\n[... " + std::to_string(log.size() - kMaxLog) + " bytes left out ...]\n" +
         log.substr(log.size() - kMaxLog / 2);
}

// Removes what an earlier run left, so every file in the folder is this run's.
void clear_outputs(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    auto ext = e.path().extension();
    auto name = e.path().filename();
    if (ext == ".npy" || name == "result.json" || name == kPrintedFile) std::filesystem::remove(e.path(), ec);
  }
}

// The program's own result.json: its status, device, kernel time, error text.
json read_program_result(const std::filesystem::path& dir) {
  try {
    return json::parse(read_file(dir / "result.json", 1u << 20));
  } catch (const std::exception&) {
    return json::object();
  }
}

// A string field of the program's result.json; empty when absent or not a string.
std::string text_field(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::int64_t since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The key of one run: the program (its compile key), the case it reads, the
// environment and limits it runs under, and for GPU programs the devices.
// KQ_SIM_THREADS is left out: schedules that matter are named in `env`
// (KQ_SIM_SCHEDULE) and checked by check_determinism.
std::string run_key(const std::string& program_key, const Toolchain& t, const std::string& case_text,
                    const VerifierOptions& o, const std::map<std::string, std::string>& env) {
  std::string env_text, devices;
  for (const auto& [k, v] : env)
    if (!(k == "KQ_SIM_SCHEDULE" && v == "forward")) env_text += k + "=" + v + "\n";  // forward is the default
  if (t.gpu)
    for (const auto& d : t.backend == "hip-amd" ? amd_devices() : nvidia_devices()) devices += d + "\n";
  const std::string limits = std::to_string(o.memory_mb) + "," + std::to_string(o.file_size_mb) + "," +
                             std::to_string(o.max_processes) + "," + std::to_string(o.run_timeout.count());
  return result_key("run-v1", {program_key, case_text, env_text, devices, limits});
}

nlohmann::json run_record(const CaseResult& r) {
  return {{"status", std::string(to_string(r.status))}, {"stage", r.stage}, {"log", r.log},
          {"kernel_ms", r.kernel_ms}, {"device", r.device}};
}

// A run of the same program on the same case, restored from the cache into out_dir.
std::optional<CaseResult> cached_run(const ResultCache& cache, const std::string& key, CaseResult r) {
  clear_outputs(r.out_dir);
  auto record = cache.get(key, r.out_dir);
  if (!record) return std::nullopt;
  auto status = verify_status_from_string(record->value("status", ""));
  if (!status) return std::nullopt;
  r.status = *status;
  r.stage = record->value("stage", "run");
  r.log = record->value("log", "");
  r.kernel_ms = record->value("kernel_ms", -1.0);
  r.device = record->value("device", "");
  r.cache_hit = true;
  return r;
}

// The output files of a run: the buffers written back, the printed lines.
std::vector<std::string> output_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".npy" || e.path().filename() == kPrintedFile)
      out.push_back(e.path().filename().string());
  return out;
}

// Runs the compiled program in out_dir and classifies the outcome.
void run_compiled(const std::filesystem::path& executable, const Toolchain& t, CaseResult& r, const VerifierOptions& o,
                  std::map<std::string, std::string> env) {
  clear_outputs(r.out_dir);
  auto run = run_program(executable, r.out_dir, t, o, std::move(env));
  auto program = read_program_result(r.out_dir);
  r.stage = "run";
  r.status = classify_run(run);
  r.log = cap_log(run_log(run));
  r.device = text_field(program, "device");
  if (r.device.empty() && !t.gpu) r.device = "host CPU";
  r.kernel_ms = program.contains("kernel_ms") && program["kernel_ms"].is_number() ? program["kernel_ms"].get<double>() : -1;
  std::string program_status = text_field(program, "status");
  if (r.status == VerifyStatus::Pass && program_status != "pass") {
    // Exit 0 without the program's own "pass" means it stopped half way.
    r.status = VerifyStatus::RuntimeError;
    std::string error = text_field(program, "error");
    r.log += (r.log.empty() ? "" : "\n") +
             (error.empty() ? std::string("the program ended without reporting success") : error);
  } else if (r.status != VerifyStatus::Pass && program.contains("error")) {
    std::string error = text_field(program, "error");
    if (!error.empty() && r.log.find(error) == std::string::npos) r.log = error + "\n" + r.log;
  }
}

// Compiles `files` with the toolchain and runs the program, reading
// `case_text`, in out_dir; both steps are answered from the cache when they
// were done before.
CaseResult build_and_run(const Toolchain& t, const std::map<std::string, std::string>& files,
                         const std::string& case_text, CaseResult r, const VerifierOptions& o,
                         std::map<std::string, std::string> env) {
  auto started = Clock::now();
  const ResultCache cache(o.cache_dir);
  const std::string key = run_key(compile_key(t, files), t, case_text, o, env);
  if (auto hit = cached_run(cache, key, r)) {
    hit->wall_ms = since(started);
    write_result_json(*hit);
    return *hit;
  }
  auto compiled = compile_cached(t, files, o);
  r.cache_hit = compiled.cache_hit;
  if (compiled.status != VerifyStatus::Pass) {
    r.status = compiled.status;
    r.stage = compiled.status == VerifyStatus::LinkError ? "link" : "compile";
    r.log = cap_log(compiled.log);
    r.wall_ms = since(started);
    write_result_json(r);
    return r;
  }
  run_compiled(compiled.executable, t, r, o, std::move(env));
  r.wall_ms = since(started);
  write_result_json(r);
  // A run stopped by the clock may finish another time, on a quieter machine.
  if (r.status != VerifyStatus::Timeout) cache.put(key, run_record(r), r.out_dir, output_files(r.out_dir));
  return r;
}

CaseResult fail_before_compile(CaseResult r, const std::string& why) {
  r.status = VerifyStatus::CompileError;
  r.stage = "compile";
  r.log = why;
  std::filesystem::create_directories(r.out_dir);
  write_result_json(r);
  return r;
}

}  // namespace

void write_result_json(const CaseResult& r) {
  json j{{"case", r.case_name},
         {"backend", r.backend},
         {"status", std::string(to_string(r.status))},
         {"stage", r.stage},
         {"kernel_ms", r.kernel_ms < 0 ? json(nullptr) : json(r.kernel_ms)},  // null: not measured
         {"wall_ms", r.wall_ms},
         {"device", r.device},
         {"cache_hit", r.cache_hit},
         {"error", r.passed() ? "" : r.log}};
  write_file_atomic(r.out_dir / "result.json", j.dump(2) + "\n");
}

CaseResult run_spec(const std::string& unit_source, Dialect dialect, const LaunchSpec& spec,
                    const std::string& backend, const std::filesystem::path& out_dir, const VerifierOptions& o,
                    const std::string& schedule) {
  Toolchain t = toolchain_for(backend, dialect, o);
  if (t.compiler.empty())
    throw Error("backend " + backend + " cannot compile on this machine: compiler not found");
  // cpu-sim defines each `extern __shared__` array the unit declares
  // (runtime/kq/sim/dynamic_shared.hpp) and refuses blocks larger than a
  // kernel's __launch_bounds__ or with more static and dynamic shared memory
  // than a block has (runtime/kq/sim/limits.hpp), as the GPU does.
  if (t.sim) {
    const std::string names = join(sim_tooling::extern_shared_names(unit_source), ",");
    const std::string bounds = join(sim_tooling::launch_bounds(unit_source), ",");
    const std::string statics = join(sim_tooling::static_shared_bytes(unit_source), ",");
    if (!names.empty()) t.flags.insert(t.flags.begin(), "-DKQ_SIM_EXTERN_SHARED_NAMES=" + names);
    if (!bounds.empty()) t.flags.insert(t.flags.begin(), "-DKQ_SIM_LAUNCH_BOUNDS=\"" + bounds + "\"");
    if (!statics.empty()) t.flags.insert(t.flags.begin(), "-DKQ_SIM_STATIC_SHARED=\"" + statics + "\"");
  }
  CaseResult r;
  r.case_name = spec.name;
  r.backend = backend;
  r.out_dir = out_dir;

  wrapper_gen::WrapperOptions w;
  w.dialect = dialect;
  w.sim = t.sim;
  w.timing = o.timing;
  w.timed_launches = o.timed_launches;
  w.unit_include = t.unit_file;
  // The executable is the spec-driven runner: it depends on the kernel's shape
  // only, so every case of that shape is one compile. The case's values go to
  // case.txt, and the baked wrapper (same outputs, values written out) stays
  // next to them so a failure can be read and rerun on its own.
  std::map<std::string, std::string> files;
  std::string baked, case_text;
  try {
    baked = wrapper_gen::render_wrapper(spec, w);
    case_text = wrapper_gen::render_case_file(spec);
    files[t.wrapper_file] = wrapper_gen::render_runner(spec, w);
    files[t.unit_file] = t.sim ? wrapper_gen::rewrite_launches_for_sim(unit_source) : unit_source;
  } catch (const Error& e) {
    return fail_before_compile(r, std::string("cannot render the wrapper: ") + e.what());
  }
  std::filesystem::create_directories(out_dir);
  write_file_atomic(out_dir / t.wrapper_file, baked);
  write_file_atomic(out_dir / wrapper_gen::kCaseFile, case_text);

  std::map<std::string, std::string> env;
  if (!schedule.empty()) env["KQ_SIM_SCHEDULE"] = schedule;
  return build_and_run(t, files, case_text, r, o, env);
}

CaseResult run_golden(const std::string& golden_source, const LaunchSpec& spec,
                      const std::filesystem::path& out_dir, const VerifierOptions& o) {
  Toolchain t = golden_toolchain(o);
  if (t.compiler.empty()) throw Error("the host compiler '" + o.cxx + "' is not found");
  CaseResult r;
  r.case_name = spec.name;
  r.backend = "golden";
  r.out_dir = out_dir;
  std::map<std::string, std::string> files;
  std::string baked, case_text;
  try {
    baked = wrapper_gen::render_golden_host(spec, t.unit_file);
    case_text = wrapper_gen::render_case_file(spec);
    files[t.wrapper_file] = wrapper_gen::render_golden_runner(spec, t.unit_file);
  } catch (const Error& e) {
    return fail_before_compile(r, std::string("cannot render the golden host program: ") + e.what());
  }
  files[t.unit_file] = golden_source;
  std::filesystem::create_directories(out_dir);
  write_file_atomic(out_dir / t.wrapper_file, baked);
  write_file_atomic(out_dir / wrapper_gen::kCaseFile, case_text);
  return build_and_run(t, files, case_text, r, o, {});
}

CaseResult check_determinism(const std::string& unit_source, Dialect dialect, const LaunchSpec& spec,
                             const std::filesystem::path& out_dir, const VerifierOptions& o,
                             std::uint64_t shuffle_seed) {
  const std::vector<std::pair<std::string, std::string>> schedules = {
      {"forward", "forward"}, {"reverse", "reverse"},
      {"shuffle-" + std::to_string(shuffle_seed), "shuffle:" + std::to_string(shuffle_seed)}};
  auto started = Clock::now();
  CaseResult first;
  for (std::size_t i = 0; i < schedules.size(); ++i) {
    const auto& [folder, schedule] = schedules[i];
    auto r = run_spec(unit_source, dialect, spec, "cpu-sim", out_dir / folder, o, schedule);
    if (!r.passed()) {
      r.log = "schedule " + schedule + ": " + r.log;
      r.wall_ms = since(started);
      return r;
    }
    if (i == 0) {
      first = r;
      continue;
    }
    auto cmp = compare_outputs(out_dir / schedules[0].first, out_dir / folder, spec);
    if (!cmp.equal) {
      r.status = VerifyStatus::Nondeterministic;
      r.stage = "compare";
      r.log = "schedule " + schedule + " differs from forward: " + cmp.first_diff;
      r.wall_ms = since(started);
      write_result_json(r);
      return r;
    }
  }
  first.wall_ms = since(started);
  return first;
}

}  // namespace kq::verify
