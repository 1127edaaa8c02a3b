#pragma once
// Content hashing: xxHash for fast identity of text, sha256 for what users verify.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kq {

std::uint64_t xxh64(std::string_view data, std::uint64_t seed = 0);
std::string xxh64_hex(std::string_view data);     // 16 lower-case hex digits
std::string sha256_hex(std::string_view data);    // 64 lower-case hex digits
std::string sha256_file_hex(const std::filesystem::path& path);

// A stable shard in [0, n) for a key, the same on every machine and run.
unsigned stable_shard(std::string_view key, unsigned n);

// Estimated Jaccard similarity of two MinHash signatures: the share of equal
// slots; 0 when they are empty or differ in length. The bytes form is the
// signature as the kernels table stores it (4 bytes a slot, host order).
double minhash_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);
double minhash_similarity(const std::vector<unsigned char>& a, const std::vector<unsigned char>& b);

}  // namespace kq
