#pragma once
// Small text helpers shared by every stage that reads source, lists or templates.
#include <string>
#include <string_view>

namespace kq {

// `s` without leading and trailing characters from `chars` (blanks and line ends by default).
inline std::string trim(std::string_view s, std::string_view chars = " \t\r\n") {
  auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(chars);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace kq
