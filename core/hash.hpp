#pragma once
// Content hashing: xxHash for fast identity of text, sha256 for what users verify.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kq {

std::uint64_t xxh64(std::string_view data, std::uint64_t seed = 0);
std::string xxh64_hex(std::string_view data);     // 16 lower-case hex digits
std::string sha256_hex(std::string_view data);    // 64 lower-case hex digits
std::string sha256_file_hex(const std::filesystem::path& path);

// A stable shard in [0, n) for a key, the same on every machine and run.
unsigned stable_shard(std::string_view key, unsigned n);

}  // namespace kq
