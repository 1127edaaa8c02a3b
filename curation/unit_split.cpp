#include "curation/unit_split.hpp"

#include <cctype>
#include <vector>

#include "core/error.hpp"

namespace kq::curation {

namespace {

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Skips a comment, string or character literal starting at i; returns the
// index after it, or i when there is none.
std::size_t skip_non_code(std::string_view s, std::size_t i) {
  if (s.compare(i, 2, "//") == 0) {
    std::size_t e = s.find('\n', i);
    return e == std::string_view::npos ? s.size() : e;
  }
  if (s.compare(i, 2, "/*") == 0) {
    std::size_t e = s.find("*/", i + 2);
    return e == std::string_view::npos ? s.size() : e + 2;
  }
  if (s[i] == '"' || s[i] == '\'') {
    char q = s[i];
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != q) j += s[j] == '\\' ? 2 : 1;
    return std::min(j + 1, s.size());
  }
  return i;
}

// Positions of `word` as a whole identifier in code (outside comments/strings).
std::vector<std::size_t> find_words(std::string_view s, std::string_view word) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t skipped = skip_non_code(s, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (s.compare(i, word.size(), word) == 0 && (i == 0 || !is_ident(s[i - 1])) &&
        (i + word.size() >= s.size() || !is_ident(s[i + word.size()]))) {
      out.push_back(i);
      i += word.size();
      continue;
    }
    ++i;
  }
  return out;
}

std::size_t line_start(std::string_view s, std::size_t pos) {
  std::size_t p = s.rfind('\n', pos == 0 ? 0 : pos - 1);
  return (p == std::string_view::npos || pos == 0) ? 0 : p + 1;
}

std::string_view trim_view(std::string_view v) {
  std::size_t b = v.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = v.find_last_not_of(" \t\r\n");
  return v.substr(b, e - b + 1);
}

// The start of the declaration holding `__global__` at g: its line, moved up
// over a `template <...>` line right above it.
std::size_t declaration_start(std::string_view s, std::size_t g) {
  std::size_t start = line_start(s, g);
  while (start > 0) {
    std::size_t prev = line_start(s, start - 1);
    auto line = trim_view(s.substr(prev, start - prev));
    if (line.starts_with("template") || line.starts_with("extern \"C\"") || line.starts_with("static") ||
        line.starts_with("__launch_bounds__")) {
      start = prev;
      continue;
    }
    break;
  }
  return start;
}

// The comment block (// or /* */ lines) ending right above `start`.
std::size_t comment_start(std::string_view s, std::size_t start) {
  std::size_t cur = start;
  bool in_block = false;
  while (cur > 0) {
    std::size_t prev = line_start(s, cur - 1);
    auto line = trim_view(s.substr(prev, cur - prev));
    if (in_block) {
      cur = prev;
      if (line.starts_with("/*")) in_block = false;
      continue;
    }
    if (line.starts_with("//")) {
      cur = prev;
      continue;
    }
    if (line.ends_with("*/")) {
      cur = prev;
      in_block = !line.starts_with("/*");
      continue;
    }
    break;
  }
  return cur;
}

// Splits the text before the kernel into include lines (outside #if) and the rest.
void separate_includes(std::string_view text, std::string& includes, std::string& rest) {
  int if_depth = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t e = text.find('\n', pos);
    std::size_t end = e == std::string_view::npos ? text.size() : e + 1;
    auto line = text.substr(pos, end - pos);
    auto t = trim_view(line);
    std::string directive;
    if (t.starts_with("#")) {
      auto d = trim_view(t.substr(1));
      std::size_t n = 0;
      while (n < d.size() && is_ident(d[n])) ++n;
      directive = std::string(d.substr(0, n));
    }
    if (directive == "if" || directive == "ifdef" || directive == "ifndef") ++if_depth;
    if (directive == "endif" && if_depth > 0) --if_depth;
    if (directive == "include" && if_depth == 0) {
      includes += line;
      if (!line.ends_with('\n')) includes += '\n';
    } else {
      rest += line;
    }
    pos = end;
  }
}

// Drops leading blank lines; keeps exactly one blank line at the end when not empty.
std::string tidy_block(std::string s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  s = s.substr(line_start(s, b));
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(0, e + 1) + "\n\n";
}

}  // namespace

std::string unqualified(const std::string& name) {
  std::size_t p = name.rfind("::");
  return p == std::string::npos ? name : name.substr(p + 2);
}

std::size_t match_brace(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size();) {
    std::size_t skipped = skip_non_code(s, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i + 1;
    ++i;
  }
  return std::string_view::npos;
}

namespace {

// Whether the brace at `open` starts a class, struct, union or enum body: its
// head (the text since the previous ';', '{' or '}') names one of those
// keywords outside any parentheses or template brackets. Such a body closes
// with "};".
bool opens_type_body(std::string_view s, std::size_t open) {
  std::size_t head = s.find_last_of(";{}", open == 0 ? 0 : open - 1);
  head = head == std::string_view::npos || open == 0 ? 0 : head + 1;
  int depth = 0;
  for (std::size_t i = head; i < open;) {
    std::size_t skipped = skip_non_code(s, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    char c = s[i];
    if (c == '(' || c == '<') ++depth;
    if ((c == ')' || c == '>') && depth > 0) --depth;
    if (depth == 0 && is_ident(c) && (i == 0 || !is_ident(s[i - 1]))) {
      std::size_t e = i;
      while (e < open && is_ident(s[e])) ++e;
      auto word = s.substr(i, e - i);
      if (word == "struct" || word == "class" || word == "union" || word == "enum") return true;
      i = e;
      continue;
    }
    ++i;
  }
  return false;
}

}  // namespace

std::string closing_braces(std::string_view s) {
  std::vector<bool> open_types;  // one entry per open brace: does it open a type body?
  for (std::size_t i = 0; i < s.size();) {
    std::size_t skipped = skip_non_code(s, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (s[i] == '{') open_types.push_back(opens_type_body(s, i));
    if (s[i] == '}' && !open_types.empty()) open_types.pop_back();
    ++i;
  }
  std::string out;
  for (auto it = open_types.rbegin(); it != open_types.rend(); ++it) out += *it ? "};\n" : "}\n";
  return out;
}

SplitUnit split_unit(std::string_view unit, const std::string& kernel_name) {
  const std::string name = unqualified(kernel_name);
  for (std::size_t g : find_words(unit, "__global__")) {
    // The first identifier followed by '(' after __global__ that is not an attribute.
    std::size_t open_paren = std::string_view::npos;
    for (std::size_t w : find_words(unit.substr(g), name)) {
      std::size_t p = g + w + name.size();
      while (p < unit.size() && std::isspace(static_cast<unsigned char>(unit[p]))) ++p;
      if (p < unit.size() && unit[p] == '(') open_paren = p;
      break;
    }
    if (open_paren == std::string_view::npos) continue;
    // Anything but a declaration between __global__ and the name means another kernel.
    if (unit.substr(g, open_paren - g).find(';') != std::string_view::npos) continue;
    std::size_t depth = 0, i = open_paren, brace = std::string_view::npos;
    for (; i < unit.size(); ++i) {
      if (unit[i] == '(') ++depth;
      if (unit[i] == ')') --depth;
      if (depth == 0 && unit[i] == ';') break;
      if (depth == 0 && unit[i] == '{') {
        brace = i;
        break;
      }
    }
    if (brace == std::string_view::npos) continue;  // a declaration: keep looking
    std::size_t close = match_brace(unit, brace);
    if (close == std::string_view::npos) throw Error("kernel " + kernel_name + ": unbalanced braces in the unit");
    SplitUnit out;
    std::size_t decl = declaration_start(unit, g);
    std::size_t cmt = comment_start(unit, decl);
    out.comment = std::string(unit.substr(cmt, decl - cmt));
    std::string rest;
    separate_includes(unit.substr(0, cmt), out.includes, rest);
    out.dependencies = tidy_block(rest);
    std::size_t sig_end = brace + 1;
    if (sig_end < unit.size() && unit[sig_end] == '\n') ++sig_end;
    out.signature = std::string(unit.substr(decl, sig_end - decl));
    if (!out.signature.ends_with('\n')) out.signature += '\n';
    out.body = std::string(unit.substr(sig_end, close - sig_end)) + "\n";
    if (close < unit.size() && unit[close] == '\n') ++close;
    out.after = std::string(unit.substr(close));
    if (!out.includes.empty()) out.includes += "\n";
    return out;
  }
  throw Error("kernel " + kernel_name + ": no __global__ definition found in the unit");
}

std::string rename_kernel(const SplitUnit& split, const std::string& kernel_name, const std::string& new_name) {
  const std::string name = unqualified(kernel_name);
  std::string sig = split.signature;
  auto hits = find_words(sig, name);
  if (!hits.empty()) sig.replace(hits.front(), name.size(), new_name);
  return split.dependencies + sig + split.body;
}

}  // namespace kq::curation
