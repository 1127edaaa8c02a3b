#pragma once
// Files the parser is not given: one larger than a size limit, or whose
// brackets nest deeper than a limit (clang recurses on nesting, and 20,000
// nested parentheses exhaust its stack or its time). Such a file is skipped
// with the reason recorded, before a worker is started for it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kq::extractor {

struct ParseLimits {
  std::uintmax_t max_file_bytes = 2u << 20;  // extractor.max_file_bytes
  int max_nesting = 256;                     // extractor.max_nesting
};

// Deepest nesting of (), [] and {} outside comments and literals.
int bracket_depth(std::string_view text);

// Why `file` must not be parsed ("4194304 bytes, over extractor.max_file_bytes
// (2097152)"), or nothing when it is within the limits.
std::optional<std::string> parse_limit_violation(const std::filesystem::path& file, const ParseLimits& limits);

}  // namespace kq::extractor
