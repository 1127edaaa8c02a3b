#include "extractor/includers.hpp"

#include <algorithm>
#include <set>

#include "core/fs.hpp"
#include "extractor/include_paths.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSources = 20000;

bool is_source_path(const fs::path& p) {
  static const std::set<std::string> exts = {".cu", ".cpp", ".cc", ".cxx", ".hip", ".c"};
  return exts.count(p.extension().string()) > 0;
}

bool is_skipped_dir(const fs::path& p) {
  auto name = p.filename().string();
  return name == "build" || name == "node_modules" || name.starts_with(".");
}

}  // namespace

std::vector<fs::path> sources_under(const fs::path& root) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; it != end && !ec && out.size() < kMaxSources; it.increment(ec)) {
    if (it->is_symlink(ec)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) {
      if (is_skipped_dir(it->path())) it.disable_recursion_pending();
      continue;
    }
    if (is_source_path(it->path())) out.push_back(it->path());
  }
  return out;
}

IncludeGraph::IncludeGraph(const fs::path& root, const std::vector<fs::path>& include_dirs) {
  for (const auto& src : sources_under(root)) {
    std::string text;
    try {
      text = read_file(src, 4u << 20);
    } catch (const std::exception&) {
      continue;
    }
    if (text.find("#include") == std::string::npos && text.find("# include") == std::string::npos) continue;
    for (const auto& name : scan_includes(text)) {
      std::error_code ec;
      // The includer's folder and its parents, then the first repository folders
      // (compile_commands.json and include/ folders come first there).
      std::vector<fs::path> candidates;
      for (fs::path d = src.parent_path(); is_within(root, d); d = d.parent_path()) {
        candidates.push_back(d / name);
        if (d == root || d == d.parent_path()) break;
      }
      for (std::size_t i = 0; i < std::min<std::size_t>(include_dirs.size(), 16); ++i)
        candidates.push_back(include_dirs[i] / name);
      for (const auto& c : candidates) {
        if (!fs::is_regular_file(c, ec) || !is_within(root, c)) continue;
        includers_.emplace(fs::weakly_canonical(c, ec), src);
        break;
      }
    }
  }
}

std::vector<fs::path> IncludeGraph::includers_of(const fs::path& header) const {
  std::error_code ec;
  auto [b, e] = includers_.equal_range(fs::weakly_canonical(header, ec));
  std::vector<fs::path> out;
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kq::extractor
