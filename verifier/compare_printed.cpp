#include "verifier/compare_printed.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace kq::verify {
namespace {

// Larger files are not lines a test reads; reading stops there.
constexpr std::size_t kMaxPrintedBytes = 64u << 20;

std::optional<std::vector<std::string>> read_lines(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  std::size_t bytes = 0;
  while (bytes < kMaxPrintedBytes && std::getline(in, line)) {
    bytes += line.size() + 1;
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

const std::regex& number_pattern() {
  static const std::regex r("[-+]?(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?:inf|nan)", std::regex::icase);
  return r;
}

// A line cut into text and number pieces; numbers are the odd entries.
std::vector<std::string> pieces(const std::string& line) {
  std::vector<std::string> out;
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(line.begin(), line.end(), number_pattern()); it != std::sregex_iterator(); ++it) {
    out.push_back(line.substr(last, static_cast<std::size_t>(it->position()) - last));
    out.push_back(it->str());
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  out.push_back(line.substr(last));
  return out;
}

// One unit of the last digit `text` shows after its decimal point (0 for integers).
double last_digit_unit(const std::string& text) {
  auto dot = text.find('.');
  if (dot == std::string::npos) return 0;
  std::size_t digits = 0;
  for (std::size_t i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++digits;
  double unit = std::pow(10.0, -static_cast<double>(digits));
  auto e = text.find_first_of("eE");
  if (e != std::string::npos) unit *= std::pow(10.0, std::stod(text.substr(e + 1)));
  return unit;
}

bool numbers_agree(const std::string& e, const std::string& a, const CompareSpec& c) {
  if (e == a) return true;
  bool integral = e.find_first_of(".eEnN") == std::string::npos && a.find_first_of(".eEnN") == std::string::npos;
  if (integral) return false;
  double ev = std::strtod(e.c_str(), nullptr), av = std::strtod(a.c_str(), nullptr);
  if (std::isnan(ev) || std::isnan(av)) return std::isnan(ev) && std::isnan(av);
  if (std::isinf(ev) || std::isinf(av)) return ev == av;
  double slack = std::max(c.atol + c.rtol * std::fabs(ev), 1.01 * std::max(last_digit_unit(e), last_digit_unit(a)));
  return std::fabs(av - ev) <= slack;
}

bool lines_agree(const std::string& e, const std::string& a, const CompareSpec& c) {
  if (e == a) return true;
  auto pe = pieces(e), pa = pieces(a);
  if (pe.size() != pa.size()) return false;
  for (std::size_t i = 0; i < pe.size(); ++i) {
    bool number = i % 2 == 1;
    if (number ? !numbers_agree(pe[i], pa[i], c) : pe[i] != pa[i]) return false;
  }
  return true;
}

}  // namespace

void compare_printed(const std::filesystem::path& expected_dir, const std::filesystem::path& actual_dir,
                     const LaunchSpec& spec, Comparison& c) {
  auto note = [&](const std::string& what, std::size_t count) {
    c.mismatches += count;
    if (c.first_diff.empty()) c.first_diff = what;
  };
  auto expected = read_lines(expected_dir / kPrintedFile);
  if (!expected) return note("printed output: the reference's printf.txt is missing", 1);
  auto actual = read_lines(actual_dir / kPrintedFile);
  if (!actual) return note("printed output: printf.txt is missing", 1);
  if (expected->size() != actual->size()) {
    std::size_t diff = expected->size() > actual->size() ? expected->size() - actual->size()
                                                         : actual->size() - expected->size();
    return note("printed output: " + std::to_string(actual->size()) + " lines, expected " +
                    std::to_string(expected->size()),
                diff);
  }
  for (std::size_t i = 0; i < expected->size(); ++i) {
    if (lines_agree((*expected)[i], (*actual)[i], spec.compare)) continue;
    note("printed line " + std::to_string(i) + " (sorted): expected '" + (*expected)[i] + "' got '" + (*actual)[i] + "'",
         1);
  }
}

}  // namespace kq::verify
