#include "extractor/parse_limits.hpp"

#include <algorithm>

#include "core/fs.hpp"
#include "core/source_scan.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

int bracket_depth(std::string_view text) {
  std::string code = blank_comments(text);
  int depth = 0, deepest = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"' || c == '\'') {  // literals hold brackets that are not code
      for (++i; i < code.size() && code[i] != c && code[i] != '\n'; ++i)
        if (code[i] == '\\') ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

std::optional<std::string> parse_limit_violation(const fs::path& file, const ParseLimits& limits) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec) return std::nullopt;  // the parser reports an unreadable file itself
  if (size > limits.max_file_bytes)
    return std::to_string(size) + " bytes, over extractor.max_file_bytes (" + std::to_string(limits.max_file_bytes) +
           ")";
  int depth = bracket_depth(read_file(file, limits.max_file_bytes));
  if (depth > limits.max_nesting)
    return "brackets nest " + std::to_string(depth) + " deep, over extractor.max_nesting (" +
           std::to_string(limits.max_nesting) + ")";
  return std::nullopt;
}

}  // namespace kq::extractor
