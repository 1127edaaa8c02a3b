#pragma once
// Small text helpers shared by every stage that reads source, lists or templates.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace kq {

// `s` without leading and trailing characters from `chars` (blanks and line
// ends by default), as a view into `s`.
inline std::string_view trim_view(std::string_view s, std::string_view chars = " \t\r\n") {
  auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

// `parts` with `sep` between them.
inline std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// The same, as a string of its own.
inline std::string trim(std::string_view s, std::string_view chars = " \t\r\n") {
  return std::string(trim_view(s, chars));
}

// `s` split on the commas outside the bracket pairs named by `open` and
// `close` (same order), each piece trimmed; an empty last piece is dropped.
// Argument lists pass "(<{[" / ")>}]"; size expressions leave out the angle
// brackets, since `<` there is a comparison.
inline std::vector<std::string> split_top_level(std::string_view s, std::string_view open = "({[",
                                                std::string_view close = ")}]") {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char c : s) {
    if (open.find(c) != std::string_view::npos) ++depth;
    if (close.find(c) != std::string_view::npos) --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

// The arguments of a call or launch: `s` split on the commas outside
// brackets, where `<` opens a template argument list only when its `>` comes
// before the next comma (so `a < b, c` stays two arguments), and string and
// character literals are read whole. Pieces keep
// their text; an empty last piece is kept when there was a comma before it.
inline std::vector<std::string> split_call_arguments(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0, angle = 0;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\'') {  // a literal's commas and brackets are text
      std::size_t end = i + 1;
      while (end < s.size() && s[end] != c) end += s[end] == '\\' ? 2 : 1;
      end = std::min(end, s.size() - 1);
      cur.append(s.substr(i, end - i + 1));
      i = end;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == '<' && depth == 0 && i + 1 < s.size() && s[i + 1] != '<' && (i == 0 || s[i - 1] != '<')) {
      auto close = s.find('>', i), comma = s.find(',', i);
      if (close != std::string_view::npos && (comma == std::string_view::npos || close < comma)) ++angle;
    }
    if (c == '>' && angle > 0) --angle;
    if (c == ',' && depth == 0 && angle == 0) {
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!trim_view(cur).empty() || !out.empty()) out.push_back(cur);
  return out;
}

// Rejoins a leading kernel name that split_top_level cut at the commas of its
// template arguments: {"k<float", "4>", "grid"} -> {"k<float, 4>", "grid"}.
// Only the first piece is a name; later pieces may hold comparisons.
inline void join_template_name(std::vector<std::string>& parts) {
  auto open_angles = [](const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '<' ? 1 : c == '>' ? -1 : 0;
    return n;
  };
  while (parts.size() > 1 && open_angles(parts[0]) > 0) {
    parts[0] += ", " + parts[1];
    parts.erase(parts.begin() + 1);
  }
}

}  // namespace kq
