#include "verifier/toolchain.hpp"

#include <unistd.h>

#include <map>
#include <mutex>
#include <sstream>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/subprocess.hpp"

namespace kq::verify {
namespace {

// The line of `--version` output that names the release: nvcc prints a banner
// first ("Cuda compilation tools, release 13.0, V13.0.88" is the useful line).
std::string version_line(const std::string& text) {
  std::istringstream in(text);
  std::string line, first;
  while (std::getline(in, line)) {
    if (first.empty() && !line.empty()) first = line;
    if (line.find("release") != std::string::npos) return line;
  }
  return first;
}

std::vector<std::string> probe_lines(const std::vector<std::string>& argv, const std::string& keep) {
  RunOptions o;
  o.timeout = std::chrono::milliseconds(15000);
  auto r = run_process(argv, o);
  std::vector<std::string> lines;
  if (!r.ok()) return lines;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line))
    if (line.find(keep) != std::string::npos) lines.push_back(line);
  return lines;
}

}  // namespace

std::filesystem::path resolve_compiler(const std::string& name) {
  auto p = find_program(name);
  if (p.empty() && name == "nvcc") p = find_program("/usr/local/cuda/bin/nvcc");
  return p;
}

std::string compiler_version(const std::filesystem::path& compiler) {
  static std::mutex mutex;
  static std::map<std::string, std::string> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(compiler.string());
  if (it != cache.end()) return it->second;
  RunOptions o;
  o.timeout = std::chrono::milliseconds(30000);
  auto r = compiler.empty() ? RunResult{} : run_process({compiler.string(), "--version"}, o);
  std::string v = r.ok() ? version_line(r.out.empty() ? r.err : r.out) : "";
  cache[compiler.string()] = v;
  return v;
}

const std::vector<std::string>& nvidia_devices() {
  static const std::vector<std::string> devices = [] {
    if (find_program("nvidia-smi").empty()) return std::vector<std::string>{};
    return probe_lines({"nvidia-smi", "-L"}, "GPU ");
  }();
  return devices;
}

const std::vector<std::string>& amd_devices() {
  static const std::vector<std::string> devices = [] {
    std::vector<std::string> found;
    if (access("/dev/kfd", R_OK | W_OK) != 0 || find_program("rocminfo").empty()) return found;
    for (const auto& line : probe_lines({"rocminfo"}, "Marketing Name:")) {
      auto name = line.substr(line.find(':') + 1);
      name.erase(0, name.find_first_not_of(' '));
      if (name.find("CPU") == std::string::npos && name.find("Processor") == std::string::npos)
        found.push_back(name);
    }
    return found;
  }();
  return devices;
}

Toolchain toolchain_for(const std::string& backend, Dialect dialect, const VerifierOptions& o) {
  const Backend& b = backend_named(backend);
  if (!b.takes(dialect))
    throw UsageError("backend " + backend + " runs " + (b.dialect == Dialect::Cuda ? "CUDA" : "HIP") + " units only");
  const std::string rt = runtime_dir().string();
  Toolchain t;
  t.backend = backend;
  t.spec = &b;
  t.unit_file = dialect == Dialect::Cuda ? "unit.cu" : "unit.hip";
  t.compiler = resolve_compiler(o.*b.compiler);
  t.sim = b.sim;
  t.gpu = b.gpu();
  t.wrapper_file = b.wrapper_file;
  t.flags = {"-std=c++17"};
  if (b.sim) {
    // The runner is built with AddressSanitizer so an out-of-bounds access is
    // reported with the buffer's name; ASan reserves terabytes of address space.
    // The bounds check stops a run that indexes past a fixed-size array
    // (static __shared__, locals) that ASan cannot see, as the GPU's illegal
    // address would.
    t.flags.insert(t.flags.end(), {"-O1", "-g", "-fsanitize=address", "-fno-omit-frame-pointer",
                                   "-fsanitize=bounds", "-fno-sanitize-recover=bounds", "-pthread",
                                   "-fno-extern-tls-init", "-include", "kq/cpu_sim.hpp"});
    if (dialect == Dialect::Hip) t.flags.push_back("-DKQ_SIM_WARP_SIZE=64");
    t.libs = {"-lboost_context"};
  } else {
    t.flags.push_back("-O2");
  }
  for (auto& f : b.target_flags(o)) t.flags.push_back(std::move(f));
  for (auto& f : b.include_flags(rt)) t.flags.push_back(std::move(f));
  t.flags.insert(t.flags.end(), {"-x", std::string(b.language_flag)});
  // Simulated and GPU runs map large virtual ranges; a resident-memory limit fits them.
  if (b.sim || t.gpu) t.run_memory = MemoryLimit::Resident;
  // nvcc and hipcc drive several large tools; the address-space limit still applies.
  t.compiler_version = compiler_version(t.compiler);
  return t;
}

Toolchain golden_toolchain(const VerifierOptions& o) {
  Toolchain t = toolchain_for(std::string(host_backend().name), Dialect::Cuda, o);
  t.backend = "golden";
  t.wrapper_file = "golden_host.cpp";
  t.unit_file = "golden.cpp";
  return t;
}

}  // namespace kq::verify
