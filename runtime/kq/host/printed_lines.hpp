#pragma once
// What a kernel printed, compared as a multiset of lines: a GPU orders the
// lines of different warps by nothing the kernel controls, so both sides are
// sorted first. Within a line, text and integers compare exactly, decimal
// numbers within rtol/atol or one unit of the last digit printed (two correct
// kernels may round a float's last printed digit differently). Used by the
// verifier and by task tests alike.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace kq {

// Sorted lines of a file; false when it cannot be read. Reading stops at
// 64 MiB: beyond that the lines are no test's output.
inline bool read_printed_lines(const std::string& path, std::vector<std::string>& lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  lines.clear();
  std::string line;
  std::size_t bytes = 0;
  while (bytes < (std::size_t{64} << 20) && std::getline(in, line)) {
    bytes += line.size() + 1;
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return true;
}

namespace printed_detail {

inline bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Length of the number starting at s[i] ("-1.5e3", "42", ".5"), 0 for none.
inline std::size_t number_length(const std::string& s, std::size_t i) {
  std::size_t j = i;
  if (j > 0 && (std::isalnum(static_cast<unsigned char>(s[j - 1])) || s[j - 1] == '_')) return 0;
  if (j < s.size() && (s[j] == '-' || s[j] == '+')) ++j;
  std::size_t digits = 0;
  while (j < s.size() && digit(s[j])) ++j, ++digits;
  if (j < s.size() && s[j] == '.') {
    ++j;
    while (j < s.size() && digit(s[j])) ++j, ++digits;
  }
  if (digits == 0) return 0;
  if (j + 1 < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    std::size_t k = j + 1;
    if (s[k] == '-' || s[k] == '+') ++k;
    if (k < s.size() && digit(s[k])) {
      while (k < s.size() && digit(s[k])) ++k;
      j = k;
    }
  }
  return j - i;
}

// One unit of the last digit `t` shows after its point (0 for integers).
inline double last_digit_unit(const std::string& t) {
  auto dot = t.find('.');
  if (dot == std::string::npos) return 0;
  std::size_t digits = 0;
  for (std::size_t i = dot + 1; i < t.size() && digit(t[i]); ++i) ++digits;
  double unit = std::pow(10.0, -static_cast<double>(digits));
  auto e = t.find_first_of("eE");
  if (e != std::string::npos) unit *= std::pow(10.0, std::atof(t.c_str() + e + 1));
  return unit;
}

inline bool numbers_agree(const std::string& e, const std::string& a, double rtol, double atol) {
  if (e == a) return true;
  if (e.find_first_of(".eE") == std::string::npos && a.find_first_of(".eE") == std::string::npos) return false;
  double ev = std::strtod(e.c_str(), nullptr), av = std::strtod(a.c_str(), nullptr);
  double slack = std::max(atol + rtol * std::fabs(ev), 1.01 * std::max(last_digit_unit(e), last_digit_unit(a)));
  return std::fabs(av - ev) <= slack;
}

}  // namespace printed_detail

inline bool printed_lines_agree(const std::string& e, const std::string& a, double rtol, double atol) {
  using namespace printed_detail;
  std::size_t i = 0, j = 0;
  while (i < e.size() && j < a.size()) {
    std::size_t ne = number_length(e, i), na = number_length(a, j);
    if (ne && na) {
      if (!numbers_agree(e.substr(i, ne), a.substr(j, na), rtol, atol)) return false;
      i += ne, j += na;
      continue;
    }
    if (ne || na || e[i] != a[j]) return false;
    ++i, ++j;
  }
  return i == e.size() && j == a.size();
}

struct PrintedComparison {
  std::size_t mismatches = 0;
  std::string first_diff;  // empty when they agree
};

// Both sides sorted (read_printed_lines sorts).
inline PrintedComparison compare_printed_lines(const std::vector<std::string>& expected,
                                               const std::vector<std::string>& actual, double rtol, double atol) {
  PrintedComparison c;
  if (expected.size() != actual.size()) {
    c.mismatches = expected.size() > actual.size() ? expected.size() - actual.size() : actual.size() - expected.size();
    c.first_diff = "printed output: " + std::to_string(actual.size()) + " lines, expected " +
                   std::to_string(expected.size());
    return c;
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (printed_lines_agree(expected[i], actual[i], rtol, atol)) continue;
    if (c.mismatches++ == 0)
      c.first_diff = "printed line " + std::to_string(i) + " (sorted): expected '" + expected[i] + "' got '" +
                     actual[i] + "'";
  }
  return c;
}

}  // namespace kq
