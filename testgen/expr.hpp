#pragma once
// Size formulas: small integer expressions over the size parameters of a
// kernel ("n", "rows*cols", "n+1", "(n+255)/256") and the launch variables
// `grid` (blocks), `block` (threads per block) and `threads` (grid * block).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kq::testgen {

using Bindings = std::map<std::string, long long, std::less<>>;

// Value of `expr` under `vars`; nullopt when it names an unknown identifier,
// divides by zero or does not parse. Supports + - * / %, << and >>, parentheses and
// min(a, b) / max(a, b).
std::optional<long long> eval_size(const std::string& expr, const Bindings& vars);

// Identifiers the expression names, in order of first appearance.
std::vector<std::string> expr_identifiers(const std::string& expr);

}  // namespace kq::testgen
