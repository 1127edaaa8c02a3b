#include "curation/mutants.hpp"

#include <optional>
#include <regex>

namespace kq::curation {

namespace {

// An element store: `name[...] = ...;` or a compound assignment. The
// subscript may nest one level of brackets.
const std::regex& store_regex() {
  static const std::regex r(
      R"(([A-Za-z_]\w*)\s*\[((?:[^\[\];]|\[[^\[\];]*\])*)\]\s*(=|\+=|-=|\*=|/=|\|=|&=|\^=)(?!=)([^;]*);)");
  return r;
}

std::optional<std::smatch> first_store(const std::string& body) {
  std::smatch m;
  if (!std::regex_search(body, m, store_regex())) return std::nullopt;
  return m;
}

std::optional<Mutant> drop_store(const std::string& body) {
  auto m = first_store(body);
  if (!m) return std::nullopt;
  std::string b = body;
  b.replace(m->position(0), m->length(0), "(void)0;");
  return Mutant{"drop_store", b, "store `" + m->str(0) + "` removed"};
}

std::optional<Mutant> index_zero(const std::string& body) {
  auto m = first_store(body);
  if (!m || m->str(2).find_first_not_of(" 0") == std::string::npos) return std::nullopt;
  std::string b = body;
  b.replace(m->position(2), m->length(2), "0");
  return Mutant{"index_zero", b, "store `" + m->str(0) + "` writes index 0 only"};
}

// The end of the operand that starts at `from` in a condition: the first
// `;`, `,`, `?`, `&&`, `||` or unmatched `)` outside brackets.
std::size_t operand_end(const std::string& c, std::size_t from) {
  int depth = 0;
  std::size_t i = from;
  for (; i < c.size(); ++i) {
    char ch = c[i];
    if (ch == '(' || ch == '[') ++depth;
    if ((ch == ')' || ch == ']') && depth-- == 0) break;
    if (depth > 0) continue;
    if (ch == ';' || ch == ',' || ch == '?') break;
    if (c.compare(i, 2, "&&") == 0 || c.compare(i, 2, "||") == 0) break;
  }
  while (i > from && (c[i - 1] == ' ' || c[i - 1] == '\t' || c[i - 1] == '\n')) --i;
  return i;
}

// The first `a < b` in an if/for/while condition becomes `a < (b) - 1`, b
// being the whole right operand (`w < n / k` gives `w < (n / k) - 1`).
std::optional<Mutant> off_by_one(const std::string& body) {
  static const std::regex cond(R"(\b(if|for|while)\s*\()");
  static const std::regex less(R"(([A-Za-z_][\w.\[\]]*)\s*<\s*([A-Za-z_0-9(]))");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), cond); it != std::sregex_iterator(); ++it) {
    std::size_t start = it->position(0) + it->length(0);
    int depth = 1;
    std::size_t end = start;
    for (; end < body.size() && depth > 0; ++end) depth += body[end] == '(' ? 1 : body[end] == ')' ? -1 : 0;
    std::string c = body.substr(start, end - start - 1);
    std::smatch m;
    if (!std::regex_search(c, m, less) || c[m.position(0) + m.length(1)] == '<') continue;
    std::size_t rhs = m.position(2), rhs_end = operand_end(c, rhs);
    if (rhs_end <= rhs) continue;
    std::string bound = c.substr(rhs, rhs_end - rhs);
    std::string b = body;
    b.replace(start + rhs, bound.size(), "(" + bound + ") - 1");
    return Mutant{"off_by_one", b, "bound `" + c.substr(m.position(0), rhs_end - m.position(0)) + "` shortened by one"};
  }
  return std::nullopt;
}

// The first binary + - * / in the stored value is swapped (+ <-> -, * <-> /,
// and a plain `=` store of a compound becomes the other operator).
std::optional<Mutant> swap_operator(const std::string& body) {
  auto m = first_store(body);
  if (!m) return std::nullopt;
  const std::string op = m->str(3);
  std::string b = body;
  if (op == "+=" || op == "-=" || op == "*=" || op == "/=") {
    const char* swapped = op == "+=" ? "-=" : op == "-=" ? "+=" : op == "*=" ? "/=" : "*=";
    b.replace(m->position(3), 2, swapped);
    return Mutant{"swap_operator", b, "`" + op + "` became `" + swapped + "`"};
  }
  const std::string rhs = m->str(4);
  for (std::size_t i = 1; i + 1 < rhs.size(); ++i) {
    char c = rhs[i];
    if (c != '+' && c != '-' && c != '*' && c != '/') continue;
    char prev = rhs[i - 1], next = rhs[i + 1];
    if (next == c || next == '=' || prev == c || prev == 'e' || prev == 'E') continue;  // ++, +=, 1e-5
    std::size_t p = rhs.find_last_not_of(' ', i - 1);
    if (p == std::string::npos || std::string("(,=?:<>+-*/").find(rhs[p]) != std::string::npos) continue;  // unary
    char to = c == '+' ? '-' : c == '-' ? '+' : c == '*' ? '+' : '*';
    b[m->position(4) + i] = to;
    return Mutant{"swap_operator", b, std::string("`") + c + "` became `" + to + "` in the stored value"};
  }
  return std::nullopt;
}

// End of the call whose '(' is at `open`: past its ')' (string literals
// skipped), or npos when the text ends first.
std::size_t call_end(const std::string& b, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < b.size(); ++i) {
    char c = b[i];
    if (c == '"' || c == '\'') {
      for (++i; i < b.size() && b[i] != c; ++i)
        if (b[i] == '\\') ++i;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i + 1;
  }
  return std::string::npos;
}

// A kernel whose outputs are a device variable or its printed lines has no
// element store to drop: its first atomic or printf statement goes instead.
std::optional<Mutant> drop_effect(const std::string& body) {
  static const std::regex call(R"(\b(atomic[A-Za-z]*|printf)\s*\()");
  std::smatch m;
  if (!std::regex_search(body, m, call)) return std::nullopt;
  std::size_t begin = static_cast<std::size_t>(m.position(0));
  std::size_t end = call_end(body, begin + static_cast<std::size_t>(m.length(0)) - 1);
  if (end == std::string::npos) return std::nullopt;
  std::size_t semi = body.find_first_not_of(" \t\n", end);
  if (semi == std::string::npos || body[semi] != ';') return std::nullopt;
  std::string b = body;
  b.replace(begin, semi + 1 - begin, "(void)0;");
  return Mutant{"drop_effect", b, "`" + body.substr(begin, semi + 1 - begin) + "` removed"};
}

}  // namespace

std::vector<Mutant> make_mutants(const std::string& body, std::size_t max_mutants) {
  std::vector<Mutant> out;
  for (auto op : {drop_store, off_by_one, swap_operator, index_zero, drop_effect}) {
    if (out.size() >= max_mutants) break;
    if (auto m = op(body); m && m->body != body) out.push_back(std::move(*m));
  }
  return out;
}

}  // namespace kq::curation
