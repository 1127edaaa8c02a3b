#include "extractor/build_flags.hpp"

#include <map>
#include <regex>
#include <set>

#include "core/fs.hpp"
#include "core/text.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxBuildFiles = 4000;
constexpr std::size_t kMaxBuildFileBytes = 1u << 20;

// The text with '#' comments blanked (line breaks kept, so line numbers hold).
std::string without_comments(std::string_view text) {
  std::string out(text);
  bool in_quote = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (c == '\n') in_quote = false;
    else if (c == '"') in_quote = !in_quote;
    else if (c == '#' && !in_quote) {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
      --i;
    }
  }
  return out;
}

int line_of(std::string_view text, std::size_t pos) {
  int line = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// Variables assigned in the file: `set(NAME value)` (CMake), `NAME := value` (make).
std::map<std::string, std::string> variables(const std::string& text, BuildFileKind kind) {
  std::map<std::string, std::string> out;
  static const std::regex cmake_set(R"re(\bset\s*\(\s*([A-Za-z_]\w*)\s+"?([^")\s]+)"?\s*\))re", std::regex::icase);
  static const std::regex make_set(R"((?:^|\n)\s*(?:override\s+|export\s+)?([A-Za-z_]\w*)\s*[:?+]?=[ \t]*([^\n]*))");
  const std::regex& re = kind == BuildFileKind::cmake ? cmake_set : make_set;
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
    out.emplace((*it)[1].str(), trim((*it)[2].str()));
  return out;
}

// $(X), ${X} replaced from `vars`; other references stay (and make the value unusable).
std::string substitute(std::string s, const std::map<std::string, std::string>& vars) {
  static const std::regex ref(R"(\$[({]([A-Za-z_]\w*)[)}])");
  for (int round = 0; round < 3 && s.find('$') != std::string::npos; ++round) {
    std::string out;
    std::size_t last = 0;
    for (std::sregex_iterator it(s.begin(), s.end(), ref), end; it != end; ++it) {
      auto v = vars.find((*it)[1].str());
      out += s.substr(last, it->position() - last);
      out += v != vars.end() ? v->second : it->str();
      last = it->position() + it->length();
    }
    s = out + s.substr(last);
  }
  return s;
}

std::string unquote(std::string s) {
  s = trim(s);
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
  return s;
}

void add_define(BuildFlags& out, const std::string& item, const fs::path& dir, const std::string& origin) {
  static const std::regex def(R"(^([A-Za-z_]\w*)(?:=(.*))?$)");
  std::smatch m;
  std::string s = unquote(item);
  // References to variables not set in the file, and escaped strings, give no usable value.
  if (!std::regex_match(s, m, def) || s.find('$') != std::string::npos || s.find('\\') != std::string::npos) return;
  std::string name = m[1].str();
  if (name.starts_with("CMAKE_")) return;  // cache variables given to cmake, not the compiler
  out.defines.push_back({name, m[2].matched ? unquote(m[2].str()) : "1", origin, dir});
}

void add_include(BuildFlags& out, const std::string& item, const fs::path& dir) {
  std::string s = unquote(item);
  if (s.empty() || s.find('$') != std::string::npos || s.find('<') != std::string::npos) return;
  fs::path p(s);
  out.include_dirs.push_back((p.is_absolute() ? p : dir / p).lexically_normal());
}

// `-DNAME[=value]` and `-Ipath` tokens anywhere in the text.
void flag_tokens(const std::string& text, const std::map<std::string, std::string>& vars, const fs::path& dir,
                 const std::string& file, BuildFlags& out) {
  static const std::regex flag(R"((?:^|[\s"'(\[,=])-([DI])[ \t]?("[^"\n]*"|(?:\$[({]\w+[)}]|[^\s"',)\]$])+))");
  for (std::sregex_iterator it(text.begin(), text.end(), flag), end; it != end; ++it) {
    std::string value = substitute((*it)[2].str(), vars);
    std::string origin = file + ":" + std::to_string(line_of(text, it->position()));
    if ((*it)[1] == "D") add_define(out, value, dir, origin);
    else add_include(out, value, dir);
  }
}

// Arguments of every `command(...)` call in CMake text, split on blanks.
std::vector<std::pair<std::size_t, std::vector<std::string>>> cmake_calls(const std::string& text,
                                                                          const std::string& command) {
  std::vector<std::pair<std::size_t, std::vector<std::string>>> out;
  const std::regex call("\\b" + command + "\\s*\\(([^)]*)\\)", std::regex::icase);
  static const std::regex word(R"("[^"]*"|[^\s"]+)");
  for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
    std::string args = (*it)[1].str();
    std::vector<std::string> words;
    for (std::sregex_iterator w(args.begin(), args.end(), word), wend; w != wend; ++w) words.push_back(w->str());
    out.emplace_back(it->position(), std::move(words));
  }
  return out;
}

bool is_cmake_keyword(const std::string& w) {
  static const std::set<std::string> kw = {"PRIVATE", "PUBLIC", "INTERFACE", "SYSTEM", "BEFORE", "AFTER"};
  return kw.count(w) > 0;
}

void cmake_flags(const std::string& text, const std::map<std::string, std::string>& vars, const fs::path& dir,
                 const std::string& file, BuildFlags& out) {
  for (const char* command : {"add_compile_definitions", "target_compile_definitions"}) {
    bool targeted = std::string_view(command).starts_with("target_");
    for (auto& [pos, words] : cmake_calls(text, command))
      for (std::size_t i = targeted ? 1 : 0; i < words.size(); ++i) {
        std::string w = substitute(words[i], vars);
        if (is_cmake_keyword(w) || w.starts_with("-D")) continue;  // -D items are read as flag tokens
        add_define(out, w, dir, file + ":" + std::to_string(line_of(text, pos)));
      }
  }
  for (const char* command : {"include_directories", "target_include_directories"}) {
    bool targeted = std::string_view(command).starts_with("target_");
    for (auto& [pos, words] : cmake_calls(text, command))
      for (std::size_t i = targeted ? 1 : 0; i < words.size(); ++i)
        if (!is_cmake_keyword(words[i])) add_include(out, substitute(words[i], vars), dir);
  }
}

void setup_py_flags(const std::string& text, const fs::path& dir, const std::string& file, BuildFlags& out) {
  static const std::regex macros(R"(define_macros\s*=\s*\[([^\]]*)\])");
  static const std::regex pair(R"(\(\s*['"](\w+)['"]\s*,\s*(None|['"][^'"]*['"]|\d+)\s*\))");
  static const std::regex dirs(R"(include_dirs\s*=\s*\[([^\]]*)\])");
  static const std::regex str(R"(['"]([^'"]+)['"])");
  for (std::sregex_iterator it(text.begin(), text.end(), macros), end; it != end; ++it) {
    std::string list = (*it)[1].str();
    std::string origin = file + ":" + std::to_string(line_of(text, it->position()));
    for (std::sregex_iterator p(list.begin(), list.end(), pair); p != end; ++p) {
      std::string value = (*p)[2].str() == "None" ? "1" : unquote((*p)[2].str());
      out.defines.push_back({(*p)[1].str(), value, origin, dir});
    }
  }
  for (std::sregex_iterator it(text.begin(), text.end(), dirs), end; it != end; ++it) {
    std::string list = (*it)[1].str();
    for (std::sregex_iterator s(list.begin(), list.end(), str); s != end; ++s) add_include(out, (*s)[1].str(), dir);
  }
}

}  // namespace

bool build_file_kind(const fs::path& p, BuildFileKind& kind) {
  std::string name = p.filename().string();
  std::string ext = p.extension().string();
  if (name == "CMakeLists.txt" || ext == ".cmake") kind = BuildFileKind::cmake;
  else if (name == "Makefile" || name == "makefile" || name == "GNUmakefile" || ext == ".mk" || ext == ".mak")
    kind = BuildFileKind::makefile;
  else if (name == "setup.py") kind = BuildFileKind::setup_py;
  else return false;
  return true;
}

BuildFlags flags_in_build_file(std::string_view raw, BuildFileKind kind, const fs::path& dir,
                               const std::string& origin) {
  BuildFlags out;
  std::string text = without_comments(raw);
  std::map<std::string, std::string> vars;
  if (kind != BuildFileKind::setup_py) vars = variables(text, kind);
  for (const char* current : {"CMAKE_CURRENT_SOURCE_DIR", "CMAKE_CURRENT_LIST_DIR", "CURDIR"})
    vars[current] = dir.string();
  flag_tokens(text, vars, dir, origin, out);
  if (kind == BuildFileKind::cmake) cmake_flags(text, vars, dir, origin, out);
  if (kind == BuildFileKind::setup_py) setup_py_flags(text, dir, origin, out);
  return out;
}

BuildFlags read_build_flags(const fs::path& root) {
  BuildFlags out;
  std::error_code ec;
  std::size_t files = 0;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; it != end && !ec && files < kMaxBuildFiles; it.increment(ec)) {
    const auto& entry = *it;
    if (entry.is_symlink(ec)) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec)) {
      if (name.starts_with(".") || name == "node_modules") it.disable_recursion_pending();
      continue;
    }
    BuildFileKind kind;
    if (!build_file_kind(entry.path(), kind) || entry.file_size(ec) > kMaxBuildFileBytes) continue;
    ++files;
    try {
      std::string rel = fs::relative(entry.path(), root).generic_string();
      BuildFlags f = flags_in_build_file(read_file(entry.path(), kMaxBuildFileBytes), kind,
                                         entry.path().parent_path(), rel);
      out.defines.insert(out.defines.end(), f.defines.begin(), f.defines.end());
      for (const auto& d : f.include_dirs)
        if (fs::is_directory(d, ec) && is_within(root, d)) out.include_dirs.push_back(fs::weakly_canonical(d));
    } catch (const std::exception&) {
      // An unreadable build file contributes nothing.
    }
  }
  return out;
}

std::vector<BuildDefine> defines_for_file(const std::vector<BuildDefine>& all, const fs::path& file) {
  std::vector<BuildDefine> out;
  std::set<std::string> named;
  auto take = [&](const BuildDefine& d) {
    if (named.insert(d.name).second) out.push_back(d);
  };
  for (fs::path dir = file.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    for (const auto& d : all)
      if (d.dir == dir) take(d);
    if (dir == dir.parent_path()) break;
  }
  for (const auto& d : all) take(d);
  return out;
}

}  // namespace kq::extractor
