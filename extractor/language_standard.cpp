#include "extractor/language_standard.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include "core/fs.hpp"
#include "core/source_scan.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

namespace {

// "c++20", "gnu++2a", "c++1z" -> year; 0 when the value is no C++ standard.
int year_of(std::string_view value) {
  auto plus = value.find("++");
  if (plus == std::string_view::npos) return 0;
  std::string_view v = value.substr(plus + 2);
  // C++98 and C++03 count as 3: below every later year.
  static const std::map<std::string_view, int> years = {
      {"98", 3},  {"03", 3},  {"0x", 11}, {"11", 11}, {"1y", 14}, {"14", 14}, {"1z", 17},
      {"17", 17}, {"2a", 20}, {"20", 20}, {"2b", 23}, {"23", 23}, {"2c", 26}, {"26", 26}};
  auto it = years.find(v.substr(0, 2));
  return it == years.end() ? 0 : it->second;
}

// Code only: comments and the contents of string literals blanked, so words
// in them ("requires compute capability 7.0") are not read as code.
std::string code_only(std::string_view source) {
  static const std::regex strings(R"("(?:[^"\\\n]|\\.)*")");
  return std::regex_replace(blank_comments(source), strings, "\"\"");
}

}  // namespace

int standard_in_flags(const std::vector<std::string>& args) {
  int best = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    std::string_view value;
    if (a.starts_with("-std=") || a.starts_with("--std=")) value = a.substr(a.find('=') + 1);
    else if ((a == "-std" || a == "--std") && i + 1 < args.size()) value = args[i + 1];
    else if (a.starts_with("/std:")) value = a.substr(5);
    best = std::max(best, year_of(value));
  }
  return best;
}

int standard_in_cmake(std::string_view text) {
  // set(CMAKE_CXX_STANDARD 20), set(CMAKE_${GPU_RUNTIME}_STANDARD 20),
  // CUDA_STANDARD 20 in set_target_properties, cxx_std_20 / cuda_std_20 features.
  static const std::regex property(R"(\b(?:CMAKE_)?(?:CXX|CUDA|HIP|\$\{\w+\})_STANDARD\s+"?(\d\d)\b)",
                                   std::regex::icase);
  static const std::regex feature(R"(\b(?:cxx|cuda|hip)_std_(\d\d)\b)");
  std::string code = std::regex_replace(std::string(text), std::regex(R"(#[^\n]*)"), "");
  int best = 0;
  for (const auto* re : {&property, &feature})
    for (std::sregex_iterator it(code.begin(), code.end(), *re), end; it != end; ++it)
      best = std::max(best, year_of("c++" + (*it)[1].str()));
  return best;
}

int standard_needed_by(std::string_view source) {
  static const std::regex cxx20(
      R"(#\s*include\s*<(?:span|concepts|bit|ranges|numbers|compare|source_location|coroutine|format|version)>)"
      R"(|\bconcept\s+\w+\s*=|\brequires\s*[({]|\brequires\s+[\w:]+\s*<|[>)]\s*requires\b)"
      R"(|\bconsteval\b|\bconstinit\b|\bco_(?:await|yield|return)\b|\bchar8_t\b|<=>)"
      R"(|\bstd::(?:span|bit_cast|popcount|countl_zero|countr_zero|has_single_bit|bit_width|bit_ceil|bit_floor|numbers|ranges|views|to_address|is_constant_evaluated|source_location|endian)\b)"
      R"(|\[\]\s*<\s*(?:typename|class)\b|\busing\s+enum\b|\[\[(?:likely|unlikely|no_unique_address)\]\])"
      R"(|[{,]\s*\.[A-Za-z_]\w*\s*=(?!=))");
  std::string code = code_only(source);
  return std::regex_search(code, cxx20) ? 20 : 0;
}

int build_standard_for(const fs::path& root, const fs::path& file, const std::map<fs::path, int>& from_compile_commands) {
  if (auto it = from_compile_commands.find(file); it != from_compile_commands.end() && it->second > 0) return it->second;
  for (fs::path d = file.parent_path(); !d.empty() && is_within(root, d); d = d.parent_path()) {
    std::error_code ec;
    fs::path lists = d / "CMakeLists.txt";
    if (fs::is_regular_file(lists, ec)) {
      try {
        if (int y = standard_in_cmake(read_file(lists, 1u << 20)); y > 0) return y;
      } catch (const std::exception&) {
        // An unreadable CMakeLists.txt says nothing; its parents may.
      }
    }
    if (d == root || d == d.parent_path()) break;
  }
  return 0;
}

std::string standard_flag(int year) { return "c++" + std::to_string(std::clamp(year, kDefaultStandard, kNewestStandard)); }

int standard_year(std::string_view flag) {
  return std::clamp(year_of(flag), kDefaultStandard, kNewestStandard);
}

}  // namespace kq::extractor
