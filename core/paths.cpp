#include "core/paths.hpp"

#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.hpp"

#ifndef KQ_SOURCE_ROOT
#define KQ_SOURCE_ROOT ""
#endif

namespace kq {

namespace fs = std::filesystem;

namespace {

bool holds_runtime(const fs::path& root) {
  std::error_code ec;
  return !root.empty() && fs::exists(root / "runtime" / "kq", ec);
}

fs::path installed_data_root() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().parent_path() / "share" / "kquarry";
}

fs::path find_data_root() {
  std::vector<fs::path> tried;
  if (const char* r = std::getenv("KQ_SOURCE_ROOT"); r && *r) tried.emplace_back(r);
  tried.push_back(installed_data_root());
  tried.emplace_back(KQ_SOURCE_ROOT);
  std::string names;
  for (const auto& root : tried) {
    if (holds_runtime(root)) return root;
    if (!root.empty()) names += (names.empty() ? "" : ", ") + root.string();
  }
  throw Error("cannot find KernelQuarry's data files (runtime/kq, templates, prompts); looked in " + names +
              "; install with `cmake --install` or set KQ_SOURCE_ROOT");
}

}  // namespace

fs::path data_root() {
  // The environment can change between calls in tests; the search is cheap.
  return find_data_root();
}

fs::path runtime_dir() {
  if (const char* r = std::getenv("KQ_RUNTIME_DIR"); r && *r) return r;
  return data_root() / "runtime";
}

fs::path default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return absolute_path(fs::path(x) / "kquarry");
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "kquarry";
  return fs::temp_directory_path() / "kquarry-cache";
}

fs::path absolute_path(const fs::path& path, const fs::path& base) {
  if (path.empty() || path.is_absolute()) return path.lexically_normal();
  fs::path root = base.empty() ? fs::current_path() : fs::absolute(base);
  return (root / path).lexically_normal();
}

}  // namespace kq
