#include "verifier/sim_pch.hpp"

#include <unistd.h>

#include <map>
#include <mutex>

#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/hash.hpp"
#include "core/result_cache.hpp"
#include "core/subprocess.hpp"

namespace kq::verify {

namespace fs = std::filesystem;

namespace {

constexpr const char* kHeader = "kq/cpu_sim.hpp";
constexpr const char* kLinkFolder = "kq_pch";

bool includes_sim_header(const Toolchain& t) {
  for (std::size_t i = 0; i + 1 < t.flags.size(); ++i)
    if (t.flags[i] == "-include" && t.flags[i + 1] == kHeader) return true;
  return false;
}

// The toolchain's flags without the forced include, the source language and
// the per-unit shared-array names (a build that defines those reads the header
// as text: GCC sees the macro differs).
std::vector<std::string> header_flags(const Toolchain& t) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.flags.size(); ++i) {
    const auto& f = t.flags[i];
    if ((f == "-include" || f == "-x") && i + 1 < t.flags.size()) {
      ++i;
      continue;
    }
    if (f.rfind("-DKQ_SIM_EXTERN_SHARED_NAMES=", 0) == 0) continue;
    out.push_back(f);
  }
  return out;
}

// Builds <cache>/pch/<hash>/kq/cpu_sim.hpp.gch once; returns its folder, or
// empty when it cannot be built.
fs::path ensure_header(const Toolchain& t, const fs::path& cache_dir) {
  static std::mutex mutex;
  static std::map<std::string, fs::path> built;
  const auto flags = header_flags(t);
  std::string id = t.compiler.string() + "\n" + t.compiler_version + "\n" + runtime_hash();
  for (const auto& f : flags) id += "\n" + f;
  const fs::path dir = (cache_dir.empty() ? default_cache_dir() : cache_dir) / "pch" / xxh64_hex(id);
  const fs::path gch = dir / (std::string(kHeader) + ".gch");
  const std::string key = dir.string();
  std::lock_guard lock(mutex);
  if (auto it = built.find(key); it != built.end()) return it->second;
  std::error_code ec;
  if (!fs::exists(gch, ec)) {
    fs::create_directories(gch.parent_path(), ec);
    // Other processes may build the same header at once: each writes its own file.
    const std::string tmp = gch.string() + ".tmp" + std::to_string(::getpid());
    std::vector<std::string> argv{t.compiler.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {"-x", "c++-header", (runtime_dir() / kHeader).string(), "-o", tmp});
    RunOptions ro;
    ro.timeout = std::chrono::seconds(600);
    if (!run_process(argv, ro).ok()) {
      fs::remove(tmp, ec);
      return built[key] = fs::path();
    }
    fs::rename(tmp, gch, ec);
    if (ec) return built[key] = fs::path();
  }
  return built[key] = dir;
}

}  // namespace

std::vector<std::string> sim_pch_flags(const Toolchain& t, const fs::path& build_dir, const fs::path& cache_dir) {
  if (!t.sim || !includes_sim_header(t)) return {};
  const fs::path dir = ensure_header(t, cache_dir);
  if (dir.empty()) return {};
  const fs::path linked = build_dir / kLinkFolder / kHeader;
  std::error_code ec;
  fs::create_directories(linked.parent_path(), ec);
  fs::create_hard_link(dir / (std::string(kHeader) + ".gch"), linked.string() + ".gch", ec);
  if (ec) return {};
  // GCC opens the header by the path it found the precompiled one at when
  // the header is included again (cuda_runtime.h includes it): the real one.
  fs::create_symlink(runtime_dir() / kHeader, linked, ec);
  if (ec) return {};
  return {"-I", kLinkFolder};
}

}  // namespace kq::verify
