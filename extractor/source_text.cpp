#include "extractor/source_text.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace kq::extractor {
namespace {

unsigned line_start(std::string_view text, unsigned pos) {
  while (pos > 0 && text[pos - 1] != '\n') --pos;
  return pos;
}

// A line that can only be part of the declaration that follows it.
bool is_prefix_line(std::string_view line) {
  line = trim_view(line);
  if (line.empty()) return false;
  if (line.starts_with("#") || line.starts_with("//") || line.starts_with("/*") || line.starts_with("*") ||
      line.ends_with("*/"))
    return false;
  return line.find_first_of(";{}\"") == std::string_view::npos && line.find("//") == std::string_view::npos;
}

// The conditional directive a line holds: +1 opens (#if, #ifdef, #ifndef),
// -1 closes (#endif), 2 is a branch (#else, #elif...), 0 anything else.
int directive_of(std::string_view line) {
  line = trim_view(line);
  if (!line.starts_with("#")) return 0;
  line = trim_view(line.substr(1));
  if (line.starts_with("if")) return 1;
  if (line.starts_with("endif")) return -1;
  if (line.starts_with("el")) return 2;
  return 0;
}

// How many conditionals the span closes or branches without opening them.
int unopened_conditionals(std::string_view text, const Span& s) {
  int depth = 0, unopened = 0;
  bool in_branch = false;  // an #else/#elif of a conditional opened before the span
  for (unsigned pos = line_start(text, s.begin); pos < s.end;) {
    auto nl = text.find('\n', pos);
    unsigned end = nl == std::string_view::npos ? static_cast<unsigned>(text.size()) : static_cast<unsigned>(nl);
    int d = directive_of(text.substr(pos, end - pos));
    if (d == 1) {
      ++depth;
    } else if (d == -1 && depth > 0) {
      --depth;
    } else if (d == -1) {
      ++unopened;
      in_branch = false;
    } else if (d == 2 && depth == 0) {
      in_branch = true;
    }
    pos = end + 1;
  }
  return unopened + (in_branch ? 1 : 0);
}

// Attributes inside a conditional (`#ifdef __CUDACC__` / `__host__ __device__`
// / `#endif` / `inline float f(...)`): the span starts after the `#ifdef` and
// holds its `#endif`. It is widened back to the opening directive when only
// directives and declaration prefixes lie between, so the text stays balanced.
Span balance_conditionals(std::string_view text, Span s) {
  if (unopened_conditionals(text, s) == 0) return s;
  int nest = 0;
  for (unsigned pos = line_start(text, s.begin); pos > 0;) {
    unsigned prev = line_start(text, pos - 1);
    auto line = text.substr(prev, pos - 1 - prev);
    int d = directive_of(line);
    if (d == 0 && !trim_view(line).empty() && !is_prefix_line(line)) return s;
    if (d == -1) ++nest;
    if (d == 1 && nest-- == 0) {
      s.begin = prev + static_cast<unsigned>(line.find_first_not_of(" \t"));
      return unopened_conditionals(text, s) == 0 ? s : balance_conditionals(text, s);
    }
    pos = prev;
  }
  return s;
}

}  // namespace

Span extend_decl_span(std::string_view text, Span s) {
  if (s.end > text.size() || s.begin > s.end) return s;
  unsigned ls = line_start(text, s.begin);
  auto head = text.substr(ls, s.begin - ls);
  if (trim_view(head).empty() || is_prefix_line(head)) {
    auto lead = head.find_first_not_of(" \t");
    if (lead != std::string_view::npos) s.begin = std::min(s.begin, ls + static_cast<unsigned>(lead));
    unsigned pos = ls;
    while (pos > 0) {
      unsigned prev = line_start(text, pos - 1);
      auto line = text.substr(prev, pos - 1 - prev);
      if (!is_prefix_line(line)) break;
      s.begin = prev + static_cast<unsigned>(line.find_first_not_of(" \t"));
      pos = prev;
    }
  }
  unsigned e = s.end;
  while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
  if (e < text.size() && text[e] == ';') s.end = e + 1;
  return balance_conditionals(text, s);
}

Span macro_span(std::string_view text, Span s) {
  if (s.end > text.size()) return s;
  s.begin = line_start(text, s.begin);
  unsigned e = s.end;
  while (e < text.size() && text[e] != '\n') ++e;
  // Continuation lines end with a backslash.
  while (e < text.size() && e > 0 && (text[e - 1] == '\\' || (text[e - 1] == '\r' && e > 1 && text[e - 2] == '\\'))) {
    ++e;
    while (e < text.size() && text[e] != '\n') ++e;
  }
  s.end = e;
  return s;
}

unsigned line_of(std::string_view text, unsigned offset) {
  offset = std::min<unsigned>(offset, static_cast<unsigned>(text.size()));
  return 1 + static_cast<unsigned>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string signature_of(std::string_view decl_text) {
  int paren = 0;
  for (std::size_t i = 0; i < decl_text.size(); ++i) {
    char c = decl_text[i];
    if (c == '(') ++paren;
    if (c == ')') --paren;
    if ((c == '{' || c == ';') && paren == 0) return collapse_ws(decl_text.substr(0, i));
  }
  return collapse_ws(decl_text);
}

}  // namespace kq::extractor
