#include "curation/eval_build.hpp"

#include <csignal>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>

#include <unistd.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/result_cache.hpp"
#include "core/hash.hpp"
#include "core/subprocess.hpp"
#include "curation/eval_object_check.hpp"
#include "curation/eval_source_check.hpp"
#include "verifier/backend.hpp"
#include "verifier/toolchain.hpp"

namespace kq::curation {

namespace fs = std::filesystem;

namespace {

// The compile-only and link commands, derived from the backend's one-step
// test command (test_compile_command), so the compiler table stays in one place.
struct BuildCommands {
  std::vector<std::string> prefix;    // compiler and flags, before "-x LANG test.cpp"
  std::string language;
  std::vector<std::string> libraries; // -l... and -pthread of the one-step command
  bool nvcc = false;
};

BuildCommands split_command(const std::vector<std::string>& one_step) {
  BuildCommands b;
  auto src = std::find(one_step.begin(), one_step.end(), "test.cpp");
  if (src == one_step.end() || src - one_step.begin() < 2) throw Error("test command without `-x LANG test.cpp`");
  b.prefix.assign(one_step.begin(), src - 2);
  b.language = *(src - 1);
  for (auto it = src + 1; it != one_step.end(); ++it)
    if ((it->rfind("-l", 0) == 0 && *it != "-lgtest_main") || *it == "-pthread") b.libraries.push_back(*it);
  b.nvcc = fs::path(one_step.front()).filename() == "nvcc";
  return b;
}

std::vector<std::string> compile_command(const BuildCommands& b, const std::vector<std::string>& extra,
                                         const std::string& source, const std::string& object) {
  std::vector<std::string> cmd = b.prefix;
  cmd.insert(cmd.end(), extra.begin(), extra.end());
  cmd.insert(cmd.end(), {"-c", "-x", b.language, source, "-o", object});
  return cmd;
}

std::vector<std::string> link_command(const BuildCommands& b, const std::map<std::string, std::string>& defsyms) {
  std::vector<std::string> cmd{b.prefix.front()};
  for (const auto& f : b.prefix)
    if (f.rfind("-arch", 0) == 0 || f.rfind("--offload-arch", 0) == 0) cmd.push_back(f);
  cmd.insert(cmd.end(), {"harness.o", "candidate/candidate.o", "-o", "test"});
  for (const auto& [name, target] : defsyms) {
    if (b.nvcc) cmd.insert(cmd.end(), {"-Xlinker", "--defsym=" + name + "=" + target});
    else cmd.push_back("-Wl,--defsym=" + name + "=" + target);
  }
  cmd.insert(cmd.end(), b.libraries.begin(), b.libraries.end());
  return cmd;
}

std::vector<std::string> section_flags(const BuildCommands& b) {
  if (b.nvcc) return {"-Xcompiler", "-ffunction-sections,-fdata-sections"};
  return {"-ffunction-sections", "-fdata-sections"};
}

std::string tool_output(const std::vector<std::string>& cmd) {
  RunOptions ro;
  ro.timeout = std::chrono::seconds(120);
  auto r = run_process(cmd, ro);
  if (!r.ok()) throw Error(cmd.front() + " failed on " + cmd.back() + ": " + r.err.substr(0, 400));
  return r.out;
}

std::map<std::string, std::string> demangle(const std::vector<std::string>& names) {
  std::map<std::string, std::string> out;
  std::vector<std::string> mangled;
  for (const auto& n : names)
    if (n.rfind("_Z", 0) == 0) mangled.push_back(n);
  for (std::size_t i = 0; i < mangled.size(); i += 200) {
    std::vector<std::string> cmd{"c++filt"};
    cmd.insert(cmd.end(), mangled.begin() + i, mangled.begin() + std::min(mangled.size(), i + 200));
    std::istringstream in(tool_output(cmd));
    std::string line;
    for (std::size_t k = i; k < std::min(mangled.size(), i + 200) && std::getline(in, line); ++k)
      out[mangled[k]] = line;
  }
  return out;
}

std::vector<std::string> symbol_names(const std::string& readelf_symbols) {
  std::vector<std::string> out;
  std::istringstream in(readelf_symbols);
  std::string line;
  while (std::getline(in, line)) {
    auto v = whitespace_fields(line);
    if (v.size() >= 8 && !v[0].empty() && v[0].back() == ':') out.push_back(v[7]);
  }
  return out;
}

ObjectFacts read_object(const fs::path& object) {
  std::string syms = tool_output({"readelf", "-sW", object.string()});
  std::string relocs = tool_output({"readelf", "-rW", object.string()});
  std::string secs = tool_output({"readelf", "-SW", object.string()});
  return parse_object_facts(syms, relocs, secs, demangle(symbol_names(syms)));
}

// kqt_candidate_N -> the demangled signature the candidate must define,
// read from the harness object: kqt_reference_of_kqt_candidate_N holds the
// reference's address, and its relocation names the reference's symbol.
std::map<std::string, std::string> expected_entries(const fs::path& harness, const std::string& entry_point) {
  std::string syms = tool_output({"readelf", "-sW", harness.string()});
  std::string relocs = tool_output({"readelf", "-rW", harness.string()});
  std::string secs = tool_output({"readelf", "-SW", harness.string()});
  std::map<std::string, std::string> section_name;
  static const std::regex sec(R"(^\s*\[\s*(\d+)\]\s+(\S+))");
  std::istringstream sin(secs);
  std::string line;
  while (std::getline(sin, line)) {
    std::smatch m;
    if (std::regex_search(line, m, sec)) section_name[m[1]] = m[2];
  }
  // (section, offset) of each kqt_reference_of_ symbol.
  std::map<std::pair<std::string, std::uint64_t>, std::string> slots;
  std::istringstream yin(syms);
  while (std::getline(yin, line)) {
    auto v = whitespace_fields(line);
    if (v.size() < 8 || v[7].rfind("kqt_reference_of_", 0) != 0 || v[6] == "UND") continue;
    slots[{section_name[v[6]], std::stoull(v[1], nullptr, 16)}] = v[7].substr(17);
  }
  std::map<std::string, std::string> reference_of;
  static const std::regex header(R"(^Relocation section '\.rela?([^']+)')");
  std::istringstream rin(relocs);
  std::string section;
  while (std::getline(rin, line)) {
    std::smatch m;
    if (std::regex_search(line, m, header)) {
      section = m[1];
      continue;
    }
    auto v = whitespace_fields(line);
    if (v.size() < 5 || v[0].find_first_not_of("0123456789abcdef") != std::string::npos) continue;
    auto it = slots.find({section, std::stoull(v[0], nullptr, 16)});
    if (it != slots.end()) reference_of[it->second] = v[4];
  }
  std::vector<std::string> names;
  for (const auto& [sym, ref] : reference_of) names.push_back(ref);
  auto dem = demangle(names);
  std::map<std::string, std::string> out;
  for (const auto& [sym, ref] : reference_of)
    out[sym] = candidate_signature(dem.count(ref) ? dem[ref] : ref, entry_point);
  return out;
}

// expected_entries, read once per harness object and entry point: every
// variant of a task links against the same harness.
std::map<std::string, std::string> expected_entries_once(const fs::path& harness, const std::string& entry_point) {
  static std::mutex mutex;
  static std::map<std::string, std::map<std::string, std::string>> known;
  const std::string key = xxh64_hex(read_file(harness)) + "\n" + entry_point;
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  auto entries = expected_entries(harness, entry_point);
  std::lock_guard lock(mutex);
  known.emplace(key, entries);
  return entries;
}

// "void ns::k<float>(int, float*)" -> {"ns::k<float>", "int, float*"}
std::pair<std::string, std::string> name_and_parameters(const std::string& signature) {
  std::string sig = signature.rfind("void ", 0) == 0 ? signature.substr(5) : signature;
  int angle = 0;
  for (std::size_t i = 0; i < sig.size(); ++i) {
    if (sig[i] == '<') ++angle;
    if (sig[i] == '>') --angle;
    if (sig[i] == '(' && angle == 0) {
      std::size_t close = sig.rfind(')');
      return {sig.substr(0, i), close == std::string::npos || close < i ? "" : sig.substr(i + 1, close - i - 1)};
    }
  }
  return {sig, ""};
}

// What the candidate's object must contain for each entry point: template
// entries instantiated, and every entry odr-used, so an inline one (a member
// kernel defined in its class) is emitted. Appended after the source check;
// the variables are file-local.
std::string entry_trailer(const std::map<std::string, std::string>& expected) {
  std::string out;
  for (const auto& [sym, sig] : expected) {
    auto [name, params] = name_and_parameters(sig);
    if (name.find('<') != std::string::npos) out += "template __global__ void " + name + "(" + params + ");\n";
    out += "static void (*const " + sym + "_keep)(" + params + ") __attribute__((used)) = &" + name + ";\n";
  }
  return out.empty() ? "" : "\n// The entry points the task's cases launch.\n" + out;
}

std::mutex& cache_mutex() {
  static std::mutex m;
  return m;
}

TestRunResult stopped(const std::string& stage, const std::string& log, std::int64_t wall_ms) {
  TestRunResult r;
  r.stage = stage;
  r.log = log;
  r.wall_ms = wall_ms;
  return r;
}

TestRunResult not_compiled(const SandboxResult& compile, std::int64_t wall_ms) {
  return stopped("compile", compile.describe() + "\n" + compile.err.substr(0, 8000) + compile.out.substr(0, 2000),
                 wall_ms);
}

// Compiles test.cpp to harness.o, or copies it from the cache kept next to
// the precompiled headers (the same harness serves every candidate).
SandboxResult build_harness(const std::vector<std::string>& cmd, const fs::path& work, const std::string& key_text,
                            const TestRunOptions& o) {
  fs::path cached;
  if (!o.pch_dir.empty()) {
    std::string key = xxh64_hex(key_text);
    for (const auto& c : cmd) key = xxh64_hex(key + "\n" + c);
    cached = o.pch_dir.parent_path() / "harness" / key / "harness.o";
    std::lock_guard lock(cache_mutex());
    std::error_code ec;
    if (fs::exists(cached) && fs::copy_file(cached, work / "harness.o", fs::copy_options::overwrite_existing, ec)) {
      SandboxResult hit;
      hit.exit_code = 0;
      return hit;
    }
  }
  auto r = sandbox_run(cmd, test_sandbox_options(work, o.compile_timeout, o, false));
  if (r.ok() && !cached.empty()) {
    std::lock_guard lock(cache_mutex());
    std::error_code ec;
    fs::create_directories(cached.parent_path(), ec);
    fs::path tmp = cached.string() + ".tmp" + std::to_string(::getpid());
    if (fs::copy_file(work / "harness.o", tmp, fs::copy_options::overwrite_existing, ec)) fs::rename(tmp, cached, ec);
  }
  return r;
}

// The result cache's record of a compile: how it ended and what it said.
nlohmann::json compile_record(const SandboxResult& r) {
  return {{"exit_code", r.exit_code}, {"term_signal", r.term_signal}, {"spawn_failed", r.spawn_failed},
          {"output_truncated", r.output_truncated}, {"out", r.out}, {"err", r.err}};
}

SandboxResult compile_from_record(const nlohmann::json& j) {
  SandboxResult r;
  r.exit_code = j.value("exit_code", -1);
  r.term_signal = j.value("term_signal", 0);
  r.spawn_failed = j.value("spawn_failed", false);
  r.output_truncated = j.value("output_truncated", false);
  r.out = j.value("out", "");
  r.err = j.value("err", "");
  return r;
}

// Runs the candidate's compile `cmd` in `dir`, or restores its object and
// outcome from the result cache: the key holds every file of the folder the
// compile reads, the command, the compiler's version, the runtime headers and
// the memory limit (a compiler out of memory fails). A compile cut short by
// the clock or a kill is not kept.
SandboxResult compile_cached(const std::vector<std::string>& cmd, const fs::path& dir, const fs::path& runtime,
                             const TestRunOptions& o) {
  auto run = [&] { return sandbox_run(cmd, test_sandbox_options(dir, o.compile_timeout, o, false)); };
  if (o.result_cache_dir.empty()) return run();
  std::string inputs, command;
  for (const char* name : {"candidate.cu", "shared_names.hpp"})
    if (fs::exists(dir / name)) inputs += std::string(name) + "\n" + read_file(dir / name) + "\n";
  for (const auto& a : cmd) command += a + "\n";
  const std::string key = result_key("candidate-compile-v1", {inputs, command,
                                     verify::compiler_version(verify::resolve_compiler(cmd.front())),
                                     runtime_hash(runtime), std::to_string(o.memory_mb)});
  const ResultCache cache(o.result_cache_dir);
  std::error_code ec;
  fs::remove(dir / "candidate.o", ec);
  if (auto hit = cache.get(key, dir)) return compile_from_record(*hit);
  auto r = run();
  if (!r.timed_out && r.term_signal != SIGKILL && !r.spawn_failed)
    cache.put(key, compile_record(r), dir, {"candidate.o"});
  return r;
}

// The candidate, alone, in its own folder, with code and data in sections
// of their own so the object check can tell which code reaches what.
SandboxResult compile_candidate(const IsolatedBuildInput& in, const fs::path& work_dir, const TestRunOptions& o,
                                const std::string& trailer) {
  const fs::path cand_dir = work_dir / "candidate";
  fs::create_directories(cand_dir);
  write_file_atomic(cand_dir / "candidate.cu", in.candidate + trailer);
  fs::path runtime = o.runtime_dir.empty() ? runtime_dir() : o.runtime_dir;
  auto shared = extern_shared_names(in.candidate);
  TestRunOptions no_pch = o;
  no_pch.pch_dir.clear();
  auto cand_cmd = split_command(test_compile_command(in.backend, in.dialect, runtime, shared, no_pch));
  std::vector<std::string> extra = section_flags(cand_cmd);
  if (verify::backend_named(in.backend).sim) {
    std::string header = "#include \"kq/cpu_sim.hpp\"\n";
    for (const auto& n : shared) header += "KQ_SIM_DEFINE_DYNAMIC_SHARED(" + n + ")\n";
    write_file_atomic(cand_dir / "shared_names.hpp", header);
    // The runtime, precompiled, ahead of everything else: the same
    // declarations as shared_names.hpp's #include, parsed once for all
    // candidates. GCC takes it only as the first include.
    auto& prefix = cand_cmd.prefix;
    for (auto it = prefix.begin(); it != prefix.end() && it + 1 != prefix.end(); ++it)
      if (*it == "-include" && *(it + 1) == "shared_names.hpp") {
        prefix.erase(it, it + 2);
        break;
      }
    if (link_test_pch(ensure_candidate_pch(runtime, o, extra), cand_dir))
      extra.insert(extra.end(), {"-include", "kq_candidate_pch.hpp"});
    extra.insert(extra.end(), {"-include", "shared_names.hpp"});
  }
  return compile_cached(compile_command(cand_cmd, extra, "candidate.cu", "candidate.o"), cand_dir, runtime, o);
}

}  // namespace

TestRunResult compile_candidate_alone(const IsolatedBuildInput& in, const fs::path& work_dir,
                                      const TestRunOptions& o) {
  std::string refusal = check_candidate_source({in.candidate, in.prompt, in.entry_point,
                                                verify::backend_named(in.backend).sim,
                                                harness_compares_printing(in.test.harness)});
  if (!refusal.empty()) return stopped("source check", "refused: " + refusal, 0);
  auto compile = compile_candidate(in, work_dir, o, "");
  if (!compile.ok()) return not_compiled(compile, compile.wall_ms);
  TestRunResult r;
  r.compiled = true;
  r.stage = "compile";
  r.wall_ms = compile.wall_ms;
  return r;
}

TestRunResult build_isolated(const IsolatedBuildInput& in, const fs::path& work_dir, const TestRunOptions& o) {
  const bool sim = verify::backend_named(in.backend).sim;
  const bool prints = harness_compares_printing(in.test.harness);
  std::string refusal = check_candidate_source({in.candidate, in.prompt, in.entry_point, sim, prints});
  if (!refusal.empty()) return stopped("source check", "refused: " + refusal, 0);

  fs::create_directories(work_dir / "candidate");
  for (const char* stale : {"test", "harness.o", "candidate/candidate.o", "kq_record.json"}) {
    std::error_code ec;
    fs::remove(work_dir / stale, ec);
  }
  write_file_atomic(work_dir / "test.cpp", in.test.harness);
  write_file_atomic(work_dir / "kq_reference.inc", in.test.reference);
  fs::path runtime = o.runtime_dir.empty() ? runtime_dir() : o.runtime_dir;

  // The harness: the one-step command's flags, with the precompiled header.
  TestRunOptions with_pch = o;
  if (!sim || !link_test_pch(ensure_test_pch(runtime, o), work_dir)) with_pch.pch_dir.clear();
  auto harness_cmd = split_command(test_compile_command(in.backend, in.dialect, runtime, {}, with_pch));
  auto harness = build_harness(compile_command(harness_cmd, {}, "test.cpp", "harness.o"), work_dir,
                               in.test.harness + in.test.reference, o);
  std::int64_t wall = harness.wall_ms;
  if (!harness.ok())
    return stopped("compile", "the task's test does not compile: " + harness.describe() + "\n" +
                                  harness.err.substr(0, 6000) + harness.out.substr(0, 2000), wall);
  auto expected = expected_entries_once(work_dir / "harness.o", in.entry_point);
  if (expected.empty()) return stopped("compile", "the task's test names no candidate entry point", wall);
  for (const auto& [name, signature] : expected)
    if (signature.empty() || signature[0] == '.')
      return stopped("compile", "the task's entry point has internal linkage (static, or an unnamed namespace): "
                                "the link cannot bind it to the candidate's", wall);

  auto compile = compile_candidate(in, work_dir, o, entry_trailer(expected));
  wall += compile.wall_ms;
  if (!compile.ok()) return not_compiled(compile, wall);
  const fs::path cand_dir = work_dir / "candidate";

  // The candidate's object: what it defines and what its kernel reaches.
  ObjectFacts facts = read_object(cand_dir / "candidate.o");
  ObjectCheckInput check;
  check.entry_point = in.entry_point;
  check.init_array_baseline = sim ? 0 : 1;
  check.allow_printf = prints;
  std::map<std::string, std::string> defsyms;
  for (const auto& [name, signature] : expected) {
    std::string symbol = find_defined_symbol(facts, signature);
    if (symbol.empty())
      return stopped("object check", "refused: entry point: the candidate does not define `" + signature + "`", wall);
    check.entry_symbols.insert(symbol);
    defsyms[name] = symbol;
  }
  refusal = check_candidate_object(facts, check);
  if (!refusal.empty()) return stopped("object check", "refused: " + refusal, wall);

  auto link = sandbox_run(link_command(harness_cmd, defsyms), test_sandbox_options(work_dir, o.compile_timeout, o, false));
  wall += link.wall_ms;
  if (!link.ok()) return stopped("link", link.describe() + "\n" + link.err.substr(0, 6000), wall);
  TestRunResult r;
  r.compiled = true;
  r.stage = "compile";
  r.wall_ms = wall;
  return r;
}

TestRunResult run_task_test(const IsolatedBuildInput& in, const fs::path& work_dir, const TestRunOptions& o) {
  auto built = build_isolated(in, work_dir, o);
  if (!built.compiled) return built;
  auto r = run_built_test(work_dir, in.backend, o);
  r.wall_ms += built.wall_ms;
  return r;
}

}  // namespace kq::curation
