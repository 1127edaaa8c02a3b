#pragma once
// File helpers that never follow the user outside the tree they named.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kq {

// Reads a whole file; throws kq::Error naming the path when it cannot, or when
// it is larger than max_bytes.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = 64u << 20);

// Writes through a temporary file and rename, so readers never see half a file.
void write_file_atomic(const std::filesystem::path& path, std::string_view data);

// True when `path`, with every symlink resolved, lies inside `root`.
bool is_within(const std::filesystem::path& root, const std::filesystem::path& path);

// Heuristics used on mined files.
bool looks_binary(std::string_view data);  // NUL bytes in the first 8 KiB

// A fresh, empty directory under `parent` (created) with the given prefix.
std::filesystem::path make_temp_dir(const std::filesystem::path& parent, std::string_view prefix);

}  // namespace kq
