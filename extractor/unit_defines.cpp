#include "extractor/unit_defines.hpp"

#include <regex>

namespace kq::extractor {
namespace fs = std::filesystem;

namespace {

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool uses_word(std::string_view text, std::string_view name) {
  for (auto pos = text.find(name); pos != std::string_view::npos; pos = text.find(name, pos + 1)) {
    bool left = pos == 0 || !is_ident(text[pos - 1]);
    bool right = pos + name.size() >= text.size() || !is_ident(text[pos + name.size()]);
    if (left && right) return true;
  }
  return false;
}

bool defines_itself(const std::string& unit, const std::string& name) {
  const std::regex def("#\\s*define\\s+" + name + "\\b");
  return std::regex_search(unit, def);
}

bool looks_like_macro(const std::string& name) {
  if (name.size() < 2 || !std::isupper(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (std::islower(static_cast<unsigned char>(c))) return false;
  return true;
}

bool in_chain(const fs::path& dir, const fs::path& file) {
  for (fs::path d = file.parent_path(); !d.empty(); d = d.parent_path()) {
    if (d == dir) return true;
    if (d == d.parent_path()) break;
  }
  return false;
}

bool found(std::string_view text, const std::string& pattern) { return std::regex_search(text.begin(), text.end(), std::regex(pattern)); }

}  // namespace

std::optional<InferredValue> infer_macro_value(std::string_view text, const std::string& n) {
  const std::string name = "\\b" + n + "\\b";
  if (found(text, R"(__(shfl\w*|ballot|any|all|match_any|match_all|reduce_\w+)_sync\s*\(\s*)" + name) ||
      n.find("MASK") != std::string::npos)
    return InferredValue{"0xffffffffu", "a warp mask"};
  if (n.find("WARP") != std::string::npos || n.find("LANE") != std::string::npos)
    return InferredValue{"32", "a warp size"};
  if (found(text, R"(__launch_bounds__\s*\(\s*)" + name)) return InferredValue{"256", "the launch bound"};
  if (found(text, R"(__shared__[^;]*\[[^\]]*)" + name + R"([^\]]*\]\s*\[)") ||
      found(text, R"(__shared__[^;]*\]\s*\[[^\]]*)" + name))
    return InferredValue{"16", "a bound of a two-dimensional shared tile"};
  if (found(text, R"(__shared__[^;]*\[[^\]]*)" + name)) return InferredValue{"256", "a shared array bound"};
  if (found(text, R"((threadIdx|blockDim|tid|lane)\w*(\.[xyz])?\s*[<%/*]\s*)" + name) ||
      found(text, name + R"(\s*\*\s*blockIdx)") || found(text, R"(blockIdx(\.[xyz])?\s*\*\s*)" + name))
    return InferredValue{"256", "a block size"};
  if (found(text, R"(\[\s*)" + name + R"(\s*\])")) return InferredValue{"256", "an array bound"};
  return std::nullopt;
}

UnitDefines add_build_defines(const std::string& unit, const std::vector<BuildDefine>& defines,
                              const std::set<std::string>& undeclared, const fs::path& file) {
  UnitDefines out;
  std::string head;
  std::set<std::string> written;
  for (const auto& d : defines) {
    if (written.count(d.name) || !uses_word(unit, d.name) || defines_itself(unit, d.name)) continue;
    if (!in_chain(d.dir, file) && !undeclared.count(d.name)) continue;
    head += "#define " + d.name + " " + d.value + "  // from the build: " + d.origin + "\n";
    written.insert(d.name);
  }
  for (const auto& name : undeclared) {
    if (written.count(name) || !looks_like_macro(name) || !uses_word(unit, name) || defines_itself(unit, name))
      continue;
    auto v = infer_macro_value(unit, name);
    if (!v) continue;
    head += "#define " + name + " " + v->value + "  // assumed: used as " + v->reason +
            "; no build file defines it\n";
    out.assumptions.push_back("#define " + name + " " + v->value + ": used as " + v->reason +
                              ", no build file defines it");
    written.insert(name);
  }
  out.unit = head.empty() ? unit : head + unit;
  return out;
}

void set_build_defines(ParseRequest& rq, const std::vector<BuildDefine>& repo_defines) {
  rq.build_defines = defines_for_file(repo_defines, rq.file);
  std::set<std::string> given;
  for (const auto& d : rq.defines) given.insert(d.substr(0, d.find('=')));
  for (const auto& d : rq.build_defines)
    if (in_chain(d.dir, rq.file) && given.insert(d.name).second) rq.defines.push_back(d.name + "=" + d.value);
}

}  // namespace kq::extractor
