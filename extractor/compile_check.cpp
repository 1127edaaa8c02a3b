#include "extractor/compile_check.hpp"

#include <csignal>
#include <cstdlib>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/result_cache.hpp"
#include "core/source_scan.hpp"
#include "core/subprocess.hpp"
#include "core/utf8.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxLog = 16000;

std::string first_line_of_output(const fs::path& program, const std::string& flag, bool last) {
  RunOptions o;
  o.timeout = std::chrono::seconds(30);
  auto r = run_process({program.string(), flag}, o);
  std::string text = r.out.empty() ? r.err : r.out;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (!last) return text.substr(0, text.find('\n'));
  auto nl = text.rfind('\n', text.size() > 1 ? text.size() - 2 : 0);
  auto pos = text.rfind("release");
  if (pos != std::string::npos) return text.substr(text.rfind('\n', pos) + 1);
  return nl == std::string::npos ? text : text.substr(nl + 1);
}

std::string trim_log(std::string log) {
  if (log.size() > kMaxLog) log = log.substr(0, kMaxLog) + "\n[log truncated]";
  return log;
}

}  // namespace

std::string describe_limit_hit(const SandboxResult& r, const CompileLimits& limits) {
  // The driver (nvcc, hipcc) usually survives the child the limit killed, and says so.
  if (r.term_signal == SIGXFSZ || r.err.find("File size limit exceeded") != std::string::npos)
    return "compiler stopped by the file size limit (extractor.compile_file_size_mb " +
           std::to_string(limits.file_size_mb) + ")";
  if (r.term_signal == SIGXCPU) return "compiler stopped by the CPU time limit";
  if (r.timed_out) return "compiler stopped by the time limit (extractor.compile_timeout_s)";
  if (!r.ok() && (r.err.find("out of memory") != std::string::npos ||
                  r.err.find("std::bad_alloc") != std::string::npos || r.err.find("Cannot allocate memory") != std::string::npos))
    return "compiler ran out of memory (extractor.compile_memory_mb " + std::to_string(limits.memory_mb) + ")";
  if (r.output_truncated) return "compiler output cut at " + std::to_string(limits.max_output_bytes) + " bytes";
  return "";
}

fs::path find_nvcc() {
  std::error_code ec;
  if (const char* home = std::getenv("CUDA_HOME"); home && *home) {
    fs::path p = fs::path(home) / "bin" / "nvcc";
    if (fs::exists(p, ec)) return p;
  }
  if (fs::exists("/usr/local/cuda/bin/nvcc", ec)) return "/usr/local/cuda/bin/nvcc";
  return find_program("nvcc");
}

UnitCompiler::UnitCompiler(CompilerSettings settings) : settings_(std::move(settings)) {
  nvcc_.path = find_nvcc();
  if (!nvcc_.path.empty()) nvcc_.version = first_line_of_output(nvcc_.path, "--version", true);
  hipcc_.path = find_program("hipcc");
  if (!hipcc_.path.empty()) hipcc_.version = first_line_of_output(hipcc_.path, "--version", false);
}

std::string UnitCompiler::describe(Dialect d) const {
  const Tool& t = tool(d);
  if (t.path.empty()) return std::string(d == Dialect::Cuda ? "nvcc" : "hipcc") + " not found";
  return t.path.string() + " (" + t.version + ")";
}

bool uses_device_runtime(std::string_view unit) {
  // Units hold device code only (the kernel and what it uses), so any launch
  // or runtime allocation in them happens on the device.
  static const std::regex re(
      R"(<<<|\b(?:cuda|hip)(?:Malloc|Free|DeviceSynchronize|StreamCreateWithFlags|LaunchDevice|GetParameterBuffer)\b)");
  std::string code = blank_comments(unit);
  return std::regex_search(code, re);
}

std::vector<std::string> UnitCompiler::flags(Dialect d, const std::string& standard, bool rdc) const {
  std::vector<std::string> f;
  if (d == Dialect::Cuda) f = {"-std=" + standard, "-arch=" + settings_.cuda_arch, "-c"};
  else f = {"--offload-arch=" + settings_.hip_arch, "-std=" + standard, "-c"};
  if (rdc) f.push_back(d == Dialect::Cuda ? "-rdc=true" : "-fgpu-rdc");
  return f;
}

CheckResult UnitCompiler::check(const std::string& source, Dialect d, const std::string& standard) {
  CheckResult res;
  const Tool& t = tool(d);
  if (t.path.empty()) {
    res.skipped = true;
    res.log = std::string("skipped: ") + (d == Dialect::Cuda ? "nvcc" : "hipcc") + " not found";
    return res;
  }
  auto args = flags(d, standard, uses_device_runtime(source));
  std::string flags_text;
  for (const auto& a : args) flags_text += a + "\n";
  const ResultCache cache(settings_.cache_dir);
  const std::string key = result_key("unit-check-v1", {source, t.path.string(), t.version, flags_text});
  if (auto j = cache.get(key)) {
    res.ok = j->value("ok", false);
    res.log = j->value("log", "");
    res.cached = true;
    return res;
  }
  fs::path dir = make_temp_dir(fs::temp_directory_path(), "kq-unit-");
  fs::path src = dir / (d == Dialect::Cuda ? "unit.cu" : "unit.hip");
  write_file_atomic(src, source);
  std::vector<std::string> argv = {t.path.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back(src.filename().string());
  argv.push_back("-o");
  argv.push_back("unit.o");
  SandboxOptions o;
  o.work_dir = dir;
  o.timeout = settings_.timeout;
  o.cpu_seconds = static_cast<std::uint64_t>(settings_.timeout.count()) * 2;
  o.memory_mb = settings_.limits.memory_mb;
  o.file_size_mb = settings_.limits.file_size_mb;
  o.max_output_bytes = settings_.limits.max_output_bytes;
  o.bubblewrap = settings_.limits.bubblewrap;
  auto r = sandbox_run(argv, o);
  res.ok = r.ok();
  auto limit = describe_limit_hit(r, settings_.limits);
  res.log = trim_log((r.ok() ? "" : r.describe() + "\n") + (limit.empty() ? "" : limit + "\n") + r.err + r.out);
  std::error_code ec;
  fs::remove_all(dir, ec);
  // A compiler stopped by the clock or a kill may succeed another time.
  if (!r.timed_out && r.term_signal != SIGKILL) cache.put(key, {{"ok", res.ok}, {"log", res.log}});
  return res;
}

}  // namespace kq::extractor
