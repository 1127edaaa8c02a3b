#pragma once
// Names of repositories in stats, cache folders and provenance. A URL names
// itself (its last component); a local folder is named by the remote URL its
// own git configuration records, else by its nearest folder whose name means
// something (not `repo`, `src`, `mirror`, ...), so that several bare mirrors
// laid out as `owner+name/repo` do not all become `repo`.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "miner/repo_list.hpp"

namespace kq::miner {

// True for folder names that say nothing about the project: repo, src, .git, ...
bool is_generic_folder_name(std::string_view name);

// The name of a local repository or folder, as described above.
std::string local_repo_name(const std::filesystem::path& folder);

// Entries that share a name get distinct ones: the owner from the URL or the
// parent folder is prefixed where that tells them apart, then `-2`, `-3`, ...
void make_names_unique(std::vector<RepoEntry>& entries);

}  // namespace kq::miner
