#include "miner/candidates.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "core/utf8.hpp"
#include "miner/glob.hpp"

namespace kq::miner {
namespace fs = std::filesystem;
namespace {

bool is_vendored(const std::string& rel, const CandidateRules& rules) {
  return std::any_of(rules.vendored_globs.begin(), rules.vendored_globs.end(),
                     [&](const std::string& g) { return glob_match(g, rel); });
}

// A folder is skipped whole when some "X/**" glob matches it, so large
// vendored trees are never walked.
bool is_vendored_dir(const std::string& rel, const CandidateRules& rules) {
  for (const auto& g : rules.vendored_globs)
    if (g.size() > 3 && g.ends_with("/**") && glob_match(std::string_view(g).substr(0, g.size() - 3), rel))
      return true;
  return false;
}

bool uses_hip(std::string_view text) {
  if (text.find("hipLaunchKernelGGL") != std::string_view::npos) return true;
  for (std::string_view inc : {"<hip/", "\"hip/"}) {
    for (auto pos = text.find(inc); pos != std::string_view::npos; pos = text.find(inc, pos + 1)) {
      auto line_start = text.rfind('\n', pos);
      auto line = text.substr(line_start == std::string_view::npos ? 0 : line_start + 1,
                              pos - (line_start == std::string_view::npos ? 0 : line_start + 1));
      if (line.find("#") != std::string_view::npos && line.find("include") != std::string_view::npos) return true;
    }
  }
  return false;
}

// Reads one file and decides; returns nothing when it is not a candidate.
std::optional<CandidateFile> examine(const fs::path& root, const fs::path& p, const std::string& rel,
                                     const CandidateRules& rules) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(p, ec)) && !is_within(root, p)) {
    spdlog::debug("skip {}: symlink resolves outside the repository", rel);
    return std::nullopt;
  }
  auto size = fs::file_size(p, ec);  // follows an in-tree symlink to its file
  if (ec || !fs::is_regular_file(p, ec)) return std::nullopt;
  if (size > rules.max_file_bytes) {
    spdlog::debug("skip {}: {} bytes, over miner.max_file_bytes", rel, size);
    return std::nullopt;
  }
  std::string text = read_file(p, rules.max_file_bytes);
  if (text.find('\0') != std::string::npos) return std::nullopt;  // binary
  if (text.find("__global__") == std::string::npos) return std::nullopt;
  return CandidateFile{rel, sha256_hex(text), text.size(), classify_language(p, text)};
}

}  // namespace

bool has_kernel_extension(const fs::path& p) {
  static const std::array<std::string_view, 9> exts{".cu", ".cuh", ".hip", ".cpp", ".cc", ".cxx", ".h", ".hpp", ".inl"};
  auto e = p.extension().string();
  return std::find(exts.begin(), exts.end(), e) != exts.end();
}

std::string classify_language(const fs::path& p, std::string_view text) {
  auto e = p.extension().string();
  if (e == ".cu" || e == ".cuh") return "cuda";
  if (e == ".hip") return "hip";
  return uses_hip(text) ? "hip" : "cpp";
}

ScanResult scan_candidates(const fs::path& root, const CandidateRules& rules) {
  ScanResult result;
  std::error_code ec;
  // Directory symlinks are never followed: their targets are either inside the
  // tree (and found there) or outside it (and out of bounds).
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) throw Error("cannot list '" + root.string() + "': " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) {
      spdlog::warn("while listing '{}': {}", root.string(), ec.message());
      ec.clear();
      continue;
    }
    const auto& p = it->path();
    auto rel = p.lexically_relative(root).generic_string();
    std::error_code sec;
    if (it->is_directory(sec) && !it->is_symlink(sec)) {
      if (p.filename() == ".git" || is_vendored_dir(rel, rules)) it.disable_recursion_pending();
      continue;
    }
    if (!has_kernel_extension(p)) continue;
    // A path names the file on disk and appears in every record about it, so
    // it cannot be decoded the way contents are: one that is not UTF-8 is
    // skipped, with its decoded form in the log.
    if (!is_valid_utf8(rel)) {
      spdlog::warn("skip {}: path is not UTF-8", to_utf8(rel));
      ++result.skipped;
      continue;
    }
    if (is_vendored(rel, rules)) {
      ++result.skipped;
      continue;
    }
    ++result.scanned;
    try {
      if (auto c = examine(root, p, rel, rules))
        result.files.push_back(std::move(*c));
      else
        ++result.skipped;
    } catch (const Error& e) {
      spdlog::warn("skip {}: {}", rel, e.what());
      ++result.skipped;
    }
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const CandidateFile& a, const CandidateFile& b) { return a.path < b.path; });
  return result;
}

std::string content_commit_id(const std::vector<CandidateFile>& files) {
  std::string manifest;
  for (const auto& f : files) manifest += f.path + '\0' + f.sha256 + '\n';
  return "dir:" + sha256_hex(manifest);
}

}  // namespace kq::miner
