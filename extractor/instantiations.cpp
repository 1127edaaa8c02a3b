#include "extractor/instantiations.hpp"

#include <regex>

#include "core/source_scan.hpp"
#include "extractor/clang_util.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {

std::multimap<std::string, std::string> find_explicit_instantiations(std::string_view raw) {
  static const std::regex re(R"(\btemplate\s+(?!<)([^;{}<>()]*?)\b(\w+)\s*<([^;{}]*?)>\s*\(([^;{}]*)\)\s*;)");
  std::string text = blank_comments(raw);
  std::multimap<std::string, std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
    out.emplace((*it)[2].str(), collapse_ws((*it)[0].str()));
  return out;
}

std::string append_instantiations(const std::string& unit, const std::string& qualified_name,
                                  const std::vector<std::string>& statements) {
  if (statements.empty()) return unit;
  std::vector<std::string> ns;
  for (std::size_t b = 0, p; (p = qualified_name.find("::", b)) != std::string::npos; b = p + 2)
    ns.push_back(qualified_name.substr(b, p - b));
  std::string out = unit;
  if (!out.ends_with("\n")) out += "\n";
  out += "\n";
  for (const auto& s : statements) {
    bool qualified = s.find("::") != std::string::npos || ns.empty();
    if (qualified) {
      out += s + "\n";
      continue;
    }
    for (const auto& n : ns) out += "namespace " + n + " { ";
    out += s;
    for (std::size_t i = 0; i < ns.size(); ++i) out += " }";
    out += "\n";
  }
  return out;
}

}  // namespace kq::extractor
