#include "testgen/globals.hpp"

#include <cctype>
#include <cstring>
#include <optional>
#include <regex>
#include <set>

#include "core/source_scan.hpp"
#include "core/text.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen {
namespace {

// Larger arrays are scratch space, not a result worth copying per case.
constexpr long long kMaxElements = 1LL << 24;

struct Statement {
  std::size_t begin = 0, end = 0;  // [begin, end) in the text, end at the ';'
};

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The identifiers and other non-blank runs of `s`, in order.
std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t b = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool contains_word(const std::string& s, const std::string& word) {
  for (std::size_t at = s.find(word); at != std::string::npos; at = s.find(word, at + 1)) {
    std::size_t end = at + word.size();
    if ((at == 0 || !is_ident_char(s[at - 1])) && (end >= s.size() || !is_ident_char(s[end]))) return true;
  }
  return false;
}

// Preprocessor lines (with their continuations) as blanks: a `#define`
// holding a ';' must not end a statement.
std::string blank_directives(std::string text) {
  bool in_directive = false;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      bool continued = in_directive && i > 0 && text[i - 1] == '\\';
      in_directive = continued;
      line_start = true;
      continue;
    }
    if (line_start && c == '#') in_directive = true;
    if (!std::isspace(static_cast<unsigned char>(c))) line_start = false;
    if (in_directive) text[i] = ' ';
  }
  return text;
}

bool declares_device_variable(const std::string& s) {
  for (const char* q : {"__device__", "__constant__", "__managed__"})
    if (contains_word(s, q)) return true;
  return false;
}

// File-scope statements. A brace at file scope opens a body (function,
// struct, namespace) unless it continues a variable's initializer.
std::vector<Statement> file_scope_statements(const std::string& text) {
  std::vector<Statement> out;
  int depth = 0;
  std::size_t start = 0;
  bool initializer = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{') {
      if (depth == 0) {
        std::string head = text.substr(start, i - start);
        initializer = head.find('=') != std::string::npos ||
                      (declares_device_variable(head) && head.find('(') == std::string::npos);
      }
      ++depth;
    } else if (c == '}') {
      if (depth > 0) --depth;
      if (depth == 0 && !initializer) start = i + 1;
    } else if (c == ';' && depth == 0) {
      out.push_back({start, i});
      start = i + 1;
      initializer = false;
    }
  }
  return out;
}

// Position of the first `=` or `{` outside brackets: where an initializer starts.
std::size_t initializer_start(const std::string& s) {
  int nest = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' || s[i] == '(') ++nest;
    else if (s[i] == ']' || s[i] == ')') --nest;
    else if (nest == 0 && (s[i] == '=' || s[i] == '{')) return i;
  }
  return std::string::npos;
}

// Declarator text "float table [N][M]" split into its extents (innermost
// last) and what precedes them.
std::optional<std::vector<std::string>> split_extents(std::string& decl) {
  std::vector<std::string> extents;
  decl = trim(decl);
  while (!decl.empty() && decl.back() == ']') {
    auto open = decl.rfind('[');
    if (open == std::string::npos) return std::nullopt;
    extents.insert(extents.begin(), trim(decl.substr(open + 1, decl.size() - open - 2)));
    decl = trim(decl.substr(0, open));
  }
  return extents;
}

// `[static] texture<T[, 1 | cudaTextureType1D[, cudaReadModeElementType]]> name`:
// a 1-D reference read as its element type, the kind a buffer can be bound to.
std::optional<UnitGlobal> parse_texture_reference(const std::string& s) {
  static const std::regex ref(
      R"(^(?:static\s+)?texture\s*<\s*([A-Za-z_][\w ]*?)\s*(?:,\s*(\w+)\s*(?:,\s*(\w+)\s*)?)?>\s*([A-Za-z_]\w*)$)");
  std::smatch m;
  if (!std::regex_match(s, m, ref)) return std::nullopt;
  const std::string dim = m[2].str(), mode = m[3].str();
  if (!dim.empty() && dim != "1" && dim != "cudaTextureType1D" && dim != "hipTextureType1D") return std::nullopt;
  if (!mode.empty() && mode != "cudaReadModeElementType" && mode != "hipReadModeElementType") return std::nullopt;
  UnitGlobal g;
  g.name = m[4].str();
  g.type = m[1].str();
  g.space = "texture";
  g.count = 0;
  return g;
}

std::optional<UnitGlobal> parse_declaration(const std::string& unit, std::string s) {
  s = trim(s);
  if (auto t = parse_texture_reference(s)) return t;
  if (!declares_device_variable(s)) return std::nullopt;
  for (const char* skip : {"extern", "__shared__", "template", "typedef", "using"})
    if (contains_word(s, skip)) return std::nullopt;
  UnitGlobal g;
  auto init = initializer_start(s);
  g.initialized = init != std::string::npos;
  std::string decl = g.initialized ? s.substr(0, init) : s;
  if (g.initialized) g.initializer = trim(s.substr(init + (s[init] == '=' ? 1 : 0)), " \t\r\n{}");
  // Pointers need memory of their own; several declarators, a function.
  if (decl.find_first_of("*&(,<") != std::string::npos) return std::nullopt;
  auto extents = split_extents(decl);
  if (!extents) return std::nullopt;
  for (const auto& e : *extents) {
    auto v = e.empty() ? std::nullopt : int_constant(unit, e);
    if (!v || *v <= 0 || g.count > kMaxElements / *v) return std::nullopt;
    g.count *= *v;
  }
  auto words = split_words(decl);
  if (words.size() < 2) return std::nullopt;
  g.name = words.back();
  words.pop_back();
  static const std::set<std::string> qualifiers = {"static", "volatile", "inline", "__device__", "__constant__",
                                                   "__managed__", "__restrict__"};
  bool is_const = false;
  std::string type;
  for (const auto& w : words) {
    if (w == "__constant__" || w == "__managed__") g.space = w;
    else if (w == "__device__" && g.space.empty()) g.space = w;
    if (w == "const") is_const = true;
    if (qualifiers.count(w) || w == "const") continue;
    type += (type.empty() ? "" : " ") + w;
  }
  // A constant with its values in the source is part of the kernel, not an input.
  if (type.empty() || (is_const && g.initialized)) return std::nullopt;
  g.type = type;
  return g;
}

// The position after the subscripts and member accesses that follow a name.
std::size_t skip_accessors(const std::string& t, std::size_t i) {
  for (;;) {
    while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
    if (i < t.size() && t[i] == '[') {
      int nest = 0;
      for (; i < t.size(); ++i) {
        if (t[i] == '[') ++nest;
        else if (t[i] == ']' && --nest == 0) break;
      }
      ++i;
      continue;
    }
    if (i < t.size() && t[i] == '.' && i + 1 < t.size() && is_ident_char(t[i + 1])) {
      ++i;
      while (i < t.size() && is_ident_char(t[i])) ++i;
      continue;
    }
    return i;
  }
}

bool starts_with_at(const std::string& t, std::size_t i, const char* s) { return t.compare(i, std::strlen(s), s) == 0; }

// One use of a variable at [at, at + length): how it is used.
void classify_use(const std::string& t, std::size_t at, std::size_t length, UnitGlobal& g) {
  std::size_t before = at;
  while (before > 0 && (std::isspace(static_cast<unsigned char>(t[before - 1])) || t[before - 1] == '&')) --before;
  if (before >= 2 && (starts_with_at(t, before - 2, "++") || starts_with_at(t, before - 2, "--"))) {
    g.written = g.read = true;
    return;
  }
  if (before >= 1 && t[before - 1] == '(') {
    std::size_t end = before - 1;
    while (end > 0 && std::isspace(static_cast<unsigned char>(t[end - 1]))) --end;
    std::size_t begin = end;
    while (begin > 0 && is_ident_char(t[begin - 1])) --begin;
    if (t.compare(begin, 6, "atomic") == 0) {
      g.written = g.read = g.atomic = true;
      return;
    }
  }
  std::size_t after = skip_accessors(t, at + length);
  if (starts_with_at(t, after, "++") || starts_with_at(t, after, "--") || starts_with_at(t, after, "<<=") ||
      starts_with_at(t, after, ">>=")) {
    g.written = g.read = true;
    return;
  }
  if (after + 1 < t.size() && std::strchr("+-*/%&|^", t[after]) && t[after + 1] == '=') {
    g.written = g.read = true;
    return;
  }
  if (after + 1 < t.size() && t[after] == '=' && t[after + 1] != '=') {
    g.written = true;
    return;
  }
  g.read = true;
}

void classify_uses(const std::string& text, UnitGlobal& g) {
  for (std::size_t at = text.find(g.name); at != std::string::npos; at = text.find(g.name, at + 1)) {
    std::size_t end = at + g.name.size();
    if ((at > 0 && is_ident_char(text[at - 1])) || (end < text.size() && is_ident_char(text[end]))) continue;
    // A member of something else that shares the name.
    std::size_t p = at;
    while (p > 0 && std::isspace(static_cast<unsigned char>(text[p - 1]))) --p;
    if (p > 0 && (text[p - 1] == '.' || (p > 1 && starts_with_at(text, p - 2, "->")) || (p > 1 && starts_with_at(text, p - 2, "::"))))
      continue;
    classify_use(text, at, g.name.size(), g);
  }
}

}  // namespace

std::vector<UnitGlobal> unit_globals(const std::string& unit_source) {
  std::string text = blank_directives(blank_comments(unit_source));
  std::vector<UnitGlobal> out;
  std::string uses = text;  // the text without the declarations themselves
  for (const auto& st : file_scope_statements(text)) {
    auto g = parse_declaration(unit_source, text.substr(st.begin, st.end - st.begin));
    if (!g) continue;
    uses.replace(st.begin, st.end - st.begin, std::string(st.end - st.begin, ' '));
    out.push_back(std::move(*g));
  }
  for (auto& g : out) classify_uses(uses, g);
  return out;
}

}  // namespace kq::testgen
