// VerifierOptions::from_config and what each backend can do on this machine.
#include <mutex>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "verifier/toolchain.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

std::uint64_t positive(const Config& c, std::string_view key) {
  auto v = c.get_int(key);
  if (v <= 0) throw UsageError(std::string(key) + " must be a positive number, not " + std::to_string(v));
  return static_cast<std::uint64_t>(v);
}

BackendInfo probe_one(const Backend& b, const VerifierOptions& o) {
  BackendInfo info;
  info.name = b.name;
  Toolchain t = toolchain_for(info.name, b.dialect, o);
  info.compiler = t.compiler.string();
  info.compiler_version = t.compiler_version;
  info.can_compile = !t.compiler.empty() && !t.compiler_version.empty();
  switch (b.vendor) {
    case GpuVendor::None: info.devices = {"host CPU"}; break;
    case GpuVendor::Nvidia: info.devices = nvidia_devices(); break;
    case GpuVendor::Amd: info.devices = amd_devices(); break;
  }
  info.can_run = info.can_compile && !info.devices.empty();
  if (!info.can_compile) info.note = "compiler '" + o.*b.compiler + "' not found";
  else if (!info.can_run) info.note = b.missing_device;
  return info;
}

}  // namespace

VerifierOptions VerifierOptions::from_config(const Config& c, const std::filesystem::path& cache_dir) {
  VerifierOptions o;
  o.jobs = effective_jobs(c.get_int("jobs"));
  o.cache_dir = cache_dir;
  o.run_timeout = std::chrono::seconds(positive(c, "verifier.run_timeout_s"));
  o.compile_timeout = std::chrono::seconds(positive(c, "verifier.compile_timeout_s"));
  o.memory_mb = positive(c, "verifier.memory_mb");
  o.file_size_mb = positive(c, "verifier.file_size_mb");
  o.max_processes = positive(c, "verifier.max_processes");
  o.cuda_arch = c.get("verifier.cuda_arch");
  o.hip_archs = c.get_list("verifier.hip_archs");
  auto mode = bubblewrap_mode_from_string(c.get("verifier.bubblewrap"));
  if (!mode) throw UsageError("verifier.bubblewrap must be auto, on or off, not '" + c.get("verifier.bubblewrap") + "'");
  o.bubblewrap = *mode;
  return o;
}

std::vector<BackendInfo> probe_backends(const VerifierOptions& o) {
  static std::mutex mutex;
  static std::vector<BackendInfo> cached;
  static std::string cached_for;
  std::lock_guard lock(mutex);
  std::string key = o.cxx + "|" + o.nvcc + "|" + o.hipcc + "|" + o.cuda_arch;
  if (cached_for != key || cached.empty()) {
    cached.clear();
    for (const auto& b : backend_table()) cached.push_back(probe_one(b, o));
    cached_for = key;
  }
  return cached;
}

std::vector<std::string> available_backends(const VerifierOptions& o, bool need_run) {
  std::vector<std::string> names;
  for (const auto& b : probe_backends(o))
    if (need_run ? b.can_run : b.can_compile) names.push_back(b.name);
  return names;
}

std::string sandbox_description(const VerifierOptions& o) { return describe_sandbox(o.bubblewrap); }

}  // namespace kq::verify
