#include "core/source_scan.hpp"

#include <algorithm>
#include <regex>

#include "core/text.hpp"

namespace kq {

std::vector<ExternSharedArray> extern_shared_arrays(std::string_view source) {
  static const std::regex decl(
      R"(extern\s+__shared__\s+(?:__align__\s*\(\s*\d+\s*\)\s+)?([^;\[]*?)\s*\b([A-Za-z_]\w*)\s*\[\s*\])");
  std::vector<ExternSharedArray> out;
  std::string text(source);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), decl); it != std::sregex_iterator(); ++it)
    out.push_back({trim((*it)[1].str()), (*it)[2].str()});
  return out;
}

std::string blank_comments(std::string_view in) {
  std::string s(in);
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '"' || s[i] == '\'') {
      char q = s[i];
      for (++i; i < s.size() && s[i] != q && s[i] != '\n'; ++i)
        if (s[i] == '\\') ++i;
      continue;
    }
    if (s[i] == '/' && s[i + 1] == '/') {
      for (; i < s.size() && s[i] != '\n'; ++i) s[i] = ' ';
    } else if (s[i] == '/' && s[i + 1] == '*') {
      std::size_t j = i;
      for (; j + 1 < s.size() && !(s[j] == '*' && s[j + 1] == '/'); ++j)
        if (s[j] != '\n') s[j] = ' ';
      for (std::size_t k = j; k < std::min(s.size(), j + 2); ++k) s[k] = ' ';
      i = j + 1;
    }
  }
  return s;
}

}  // namespace kq
