#include "extractor/launches.hpp"

#include <algorithm>
#include <regex>

#include "core/source_scan.hpp"
#include "core/text.hpp"
#include "extractor/clang_util.hpp"

namespace kq::extractor {

std::vector<std::string> split_top_level(std::string_view s) {
  auto pieces = split_call_arguments(s);
  for (auto& p : pieces) p = collapse_ws(p);
  return pieces;
}

int line_at(std::string_view text, std::size_t pos) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

std::string paren_args(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return std::string(text.substr(open + 1, i - open - 1));
  }
  return "";
}

namespace {

std::string last_component(const std::string& name) {
  auto p = name.rfind("::");
  return p == std::string::npos ? name : name.substr(p + 2);
}

// Where the parameter list of the function whose body opens at `open` begins
// (its `(`), when the `{` starts a function body: a parameter list closes
// before it (possibly followed by qualifiers), and that list does not belong
// to a control statement. npos otherwise; a lambda's body counts.
std::size_t function_params_open(std::string_view text, std::size_t open) {
  std::size_t e = open;
  auto skip_ws = [&] {
    while (e > 0 && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  };
  skip_ws();
  for (std::string_view q : {"const", "noexcept", "override", "mutable"})
    if (e >= q.size() && text.substr(e - q.size(), q.size()) == q) {
      e -= q.size();
      skip_ws();
    }
  if (e == 0 || text[e - 1] != ')') return std::string_view::npos;
  int depth = 0;
  std::size_t b = e;
  while (b > 0) {
    --b;
    if (text[b] == ')') ++depth;
    if (text[b] == '(' && --depth == 0) break;
  }
  e = b;
  skip_ws();
  std::size_t w = e;
  while (w > 0 && (std::isalnum(static_cast<unsigned char>(text[w - 1])) || text[w - 1] == '_')) --w;
  std::string_view word = text.substr(w, e - w);
  for (std::string_view c : {"if", "for", "while", "switch", "catch", ""})
    if (word == c) return word.empty() && e > 0 && text[e - 1] == ']' ? b : std::string_view::npos;
  return b;
}

// The name a parameter declaration gives ("const float* __restrict__ x",
// "int n = 4", "float a[]"); "" for an unnamed one.
std::string declared_name(std::string decl) {
  if (auto eq = decl.find('='); eq != std::string::npos) decl = decl.substr(0, eq);
  if (auto br = decl.find('['); br != std::string::npos) decl = decl.substr(0, br);
  std::size_t e = decl.size();
  while (e > 0 && std::isspace(static_cast<unsigned char>(decl[e - 1]))) --e;
  std::size_t b = e;
  while (b > 0 && (std::isalnum(static_cast<unsigned char>(decl[b - 1])) || decl[b - 1] == '_')) --b;
  std::string name = decl.substr(b, e - b);
  std::string before = collapse_ws(decl.substr(0, b));
  // A lone type ("int", "float*") names nothing.
  if (before.empty() || name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return "";
  for (const char* kw : {"const", "volatile", "__restrict__", "restrict", "unsigned", "signed", "long", "short", "int",
                         "float", "double", "char", "void", "bool", "size_t"})
    if (name == kw) return "";
  return name;
}

void read_signature(std::string_view text, std::size_t params_open, Enclosing& out) {
  std::size_t e = params_open;
  while (e > 0 && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  std::size_t b = e;
  while (b > 0 && (std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '_')) --b;
  out.function = std::string(text.substr(b, e - b));
  for (const auto& decl : split_top_level(paren_args(text, params_open))) {
    if (decl == "void" || decl == "...") continue;
    out.params.push_back(declared_name(decl));
    if (decl.find('=') == std::string::npos) out.min_args = out.params.size();
  }
}

}  // namespace

Enclosing enclosing_function(std::string_view text, std::size_t pos) {
  constexpr std::size_t kScan = 64 * 1024, kKeep = 8192;
  Enclosing out;
  std::size_t limit = pos > kScan ? pos - kScan : 0;
  std::size_t body = std::string_view::npos, params = std::string_view::npos;
  int depth = 0;
  for (std::size_t i = pos; i > limit; --i) {
    char c = text[i - 1];
    if (c == '}') ++depth;
    if (c == '{' && depth-- == 0) {
      depth = 0;
      if (auto p = function_params_open(text, i - 1); p != std::string_view::npos) {
        body = i;
        params = p;
      }
    }
  }
  if (body == std::string_view::npos) return out;
  std::size_t from = pos - body > kKeep ? text.find('\n', pos - kKeep) : body;
  if (from == std::string_view::npos || from > pos) return out;
  out.context = std::string(text.substr(from, pos - from));
  read_signature(text, params, out);
  return out;
}

namespace {

void set_enclosing(std::string_view text, std::size_t pos, Launch& l) {
  auto e = enclosing_function(text, pos);
  l.context = std::move(e.context);
  l.function = std::move(e.function);
  l.function_params = std::move(e.params);
  l.function_min_args = e.min_args;
}

void add_chevron_launches(std::string_view text, const std::string& file, std::vector<Launch>& out) {
  for (std::size_t pos = text.find("<<<"); pos != std::string_view::npos; pos = text.find("<<<", pos + 3)) {
    auto close = text.find(">>>", pos);
    if (close == std::string_view::npos) break;
    // Walk back over the kernel name and its template arguments.
    std::size_t e = pos;
    while (e > 0 && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    std::string targs;
    if (e > 0 && text[e - 1] == '>') {
      int depth = 0;
      std::size_t b = e;
      while (b > 0) {
        --b;
        if (text[b] == '>') ++depth;
        if (text[b] == '<' && --depth == 0) break;
      }
      targs = collapse_ws(text.substr(b, e - b));
      e = b;
      while (e > 0 && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    }
    std::size_t b = e;
    while (b > 0 && (std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '_' || text[b - 1] == ':'))
      --b;
    if (b == e) continue;
    Launch l;
    l.kernel = last_component(std::string(text.substr(b, e - b)));
    l.template_args = targs;
    auto cfg = split_top_level(text.substr(pos + 3, close - pos - 3));
    if (cfg.size() > 0) l.grid = cfg[0];
    if (cfg.size() > 1) l.block = cfg[1];
    if (cfg.size() > 2) l.shared = cfg[2];
    if (cfg.size() > 3) l.stream = cfg[3];
    l.via = "chevrons";
    std::size_t open = text.find_first_not_of(" \t\r\n", close + 3);
    if (open != std::string_view::npos && text[open] == '(') l.args = split_top_level(paren_args(text, open));
    set_enclosing(text, b, l);
    l.file = file;
    l.line = line_at(text, b);
    out.push_back(std::move(l));
  }
}

void add_call_launches(std::string_view text, const std::string& file, const std::string& api,
                       std::vector<Launch>& out) {
  static const std::regex strip_name(R"(^\s*(HIP_KERNEL_NAME\s*\(\s*)?\(?\s*(const\s+)?(void\s*\*\s*\)\s*)?&?\s*)");
  for (std::size_t pos = text.find(api); pos != std::string_view::npos; pos = text.find(api, pos + api.size())) {
    std::size_t open = text.find_first_not_of(" \t\r\n", pos + api.size());
    if (open == std::string_view::npos || text[open] != '(') continue;
    if (pos > 0 && (std::isalnum(static_cast<unsigned char>(text[pos - 1])) || text[pos - 1] == '_')) continue;
    auto args = split_top_level(paren_args(text, open));
    join_template_name(args);
    if (args.size() < 3) continue;
    std::string name = std::regex_replace(args[0], strip_name, "");
    auto lt = name.find('<');
    Launch l;
    if (lt != std::string::npos) {
      l.template_args = collapse_ws(name.substr(lt));
      while (!l.template_args.empty() && l.template_args.back() == ')') l.template_args.pop_back();
      name = name.substr(0, lt);
    }
    while (!name.empty() && (name.back() == ')' || name.back() == ' ')) name.pop_back();
    l.kernel = last_component(name);
    l.grid = args[1];
    l.block = args[2];
    if (api == "hipLaunchKernelGGL") {
      if (args.size() > 3) l.shared = args[3];
      if (args.size() > 4) l.stream = args[4];
    } else {
      if (args.size() > 4) l.shared = args[4];
      if (args.size() > 5) l.stream = args[5];
    }
    l.via = api;
    if (api == "hipLaunchKernelGGL" && args.size() > 5) l.args.assign(args.begin() + 5, args.end());
    set_enclosing(text, pos, l);
    l.file = file;
    l.line = line_at(text, pos);
    if (!l.kernel.empty()) out.push_back(std::move(l));
  }
}

}  // namespace

std::vector<Launch> find_launches(std::string_view raw, const std::string& file) {
  std::string text = blank_comments(raw);
  std::vector<Launch> out;
  add_chevron_launches(text, file, out);
  for (const char* api : {"hipLaunchKernelGGL", "cudaLaunchKernel", "hipLaunchKernel"})
    add_call_launches(text, file, api, out);
  return out;
}

nlohmann::json to_json(const Launch& l) {
  return {{"kernel", l.kernel}, {"template_args", l.template_args}, {"grid", l.grid}, {"block", l.block},
          {"shared", l.shared}, {"stream", l.stream}, {"via", l.via}, {"args", l.args}, {"context", l.context}, {"file", l.file}, {"line", l.line},
          {"function", l.function}, {"function_params", l.function_params},
          {"function_min_args", l.function_min_args}, {"callers", l.callers}};
}

}  // namespace kq::extractor
