#include "core/source_scan.hpp"

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

}  // namespace kq
