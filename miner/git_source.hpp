#pragma once
// Getting a pinned commit out of git with libgit2: clone or fetch a remote
// into a bare cache repository, resolve a ref, export the commit's tree.
#include <filesystem>
#include <string>
#include <vector>

namespace kq::miner {

struct PinnedCommit {
  std::string sha;  // 40 hex digits
  std::string ref;  // the requested ref, or the default branch's name
};

// The URL of the repository's `origin` remote (else its first remote), as its
// own configuration records it; empty when `path` is no repository or has none.
std::string recorded_remote_url(const std::filesystem::path& path);

// True when `path` is the top folder of a git repository (work tree or bare).
bool is_git_repository(const std::filesystem::path& path);

// Clones `url` into the bare repository `git_dir` (or fetches into it when it
// exists), then resolves `ref` (empty: the remote's default branch). Network
// operations stop after `timeout_s` seconds of transfer; credentials are never
// asked for. Throws kq::Error with the reason.
PinnedCommit fetch_remote(const std::string& url, const std::string& ref, const std::filesystem::path& git_dir,
                          int timeout_s);

// Resolves `ref` (empty: HEAD) in an existing local repository, read only.
PinnedCommit resolve_local(const std::filesystem::path& repo, const std::string& ref);

// Writes the tree of `sha` into `dest` (created through a temporary folder and
// a rename, so `dest` is either complete or absent). Blobs missing from the
// object store are left out; their paths are returned and listed in the file
// `<dest>.missing`, written before `dest` appears.
std::vector<std::string> export_commit(const std::filesystem::path& repo, const std::string& sha,
                                       const std::filesystem::path& dest);

// The paths export_commit left out of `dest` (empty when none).
std::vector<std::string> read_missing_list(const std::filesystem::path& dest);

}  // namespace kq::miner
