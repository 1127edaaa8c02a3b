#include "miner/glob.hpp"

namespace kq::miner {
namespace {

// Matches one character class starting at pattern[0] == '['; returns the
// length of the class in the pattern, or 0 when it is not a well-formed class.
std::size_t match_class(std::string_view p, char c, bool& matched) {
  std::size_t i = 1;
  bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negate) ++i;
  bool hit = false;
  bool first = true;
  for (; i < p.size() && (p[i] != ']' || first); ++i, first = false) {
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) hit = true;
      i += 2;
    } else if (p[i] == c) {
      hit = true;
    }
  }
  if (i >= p.size()) return 0;
  matched = hit != negate;
  return i + 1;
}

bool match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.starts_with("**")) {
      // "**/" may match no directory at all; "**" alone matches the rest.
      std::string_view rest = p.substr(2);
      bool slash = rest.starts_with('/');
      if (slash) rest.remove_prefix(1);
      if (rest.empty()) return true;
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == 0 || !slash || s[i - 1] == '/')
          if (match(rest, s.substr(i))) return true;
      }
      return false;
    }
    char pc = p.front();
    if (pc == '*') {
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match(p.substr(1), s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (pc == '?') {
      if (s.front() == '/') return false;
    } else if (pc == '[') {
      bool hit = false;
      auto len = match_class(p, s.front(), hit);
      if (len == 0) {
        if (s.front() != '[') return false;
      } else {
        if (!hit || s.front() == '/') return false;
        p.remove_prefix(len);
        s.remove_prefix(1);
        continue;
      }
    } else if (pc != s.front()) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return match(pattern, path); }

}  // namespace kq::miner
