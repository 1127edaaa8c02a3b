#include "core/hip_warp.hpp"

#include <array>
#include <cctype>
#include <regex>

#include "core/source_scan.hpp"

namespace kq {
namespace {

constexpr std::array<std::string_view, 7> kMaskedIntrinsics = {
    "__shfl_sync", "__shfl_up_sync", "__shfl_down_sync", "__shfl_xor_sync", "__ballot_sync", "__any_sync", "__all_sync"};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether the text defines `name` itself: `#define name`, or a declaration
// whose qualifiers precede the name with no parenthesis between (a call inside
// a function body always follows one).
bool defines_itself(const std::string& text, std::string_view name) {
  const std::string n(name);
  return std::regex_search(text, std::regex(R"(#[ \t]*define[ \t]+)" + n + R"(\b)")) ||
         std::regex_search(text, std::regex(R"(\b(__device__|__forceinline__|inline)\b[^;{}()\n]*\b)" + n + R"(\s*\()"));
}

// The offset just past the first comma at depth 0 of the argument list that
// opens at `open` ('('), or npos when the list closes first. Comments are
// blanked in `scan`, which has the same offsets as the text.
std::size_t after_first_argument(const std::string& scan, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < scan.size(); ++i) {
    char c = scan[i];
    if (c == '"' || c == '\'') {
      for (++i; i < scan.size() && scan[i] != c; ++i)
        if (scan[i] == '\\') ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) return std::string::npos;
    }
    if (c == ',' && depth == 1) return i + 1;
  }
  return std::string::npos;
}

// Rewrites every call of one masked intrinsic in `text`, back to front so
// offsets found earlier stay valid.
void rewrite_calls(std::string& text, std::string_view name) {
  const std::string scan = blank_comments(text);
  const std::string bare(name.substr(0, name.size() - std::string_view("_sync").size()));
  std::vector<std::pair<std::size_t, std::size_t>> calls;  // [name begin, first argument end)
  for (auto p = scan.find(name); p != std::string::npos; p = scan.find(name, p + name.size())) {
    if (p > 0 && is_word_char(scan[p - 1])) continue;
    auto q = p + name.size();
    if (q < scan.size() && is_word_char(scan[q])) continue;
    while (q < scan.size() && (scan[q] == ' ' || scan[q] == '\t' || scan[q] == '\n')) ++q;
    if (q >= scan.size() || scan[q] != '(') continue;
    auto rest = after_first_argument(scan, q);
    if (rest != std::string::npos) calls.emplace_back(p, rest);
  }
  for (auto it = calls.rbegin(); it != calls.rend(); ++it) {
    auto [begin, rest] = *it;
    while (rest < text.size() && std::isspace(static_cast<unsigned char>(text[rest]))) ++rest;
    text.replace(begin, rest - begin, bare + "(");
  }
}

}  // namespace

std::string drop_warp_sync_masks(std::string_view hip) {
  std::string text(hip);
  for (auto name : kMaskedIntrinsics) {
    if (text.find(name) == std::string::npos || defines_itself(text, name)) continue;
    rewrite_calls(text, name);
  }
  return text;
}

}  // namespace kq
