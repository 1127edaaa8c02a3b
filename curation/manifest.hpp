#pragma once
// MANIFEST.json of a release: every file with its sha256 and size, the
// toolchain versions, the source commits.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace kq::curation {

// First line of `tool --version` (or the line naming the release for nvcc); "" when absent.
std::string toolchain_version(const std::string& tool);

// {g++, nvcc, hipcc} versions.
nlohmann::json toolchain_versions();

// Every regular file under `release_dir` except MANIFEST.json, sorted by path:
// [{path, sha256, bytes}].
nlohmann::json file_entries(const std::filesystem::path& release_dir);

// Why `release_dir` is not a finished release (no MANIFEST.json, a listed
// file missing or changed, a file the manifest does not list), or "" when it
// is one. MANIFEST.json is written last, so it is the completion marker.
std::string release_incomplete_reason(const std::filesystem::path& release_dir);

}  // namespace kq::curation
