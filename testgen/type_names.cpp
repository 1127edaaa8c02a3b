#include "testgen/type_names.hpp"

#include <map>
#include <regex>

#include "core/launch_spec.hpp"
#include "core/text.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen {
namespace {

// Spellings of the same scalar and aliases the system headers define.
const std::map<std::string, std::string>& known_aliases() {
  static const std::map<std::string, std::string> m = {
      {"uint", "unsigned int"},        {"ushort", "unsigned short"},       {"uchar", "unsigned char"},
      {"ulong", "unsigned long"},      {"u_int", "unsigned int"},          {"u_char", "unsigned char"},
      {"clock_t", "long"},             {"ptrdiff_t", "long"},              {"ssize_t", "long"},
      {"long int", "long"},            {"unsigned long int", "unsigned long"}, {"signed int", "int"},
      {"signed", "int"},               {"short int", "short"},             {"unsigned short int", "unsigned short"},
      {"long long int", "long long"},  {"unsigned long long int", "unsigned long long"},
      {"std::size_t", "size_t"},       {"std::int32_t", "int32_t"},        {"std::uint32_t", "uint32_t"},
      {"std::int64_t", "int64_t"},     {"std::uint64_t", "uint64_t"},      {"std::uint8_t", "uint8_t"},
      {"std::int8_t", "int8_t"},       {"std::uint16_t", "uint16_t"},      {"std::int16_t", "int16_t"},
      {"unsigned char", "unsigned char"}};
  return m;
}

std::string collapse(const std::string& s) {
  std::string out;
  for (char c : trim(s)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string alias_target(const std::string& source, const std::string& name) {
  std::smatch m;
  std::regex td("typedef\\s+([A-Za-z_][\\w\\s:]*?)\\s+" + name + "\\s*;");
  if (std::regex_search(source, m, td)) return collapse(m[1].str());
  std::regex us("using\\s+" + name + "\\s*=\\s*([^;]+);");
  if (std::regex_search(source, m, us)) return collapse(m[1].str());
  return "";
}

}  // namespace

std::string scalar_alias(const std::string& source, const std::string& type) {
  std::string t = collapse(type);
  for (int depth = 0; depth < 8 && !t.empty(); ++depth) {
    if (scalar_type_size(t)) return t;
    if (auto it = known_aliases().find(t); it != known_aliases().end()) return it->second;
    if (t.find_first_of("<>*&()[]") != std::string::npos) return "";
    t = alias_target(source, t);
  }
  return "";
}

bool concrete_type(const std::string& source, const std::string& text) {
  std::string t = collapse(text);
  if (!scalar_alias(source, t).empty()) return true;
  return type_layout(source, t).has_value();
}

}  // namespace kq::testgen
