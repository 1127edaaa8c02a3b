#include "testgen/template_choice.hpp"

#include <algorithm>
#include <regex>

#include "core/text.hpp"

namespace kq::testgen {
namespace {

bool name_matches(const std::string& name, const char* pattern) {
  return std::regex_search(name, std::regex(pattern, std::regex::icase));
}

// The parameter is an edge of a two-dimensional tile: `s[N][N]`, `N * N`,
// or both threadIdx.x and threadIdx.y reach it.
bool square_use(const std::string& name, const std::string& src) {
  const std::string n = "\\b" + name + "\\b";
  return std::regex_search(src, std::regex("\\[\\s*" + name + "\\s*(?:\\+\\s*\\d+\\s*)?\\]\\s*\\[\\s*" + name + "\\b")) ||
         std::regex_search(src, std::regex(n + "\\s*\\*\\s*" + n));
}

// It sizes a shared array or bounds a thread index: a block-sized extent.
bool block_use(const std::string& name, const std::string& src) {
  const std::string n = "\\b" + name + "\\b";
  return std::regex_search(src, std::regex("__shared__[^;]*\\[[^\\];]*" + n)) ||
         std::regex_search(src, std::regex("threadIdx\\.[xyz]\\s*<\\s*" + n)) ||
         std::regex_search(src, std::regex("blockDim\\.[xyz]\\s*==\\s*" + n));
}

}  // namespace

TemplateParam parse_template_param(const std::string& text) {
  TemplateParam p;
  std::string t = trim(text);
  auto eq = t.find('=');
  if (eq != std::string::npos) {
    p.default_value = trim(t.substr(eq + 1));
    t = trim(t.substr(0, eq));
  }
  auto sp = t.find_last_of(" \t");
  p.name = sp == std::string::npos ? t : t.substr(sp + 1);
  p.head = sp == std::string::npos ? "" : trim(t.substr(0, sp));
  p.kind = (p.head == "typename" || p.head == "class") ? "type" : "value";
  return p;
}

bool looks_like_block_size(const std::string& name) {
  return name_matches(name, "(?:BLOCK|THREAD|TILE|WARP|SIZE|BS|NT)");
}

std::vector<std::string> template_candidates(const TemplateParam& p, const std::string& src) {
  if (p.kind == "type") return {"float", "double", "int"};
  if (p.head == "bool") return {"false", "true"};
  const std::string& n = p.name;
  if (name_matches(n, "WARP")) return {"32"};
  if (square_use(n, src)) return {"16", "32", "8"};
  if (name_matches(n, "^(?:B[MNK]|T[MNK]|W[MN]|TILE\\w*|\\w*_TILE)$") || name_matches(n, "TILE"))
    return {"32", "16", "8", "64"};
  if (looks_like_block_size(n) || block_use(n, src)) return {"256", "128", "64", "32"};
  if (name_matches(n, "(?:DIM|RANK|^D$)")) return {"2", "3", "1"};
  if (name_matches(n, "(?:VEC|PACK|UNROLL|ITEM|PER|ELEM|NUM|^N|^K)")) return {"4", "2", "8", "1"};
  return {"4", "2", "8", "16", "1"};
}

std::vector<std::vector<std::string>> template_choices(const std::vector<TemplateParam>& params,
                                                       const std::vector<std::string>& fixed,
                                                       const std::string& src, std::size_t limit) {
  std::vector<std::vector<std::string>> candidates;
  std::size_t longest = 1;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i < fixed.size() && !fixed[i].empty()) candidates.push_back({fixed[i]});
    else if (!params[i].default_value.empty()) candidates.push_back({params[i].default_value});
    else candidates.push_back(template_candidates(params[i], src));
    longest = std::max(longest, candidates.back().size());
  }
  std::vector<std::vector<std::string>> out;
  for (std::size_t k = 0; k < longest && out.size() < limit; ++k) {
    std::vector<std::string> list;
    for (const auto& c : candidates) list.push_back(c[std::min(k, c.size() - 1)]);
    if (std::find(out.begin(), out.end(), list) == out.end()) out.push_back(std::move(list));
  }
  return out;
}

std::string chosen_template_assumption(const std::vector<std::string>& args) {
  return "template arguments <" + join(args, ", ") + "> chosen: the repository instantiates the kernel with none";
}

}  // namespace kq::testgen
