#include "curation/test_runner.hpp"

#include <mutex>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/paths.hpp"
#include "core/result_cache.hpp"
#include "core/source_scan.hpp"
#include "core/subprocess.hpp"
#include "verifier/backend.hpp"
#include "verifier/toolchain.hpp"
#include "verifier/verifier.hpp"

namespace kq::curation {

namespace fs = std::filesystem;

std::vector<std::string> extern_shared_names(const std::string& source) {
  std::set<std::string> names;
  for (const auto& a : extern_shared_arrays(source)) names.insert(a.name);
  return {names.begin(), names.end()};
}

namespace {

std::vector<std::string> sim_flags(const std::string& rt) {
  return {"g++", "-std=c++17", "-O0", "-g0", "-w", "-fno-extern-tls-init", "-DKQ_CPU_SIM", "-I", rt,
          "-I", rt + "/kq/sim_include"};
}

// What the precompiled header holds: the includes at the top of every task test.
constexpr const char* kPchText =
    "#include \"kq/cpu_sim.hpp\"\n#include <gtest/gtest.h>\n#include <cmath>\n#include <cstdint>\n"
    "#include <cstdio>\n#include <cstring>\n#include <string>\n#include <type_traits>\n#include <vector>\n"
    "#include \"kq/host.hpp\"\n";

std::mutex& pch_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

namespace {

// Builds (once per text, flags and runtime) a precompiled header named
// `name` holding `text`, compiled with the cpu-sim flags and `extra_flags`
// (GCC takes a precompiled header only from a compile with the same flags).
fs::path ensure_sim_pch(const fs::path& runtime, const TestRunOptions& o, const std::string& name,
                        const std::string& text, const std::vector<std::string>& extra_flags) {
  if (o.pch_dir.empty()) return {};
  std::lock_guard lock(pch_mutex());
  auto cmd = sim_flags(runtime.string());
  cmd.insert(cmd.end(), extra_flags.begin(), extra_flags.end());
  // Keyed by the runtime headers' content too: a header compiled from an
  // older runtime would be used as it is and clash with the newer headers.
  std::string identity = runtime.string() + text + runtime_hash(runtime);
  if (!extra_flags.empty())
    for (const auto& f : cmd) identity += "\n" + f;
  fs::path dir = o.pch_dir / xxh64_hex(identity);
  fs::path header = dir / name;
  if (fs::exists(fs::path(header.string() + ".gch"))) return header;
  fs::create_directories(dir);
  write_file_atomic(header, text);
  // Other processes may build the same header at the same time: each writes its own file.
  std::string tmp = header.string() + ".gch.tmp" + std::to_string(::getpid());
  cmd.insert(cmd.end(), {"-x", "c++-header", header.string(), "-o", tmp});
  RunOptions ro;
  ro.timeout = std::chrono::seconds(600);
  if (!run_process(cmd, ro).ok()) return {};  // builds go on without it
  fs::rename(tmp, header.string() + ".gch");
  return header;
}

}  // namespace

fs::path ensure_test_pch(const fs::path& runtime, const TestRunOptions& o) {
  return ensure_sim_pch(runtime, o, "kq_test_pch.hpp", kPchText, {});
}

fs::path ensure_candidate_pch(const fs::path& runtime, const TestRunOptions& o,
                              const std::vector<std::string>& extra_flags) {
  return ensure_sim_pch(runtime, o, "kq_candidate_pch.hpp", "#include \"kq/cpu_sim.hpp\"\n", extra_flags);
}

std::vector<std::string> test_compile_command(const std::string& backend, Dialect dialect, const fs::path& runtime,
                                              const std::vector<std::string>& shared_names,
                                              const TestRunOptions& o) {
  const auto& b = verify::backend_named(backend);
  if (!b.takes(dialect) && !b.runs_hip())
    throw UsageError("backend " + backend + " cannot build " + std::string(to_string(dialect)) + " task tests");
  const std::string rt = runtime.string();
  std::vector<std::string> cmd;
  if (b.sim) {
    cmd = sim_flags(rt);
    if (!o.pch_dir.empty()) cmd.insert(cmd.end(), {"-include", "kq_test_pch.hpp"});
    // Names of the candidate's extern __shared__ arrays, defined through a
    // header (a -D would not match the precompiled header).
    if (!shared_names.empty()) cmd.insert(cmd.end(), {"-include", "shared_names.hpp"});
    cmd.insert(cmd.end(), {"-x", "c++", "test.cpp", "-x", "none", "-o", "test", "-lgtest", "-lgtest_main",
                           "-lboost_context", "-pthread"});
    return cmd;
  }
  verify::VerifierOptions targets;
  targets.cuda_arch = o.cuda_arch;
  targets.hip_archs = {o.hip_arch};
  auto compiler = verify::resolve_compiler(targets.*b.compiler);
  cmd = {compiler.empty() ? targets.*b.compiler : compiler.string(), "-std=c++17", "-O2"};
  for (auto& f : b.target_flags(targets)) cmd.push_back(std::move(f));
  for (auto& f : b.include_flags(rt)) cmd.push_back(std::move(f));
  cmd.insert(cmd.end(), {"-x", std::string(b.language_flag), "test.cpp", "-o", "test", "-lgtest", "-lgtest_main"});
  // hipcc drives clang, which links the thread library only when asked; nvcc
  // brings it through its host compiler.
  if (b.vendor == verify::GpuVendor::Amd) cmd.push_back("-pthread");
  return cmd;
}

SandboxOptions test_sandbox_options(const fs::path& work, std::chrono::seconds timeout, const TestRunOptions& o,
                                    bool gpu) {
  SandboxOptions s;
  s.work_dir = work;
  s.timeout = timeout;
  s.memory_mb = o.memory_mb;
  s.memory_limit = gpu ? MemoryLimit::Resident : MemoryLimit::AddressSpace;
  s.bubblewrap = o.bubblewrap;
  s.gpu = gpu;
  s.env_set = o.env;
  return s;
}

namespace {

// The lines of gtest output that say what failed, kept short.
std::string failure_lines(const std::string& out) {
  std::istringstream in(out);
  std::string line, kept;
  int n = 0;
  while (std::getline(in, line)) {
    bool interesting = line.find("Failure") != std::string::npos || line.find("[  FAILED  ]") != std::string::npos ||
                       line.find("expected") != std::string::npos || line.find("modified") != std::string::npos ||
                       line.find("kq-cpu-sim") != std::string::npos || line.find("ERROR") != std::string::npos;
    if (interesting && n++ < 40) kept += line + "\n";
  }
  return kept.empty() ? out.substr(0, 4000) : kept;
}

}  // namespace

// The sandbox sees only the work folder as its own: the precompiled header is
// hard-linked there (same file system as the cache), or not used.
bool link_test_pch(const fs::path& header, const fs::path& work_dir) {
  if (header.empty()) return false;
  const fs::path name = header.filename();
  std::error_code ec;
  fs::copy_file(header, work_dir / name, fs::copy_options::overwrite_existing, ec);
  if (ec) return false;
  const fs::path gch = name.string() + ".gch";
  fs::remove(work_dir / gch, ec);
  fs::create_hard_link(fs::path(header.string() + ".gch"), work_dir / gch, ec);
  return !ec;
}

namespace {

void read_timing(const std::string& out, TestRunResult& r) {
  static const std::regex t(R"(KQ_TIMING \S+ candidate_us=([0-9.eE+-]+) reference_us=([0-9.eE+-]+))");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), t); it != std::sregex_iterator(); ++it) {
    r.candidate_us += std::stod((*it)[1].str());
    r.reference_us += std::stod((*it)[2].str());
    r.timed = true;
  }
}

}  // namespace

TestRunResult run_built_test(const fs::path& work_dir, const std::string& backend, const TestRunOptions& o,
                             const std::vector<std::string>& gtest_args) {
  TestRunResult r;
  r.compiled = true;
  r.stage = "run";
  std::vector<std::string> cmd{(work_dir / "test").string(), "--gtest_color=no"};
  cmd.insert(cmd.end(), gtest_args.begin(), gtest_args.end());
  const auto& b = verify::backend_named(backend);
  auto options = test_sandbox_options(work_dir, o.run_timeout, o, b.gpu());
  // Simulated kernels run as host code: the system calls a kernel never needs are denied.
  options.deny_host_calls = b.sim;
  auto run = sandbox_run(cmd, options);
  r.wall_ms = run.wall_ms;
  r.ran = !run.timed_out && run.term_signal == 0 && (run.exit_code == 0 || run.exit_code == 1);
  r.passed = run.ok();
  r.output = run.out;
  read_timing(run.out, r);
  if (!r.passed) r.log = run.describe() + "\n" + failure_lines(run.out + run.err);
  return r;
}

}  // namespace kq::curation
