#include "miner/repo_name.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "miner/git_source.hpp"

namespace kq::miner {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string without_git_suffix(std::string s) {
  if (s.size() > 4 && lower(s.substr(s.size() - 4)) == ".git") s.resize(s.size() - 4);
  return s;
}

// The component before the last one of a URL or path: the owner of
// https://host/owner/name.git, or the parent folder of a local path.
std::string owner_of(std::string_view location) {
  std::string s(location);
  while (!s.empty() && (s.back() == '/' || s.back() == '\\')) s.pop_back();
  auto cut = s.find_last_of("/:");
  if (cut == std::string::npos) return {};
  s.resize(cut);
  auto before = s.find_last_of("/:");
  return default_repo_name(before == std::string::npos ? s : s.substr(before + 1));
}

}  // namespace

bool is_generic_folder_name(std::string_view name) {
  static const std::array<std::string_view, 22> generic = {
      "", ".", "..", ".git", "git", "repo", "repos", "repository", "src", "source", "sources", "code",
      "checkout", "clone", "mirror", "mirrors", "main", "master", "trunk", "tree", "worktree", "work"};
  auto n = lower(without_git_suffix(std::string(name)));
  return std::find(generic.begin(), generic.end(), n) != generic.end();
}

std::string local_repo_name(const fs::path& folder) {
  auto remote = recorded_remote_url(folder);
  if (!remote.empty()) {
    auto name = default_repo_name(remote);
    if (!is_generic_folder_name(name)) return name;
  }
  for (fs::path p = folder.lexically_normal(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    auto leaf = p.filename().string();
    if (leaf.empty()) continue;  // a trailing separator
    if (!is_generic_folder_name(leaf)) return default_repo_name(without_git_suffix(leaf));
  }
  return default_repo_name(folder.string());
}

void make_names_unique(std::vector<RepoEntry>& entries) {
  std::map<std::string, int> count;
  for (const auto& e : entries) ++count[e.name];
  std::set<std::string> taken;
  for (auto& e : entries) {
    if (count[e.name] > 1) {
      auto owner = owner_of(e.url);
      if (!owner.empty() && !is_generic_folder_name(owner)) e.name = owner + "_" + e.name;
    }
    std::string base = e.name, name = base;
    for (int n = 2; taken.count(name); ++n) name = base + "-" + std::to_string(n);
    e.name = name;
    taken.insert(name);
  }
}

}  // namespace kq::miner
