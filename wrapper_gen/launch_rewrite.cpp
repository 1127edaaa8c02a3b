// rewrite_launches_for_sim: the mechanical rewrite of kernel launches into

// KQ_LAUNCH(...) for units that carry host code. It works on the text, with a
// mask that says which characters are code (not comment, string or character
// literal), so launches inside comments or strings stay as they are.
#include <cctype>
#include <vector>

#include "core/text.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::wrapper_gen {
namespace {

// code[i] is true when source[i] is outside comments and literals.
std::vector<bool> code_mask(std::string_view s) {
  std::vector<bool> code(s.size(), true);
  std::size_t i = 0;
  auto mark = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < s.size(); ++k) code[k] = false;
  };
  while (i < s.size()) {
    if (s.compare(i, 2, "//") == 0) {
      auto end = s.find('\n', i);
      end = end == std::string_view::npos ? s.size() : end;
      mark(i, end);
      i = end;
    } else if (s.compare(i, 2, "/*") == 0) {
      auto end = s.find("*/", i + 2);
      end = end == std::string_view::npos ? s.size() : end + 2;
      mark(i, end);
      i = end;
    } else if (s[i] == 'R' && i + 1 < s.size() && s[i + 1] == '"' &&
               (i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_'))) {
      auto open = s.find('(', i + 2);
      if (open == std::string_view::npos) break;
      std::string close = ")" + std::string(s.substr(i + 2, open - i - 2)) + "\"";
      auto end = s.find(close, open);
      end = end == std::string_view::npos ? s.size() : end + close.size();
      mark(i, end);
      i = end;
    } else if (s[i] == '"' || (s[i] == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(s[i - 1]))))) {
      // A quote after a hex digit is a digit separator (1'000), not a literal.
      char q = s[i];
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != q && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      mark(i, j + 1);
      i = j + 1;
    } else {
      ++i;
    }
  }
  return code;
}

// Index of the bracket closing the one at `open`, counting only code.
std::size_t matching_close(std::string_view s, const std::vector<bool>& code, std::size_t open) {
  char o = s[open];
  char c = o == '(' ? ')' : o == '[' ? ']' : '}';
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (!code[i]) continue;
    if (s[i] == o) ++depth;
    else if (s[i] == c && --depth == 0) return i;
  }
  return std::string_view::npos;
}

// Splits s[from, to) at commas outside (), [], {} (and outside literals).
std::vector<std::string> split_top_level(std::string_view s, const std::vector<bool>& code,
                                         std::size_t from, std::size_t to) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = from;
  for (std::size_t i = from; i < to; ++i) {
    if (!code[i]) continue;
    char ch = s[i];
    if (ch == '(' || ch == '[' || ch == '{') ++depth;
    else if (ch == ')' || ch == ']' || ch == '}') --depth;
    else if (ch == ',' && depth == 0) {
      parts.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  auto last = trim(s.substr(start, to - start));
  if (!last.empty() || !parts.empty()) parts.push_back(last);
  return parts;
}

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Start of the kernel expression ending just before `end` (exclusive):
// a qualified name with optional template arguments, like ns::k<T, 4>.
std::size_t kernel_start(std::string_view s, std::size_t end) {
  std::size_t i = end;
  while (i > 0 && std::isspace(static_cast<unsigned char>(s[i - 1]))) --i;
  for (;;) {
    if (i > 0 && s[i - 1] == '>') {  // template arguments: walk back to the matching '<'
      int depth = 0;
      while (i > 0) {
        char c = s[--i];
        if (c == '>') ++depth;
        else if (c == '<' && --depth == 0) break;
      }
    }
    while (i > 0 && is_ident_char(s[i - 1])) --i;
    if (i >= 2 && s[i - 1] == ':' && s[i - 2] == ':') {
      i -= 2;
      continue;
    }
    return i;
  }
}

std::string macro_kernel(std::string k) {
  const std::string wrap = "HIP_KERNEL_NAME(";
  if (k.rfind(wrap, 0) == 0 && k.back() == ')') k = trim(k.substr(wrap.size(), k.size() - wrap.size() - 1));
  return k.find(',') == std::string::npos ? k : "(" + k + ")";
}

std::string launch_macro(const std::string& kernel, const std::vector<std::string>& config,
                         const std::vector<std::string>& args) {
  std::string out = "KQ_LAUNCH(" + macro_kernel(kernel) + ", " + config[0] + ", " + config[1] + ", " +
                    (config.size() > 2 && !config[2].empty() ? config[2] : "0");
  for (const auto& a : args) out += ", " + a;
  return out + ")";
}

struct Rewrite {
  std::size_t begin = 0, end = 0;  // replaced range [begin, end)
  std::string text;
};

// `k<<<g, b, s, st>>>(args)` starting the search at `pos` (the "<<<").
bool chevron_launch(std::string_view s, const std::vector<bool>& code, std::size_t pos, Rewrite& r) {
  std::size_t close = s.find(">>>", pos + 3);
  while (close != std::string_view::npos && !code[close]) close = s.find(">>>", close + 1);
  if (close == std::string_view::npos) return false;
  auto config = split_top_level(s, code, pos + 3, close);
  if (config.size() < 2) return false;
  std::size_t open = close + 3;
  while (open < s.size() && std::isspace(static_cast<unsigned char>(s[open]))) ++open;
  if (open >= s.size() || s[open] != '(') return false;
  std::size_t paren = matching_close(s, code, open);
  if (paren == std::string_view::npos) return false;
  r.begin = kernel_start(s, pos);
  r.end = paren + 1;
  r.text = launch_macro(trim(s.substr(r.begin, pos - r.begin)), config, split_top_level(s, code, open + 1, paren));
  return true;
}

// `hipLaunchKernelGGL(k, g, b, s, st, args...)` at `pos`.
bool ggl_launch(std::string_view s, const std::vector<bool>& code, std::size_t pos, std::size_t name_len,
                Rewrite& r) {
  if (pos > 0 && is_ident_char(s[pos - 1])) return false;
  std::size_t open = pos + name_len;
  while (open < s.size() && std::isspace(static_cast<unsigned char>(s[open]))) ++open;
  if (open >= s.size() || s[open] != '(') return false;
  std::size_t paren = matching_close(s, code, open);
  if (paren == std::string_view::npos) return false;
  auto parts = split_top_level(s, code, open + 1, paren);
  join_template_name(parts);
  if (parts.size() < 5) return false;
  std::vector<std::string> config{parts[1], parts[2], parts[3]};
  r.begin = pos;
  r.end = paren + 1;
  r.text = launch_macro(parts[0], config, std::vector<std::string>(parts.begin() + 5, parts.end()));
  return true;
}

}  // namespace

std::string rewrite_launches_for_sim(std::string_view source) {
  const auto code = code_mask(source);
  const std::string ggl = "hipLaunchKernelGGL";
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (!code[i]) continue;
    Rewrite r;
    bool found = false;
    if (source.compare(i, 3, "<<<") == 0) found = chevron_launch(source, code, i, r);
    else if (source.compare(i, ggl.size(), ggl) == 0) found = ggl_launch(source, code, i, ggl.size(), r);
    if (!found || r.begin < copied) continue;
    out.append(source.substr(copied, r.begin - copied));
    out += r.text;
    copied = r.end;
    i = r.end - 1;
  }
  out.append(source.substr(copied));
  return out;
}

}  // namespace kq::wrapper_gen
