#include "testgen/site_locals.hpp"

#include <algorithm>
#include <cstdint>
#include <regex>
#include <set>

#include "core/launch_spec.hpp"
#include "core/text.hpp"
#include "testgen/expr.hpp"
#include "testgen/source_facts.hpp"
#include "testgen/type_names.hpp"

namespace kq::testgen {
namespace {

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Splits on commas outside (), {}, [] (template angles do not occur in sizes).
std::vector<std::string> split_args(const std::string& s) { return split_top_level(s); }

// The text between the parenthesis opening at `open` and its match; npos end when unbalanced.
std::size_t matching_paren(const std::string& s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) return i;
  }
  return std::string::npos;
}

// Preprocessor lines (with their continuations) moved out of the body text.
std::string take_directives(std::string& text) {
  std::string defines;
  std::size_t line = 0;
  while (line < text.size()) {
    std::size_t end = text.find('\n', line);
    if (end == std::string::npos) end = text.size();
    std::size_t first = text.find_first_not_of(" \t", line);
    if (first < end && text[first] == '#') {
      while (end < text.size() && end > line && text[end - 1] == '\\') {
        std::size_t next = text.find('\n', end + 1);
        end = next == std::string::npos ? text.size() : next;
      }
      defines += text.substr(line, end - line) + "\n";
      for (std::size_t i = line; i < end; ++i) text[i] = ' ';
    }
    line = end + 1;
  }
  return defines;
}

// Statements at paren depth 0, each cut after the last brace that opens or
// closes a block (brace initialisers inside the statement stay).
std::vector<std::string> statements(const std::string& text) {
  std::vector<std::string> out;
  int parens = 0;
  std::string cur;
  auto flush = [&] {
    std::vector<std::size_t> open;
    std::size_t cut = 0;
    for (std::size_t i = 0; i < cur.size(); ++i) {
      if (cur[i] == '{') open.push_back(i);
      if (cur[i] == '}') {
        if (open.empty()) cut = i + 1;
        else open.pop_back();
      }
    }
    if (!open.empty()) cut = std::max(cut, open.back() + 1);  // an unmatched '{' opens a block
    out.push_back(trim(cur.substr(cut)));
    cur.clear();
  };
  for (char c : text) {
    if (c == '(') ++parens;
    if (c == ')') parens = std::max(0, parens - 1);
    if (c == ';' && parens == 0) {
      flush();
      continue;
    }
    cur += c;
  }
  return out;
}

std::array<std::string, 3> dims_of(const std::vector<std::string>& parts) {
  std::array<std::string, 3> d{"1", "1", "1"};
  for (std::size_t i = 0; i < parts.size() && i < 3; ++i) d[i] = parts[i];
  return d;
}

// "dim3(a, b)", "{a, b}", "(a, b)" -> the parts; nullopt when not such a list.
std::optional<std::vector<std::string>> dim_list(std::string t) {
  t = trim(t);
  if (t.rfind("dim3", 0) == 0) t = trim(t.substr(4));
  if (t.size() < 2) return std::nullopt;
  bool paren = t.front() == '(' && matching_paren(t, 0) == t.size() - 1;
  bool brace = t.front() == '{' && t.back() == '}';
  if (!paren && !brace) return std::nullopt;
  auto parts = split_args(t.substr(1, t.size() - 2));
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  return parts;
}

const std::regex& dim3_decl() {
  static const std::regex r(R"(^(?:(?:const|static|constexpr)\s+)*(?:dim3|auto)\s+([A-Za-z_]\w*)\s*(.*)$)");
  return r;
}

// `[const] TYPE name = init;` (or name(init), name{init}) for a scalar TYPE.
const std::regex& scalar_decl() {
  static const std::regex r(
      R"(^(?:(?:const|constexpr|static|register)\s+)*((?:(?:unsigned|signed|long|short)\s+)*)([A-Za-z_][\w:]*)\s+([A-Za-z_]\w*)\s*(?:=\s*(.+)|\((.+)\)|\{(.+)\})$)");
  return r;
}

bool scalar_type_name(const std::string& prefix, const std::string& type) {
  if (type == "auto") return prefix.empty();
  return !scalar_alias("", trim(prefix + type)).empty() || !scalar_alias("", type).empty();
}

void read_statement(const std::string& st, SiteLocals& out) {
  std::smatch m;
  if (std::regex_match(st, m, dim3_decl())) {
    std::string name = m[1].str(), init = trim(m[2].str());
    bool is_dim3 = st.find("dim3") != std::string::npos;
    if (init.empty() && is_dim3) {
      out.dims[name] = {"1", "1", "1"};
      return;
    }
    if (!init.empty() && init[0] == '=') init = trim(init.substr(1));
    if (auto parts = dim_list(init); parts && (is_dim3 || init.rfind("dim3", 0) == 0)) {
      out.dims[name] = dims_of(*parts);
      return;
    }
    if (is_dim3 && out.dims.count(init)) {
      out.dims[name] = out.dims[init];
      return;
    }
    if (is_dim3) {  // dim3 b = n; converts one integer
      out.dims[name] = {init, "1", "1"};
      return;
    }
  }
  if (std::regex_match(st, m, scalar_decl()) && scalar_type_name(m[1].str(), m[2].str())) {
    std::string init = m[4].matched ? m[4].str() : m[5].matched ? m[5].str() : m[6].str();
    if (split_args(init).size() == 1) out.scalars[m[3].str()] = trim(init);
    return;
  }
  static const std::regex component(R"(^([A-Za-z_]\w*)\s*\.\s*([xyz])\s*=\s*(.+)$)");
  if (std::regex_match(st, m, component) && out.dims.count(m[1].str())) {
    out.dims[m[1].str()][m[2].str()[0] - 'x'] = trim(m[3].str());
    return;
  }
  static const std::regex assign(R"(^([A-Za-z_]\w*)\s*=\s*(.+)$)");
  if (std::regex_match(st, m, assign)) {
    std::string name = m[1].str(), init = trim(m[2].str());
    if (out.dims.count(name)) {
      if (auto parts = dim_list(init)) out.dims[name] = dims_of(*parts);
      else out.dims.erase(name);  // reassigned from something unreadable
    } else if (std::regex_search(init, std::regex("\\b" + name + "\\b"))) {
      out.scalars.erase(name);  // `t = t + 1`: no one value
    } else {
      // Declared earlier in a list (`int rows, cols, n;`) or outside the body.
      out.scalars[name] = init;
    }
  }
}

// Rewrites `name(a, b)` calls of ceiling-division helpers (ceil_div, CEIL_DIV,
// divUp, iDivUp, DIV_ROUND_UP, cdiv, ...) and ceil(a / b) into integer formulas.
std::string rewrite_ceil_div(std::string t) {
  static const std::regex call(R"(\b([A-Za-z_]\w*)\s*\()");
  for (int guard = 0; guard < 16; ++guard) {
    bool changed = false;
    for (auto it = std::sregex_iterator(t.begin(), t.end(), call); it != std::sregex_iterator(); ++it) {
      std::string name = (*it)[1].str(), lower;
      for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool ceil_fn = lower == "ceil" || lower == "ceilf";
      bool div_up = lower.find("div") != std::string::npos &&
                    (lower.find("up") != std::string::npos || lower.find("ceil") != std::string::npos ||
                     lower == "cdiv" || lower == "idiv");
      if (!ceil_fn && !div_up) continue;
      std::size_t open = static_cast<std::size_t>(it->position()) + it->length() - 1;
      std::size_t close = matching_paren(t, open);
      if (close == std::string::npos) break;
      std::string inner = t.substr(open + 1, close - open - 1);
      std::vector<std::string> ab = split_args(inner);
      if (ceil_fn) {
        // ceil(a / b): the division at the top level of the argument.
        int depth = 0;
        std::size_t slash = std::string::npos;
        for (std::size_t i = 0; i < inner.size(); ++i) {
          if (inner[i] == '(') ++depth;
          if (inner[i] == ')') --depth;
          if (inner[i] == '/' && depth == 0) slash = i;
        }
        if (slash == std::string::npos) break;
        ab = {trim(inner.substr(0, slash)), trim(inner.substr(slash + 1))};
      }
      if (ab.size() != 2) break;
      std::string repl = "((" + ab[0] + ")+(" + ab[1] + ")-1)/(" + ab[1] + ")";
      t = t.substr(0, static_cast<std::size_t>(it->position())) + repl + t.substr(close + 1);
      changed = true;
      break;
    }
    if (!changed) break;
  }
  return t;
}

// Casts, std:: prefixes and float literals that do not change an integer size.
std::string normalize(std::string t) {
  static const std::regex std_prefix(R"(\bstd\s*::\s*)");
  static const std::regex c_cast(
      R"(\(\s*(?:const\s+)?(?:unsigned\s+int|unsigned\s+long|unsigned|int|long|long\s+long|size_t|float|double|uint32_t|int32_t|int64_t|uint64_t)\s*\))");
  static const std::regex cxx_cast(R"(\bstatic_cast\s*<[^<>]*>\s*)");
  static const std::regex float_lit(R"(\b(\d+)\.0*[fF]?(?![\w.]))");
  // Tensor extents (`x.numel()`, `x.size(1)`) become names of their own.
  static const std::regex numel(R"(\b([A-Za-z_]\w*)\s*(?:\.|->)\s*numel\s*\(\s*\))");
  static const std::regex extent(R"(\b([A-Za-z_]\w*)\s*(?:\.|->)\s*size\s*\(\s*(\d)\s*\))");
  t = std::regex_replace(t, numel, "$1__numel");
  t = std::regex_replace(t, extent, "$1__size$2");
  t = std::regex_replace(t, std_prefix, "");
  t = std::regex_replace(t, cxx_cast, "");
  t = std::regex_replace(t, c_cast, "");
  t = std::regex_replace(t, float_lit, "$1");
  return rewrite_ceil_div(t);
}

// Whether a formula with free variables is arithmetic alone (no calls, members, subscripts).
bool evaluates(const std::string& f) {
  Bindings probe;
  for (const auto& id : expr_identifiers(f)) probe[id] = 7;
  return eval_size(f, probe).has_value();
}

// An identifier for a value computed at run time, the same for the same text.
std::string run_time_name(const std::string& init) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : init)
    if (!std::isspace(static_cast<unsigned char>(c))) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  static const char* hex = "0123456789abcdef";
  std::string out = "rt_";
  for (int i = 0; i < 12; ++i) out += hex[(h >> (4 * i)) & 15];
  return out;
}

class Expander {
 public:
  Expander(const LaunchSite& site, const std::string& unit, const std::vector<std::string>& params)
      : locals_(read_site_locals(site.context)), unit_(unit) {
    constants_source_ = locals_.defines + "\n" + unit_;
    for (std::size_t i = 0; i < site.args.size() && i < params.size(); ++i) {
      std::string a = trim(normalize(site.args[i]));
      bool ident = !a.empty() && !std::isdigit(static_cast<unsigned char>(a[0]));
      for (char c : a) ident &= is_ident_char(c);
      if (ident) arg_params_[a] = params[i];
    }
  }

  // The block variable's name, kept as `block` (threads per block) where unresolved.
  void keep_as_block(const std::string& name) { block_name_ = name; }

  // Names nothing at the site defines stay in the formula as free variables.
  void keep_free() { keep_free_ = true; }

  const SiteLocals& locals() const { return locals_; }

  std::optional<std::string> expand(const std::string& text, int depth = 0) const {
    if (depth > 12) return std::nullopt;
    std::string t = normalize(replace_sizeof(text));
    std::string out;
    for (std::size_t i = 0; i < t.size();) {
      if (!std::isalpha(static_cast<unsigned char>(t[i])) && t[i] != '_') {
        if (std::isdigit(static_cast<unsigned char>(t[i])))
          while (i < t.size() && is_ident_char(t[i])) out += t[i++];
        else
          out += t[i++];
        continue;
      }
      std::size_t b = i;
      while (i < t.size() && is_ident_char(t[i])) ++i;
      std::string id = t.substr(b, i - b);
      // A dim3 local's component: name.x
      std::size_t j = t.find_first_not_of(" \t", i);
      if (j != std::string::npos && t[j] == '.' && locals_.dims.count(id) && !arg_params_.count(id)) {
        std::size_t k = t.find_first_not_of(" \t", j + 1);
        if (k == std::string::npos || (t[k] != 'x' && t[k] != 'y' && t[k] != 'z')) return std::nullopt;
        auto v = expand(locals_.dims.at(id)[t[k] - 'x'], depth + 1);
        if (!v) return std::nullopt;
        out += "(" + *v + ")";
        i = k + 1;
        continue;
      }
      auto v = identifier(id, depth);
      if (!v) return std::nullopt;
      out += *v;
    }
    return out;
  }

 private:
  std::optional<std::string> identifier(const std::string& id, int depth) const {
    if (id == "min" || id == "max") return id;
    if (auto it = arg_params_.find(id); it != arg_params_.end()) return it->second;
    if (!block_name_.empty() && id == block_name_) return std::string("block");
    if (auto it = locals_.scalars.find(id); it != locals_.scalars.end()) {
      auto v = expand(it->second, depth + 1);
      // A local the host computes at run time (`n = atoi(argv[1])`) is free.
      // Two locals computed alike (`rows = atoi(argv[1]); cols = atoi(argv[1]);`)
      // are one free variable, named after the computation.
      if (keep_free_ && (!v || !evaluates(*v))) return run_time_name(it->second);
      if (!v) return std::nullopt;
      return "(" + *v + ")";
    }
    if (auto c = int_constant(constants_source_, id)) return std::to_string(*c);
    if (keep_free_ && !locals_.dims.count(id)) return id;
    return std::nullopt;
  }

  std::string replace_sizeof(const std::string& t) const {
    static const std::regex sizeof_re(R"(sizeof\s*\(\s*([^()]*?)\s*\))");
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(t.begin(), t.end(), sizeof_re); it != std::sregex_iterator(); ++it) {
      out += t.substr(last, static_cast<std::size_t>(it->position()) - last);
      std::string type = (*it)[1].str();
      auto layout = type_layout(unit_, type);
      out += layout ? std::to_string(layout->size) : "sizeof_unknown";
      last = static_cast<std::size_t>(it->position() + it->length());
    }
    return out + t.substr(last);
  }

  SiteLocals locals_;
  std::string unit_;
  std::string constants_source_;
  std::map<std::string, std::string> arg_params_;  // launch-side name -> kernel parameter
  std::string block_name_;
  bool keep_free_ = false;
};

std::optional<std::array<std::string, 3>> components(const std::string& text, const Expander& e) {
  std::string t = trim(text);
  std::array<std::string, 3> raw{"1", "1", "1"};
  if (auto it = e.locals().dims.find(t); it != e.locals().dims.end()) raw = it->second;
  else if (auto parts = dim_list(t)) raw = dims_of(*parts);
  else raw[0] = t;
  std::array<std::string, 3> out;
  for (int i = 0; i < 3; ++i) {
    auto v = e.expand(raw[i]);
    if (!v) return std::nullopt;
    out[i] = *v;
  }
  return out;
}

}  // namespace

SiteLocals read_site_locals(const std::string& context) {
  SiteLocals out;
  std::string text = context;
  out.defines = take_directives(text);
  for (const auto& st : statements(text))
    if (!st.empty()) read_statement(st, out);
  return out;
}

std::optional<std::array<std::string, 3>> site_dim_formulas(const std::string& text, const LaunchSite& site,
                                                            const std::string& unit_source,
                                                            const std::vector<std::string>& params) {
  if (trim(text).empty()) return std::nullopt;
  return components(text, Expander(site, unit_source, params));
}

std::vector<std::string> site_grid_params(const LaunchSite& site, const std::vector<std::string>& params) {
  auto locals = read_site_locals(site.context);
  std::map<std::string, std::string> arg_params;
  for (std::size_t i = 0; i < site.args.size() && i < params.size(); ++i) {
    std::string a = trim(normalize(site.args[i]));
    if (!a.empty() && std::all_of(a.begin(), a.end(), is_ident_char) && !std::isdigit(static_cast<unsigned char>(a[0])))
      arg_params[a] = params[i];
  }
  std::vector<std::string> out, todo = expr_identifiers(site.grid);
  std::set<std::string> seen;
  while (!todo.empty() && seen.size() < 256) {
    std::string id = todo.back();
    todo.pop_back();
    if (!seen.insert(id).second) continue;
    std::vector<std::string> more;
    if (auto a = arg_params.find(id); a != arg_params.end()) {
      if (std::find(out.begin(), out.end(), a->second) == out.end()) out.push_back(a->second);
    } else if (auto sc = locals.scalars.find(id); sc != locals.scalars.end()) {
      more = expr_identifiers(sc->second);
    } else if (auto d = locals.dims.find(id); d != locals.dims.end()) {
      for (const auto& c : d->second)
        for (const auto& x : expr_identifiers(c)) more.push_back(x);
    }
    todo.insert(todo.end(), more.begin(), more.end());
  }
  std::vector<std::string> ordered;  // in parameter order
  for (const auto& p : params)
    if (std::find(out.begin(), out.end(), p) != out.end()) ordered.push_back(p);
  return ordered;
}

std::optional<std::array<unsigned, 3>> resolve_site_dims(const std::string& text, const LaunchSite& site,
                                                         const std::string& unit_source) {
  auto f = site_dim_formulas(text, site, unit_source, {});
  if (!f) return std::nullopt;
  std::array<unsigned, 3> d{1, 1, 1};
  for (int i = 0; i < 3; ++i) {
    auto v = eval_size((*f)[i], {});
    if (!v || *v <= 0 || *v > 1024) return std::nullopt;
    d[i] = static_cast<unsigned>(*v);
  }
  if (1ULL * d[0] * d[1] * d[2] > 1024) return std::nullopt;
  return d;
}

std::optional<std::string> site_free_formula(const std::string& text, const LaunchSite& site,
                                             const std::string& unit_source) {
  if (trim(text).empty()) return std::nullopt;
  Expander e(site, unit_source, {});
  e.keep_free();
  auto f = e.expand(text);
  if (!f || !evaluates(*f)) return std::nullopt;  // calls, member access, ...
  return f;
}

std::optional<std::string> site_bytes_formula(const std::string& text, const LaunchSite& site,
                                              const std::string& unit_source, const std::vector<std::string>& params) {
  Expander e(site, unit_source, params);
  // A block that resolves to constants is folded in; one that does not is `block`.
  if (!resolve_site_dims(site.block, site, unit_source)) e.keep_as_block(trim(site.block));
  return e.expand(text);
}

}  // namespace kq::testgen
