#pragma once
// Near-duplicate fingerprints of a kernel's token stream: identifiers renamed
// by first appearance (names of called functions kept), literals kept,
// comments and layout dropped; MinHash over shingles of kShingle tokens.
#include <cstdint>
#include <string>
#include <vector>

#include "extractor/clang_util.hpp"

namespace kq::extractor {

constexpr std::size_t kMinhashSize = 64;
constexpr std::size_t kShingle = 5;

std::vector<std::string> normalized_tokens(const std::vector<Token>& tokens, const std::string& kernel_name = "");
std::string norm_hash(const std::vector<std::string>& normalized);           // xxh64 hex
std::vector<std::uint32_t> minhash(const std::vector<std::string>& normalized);  // kMinhashSize values

}  // namespace kq::extractor
