#include "testgen/index_bounds.hpp"

#include <algorithm>
#include <regex>

#include "core/text.hpp"

namespace kq::testgen {
namespace {

std::string rename_builtins(const std::string& t) {
  static const std::regex builtin(R"(\b(threadIdx|blockIdx|blockDim|gridDim)\s*\.\s*([xyz])\b)");
  return std::regex_replace(t, builtin, "$1_$2");
}

std::string drop_casts(const std::string& t) {
  static const std::regex c_cast(
      R"(\(\s*(?:const\s+)?(?:unsigned\s+int|unsigned\s+long\s+long|unsigned\s+long|unsigned|int|long\s+long|long|size_t|int64_t|uint64_t|int32_t|uint32_t)\s*\))");
  static const std::regex cxx_cast(R"(\bstatic_cast\s*<[^<>]*>\s*)");
  return std::regex_replace(std::regex_replace(t, cxx_cast, ""), c_cast, "");
}

// The initialiser of a local defined once in the kernel (`int row = ...;`,
// `const unsigned tid = threadIdx.x;`); nullopt when it is defined or
// assigned more than once.
std::optional<std::string> single_definition(const std::string& source, const std::string& name) {
  const std::regex def(R"((?:^|[;{}\s(])(?:const\s+)?(?:unsigned\s+int|unsigned|int|long\s+long|long|size_t|int64_t|uint32_t|int32_t|auto)\s+)" +
                       name + R"(\s*=\s*([^;,]+)[;,])");
  std::smatch m;
  if (!std::regex_search(source, m, def)) return std::nullopt;
  std::string init = trim(m[1].str());
  // Another assignment (`row += ...`, `row = ...`) makes the value vary.
  const std::regex assign("\\b" + name + R"(\s*(?:[-+*/%]?=(?!=)|\+\+|--))");
  int assignments = 0;
  for (std::sregex_iterator it(source.begin(), source.end(), assign), end; it != end; ++it) ++assignments;
  if (assignments != 1) return std::nullopt;
  return init;
}

}  // namespace

std::optional<std::string> index_formula(const std::string& subscript, const std::string& kernel_source,
                                         const std::vector<std::string>& ranged) {
  std::string f = drop_casts(rename_builtins(subscript));
  for (int depth = 0; depth < 4; ++depth) {
    bool changed = false;
    for (const auto& id : expr_identifiers(f)) {
      if (id.find('_') != std::string::npos && (id.starts_with("threadIdx") || id.starts_with("blockIdx") ||
                                                id.starts_with("blockDim") || id.starts_with("gridDim")))
        continue;
      if (std::find(ranged.begin(), ranged.end(), id) != ranged.end()) continue;
      auto init = single_definition(kernel_source, id);
      if (!init) continue;
      f = std::regex_replace(f, std::regex("\\b" + id + "\\b"), "(" + drop_casts(rename_builtins(*init)) + ")");
      changed = true;
    }
    if (!changed) break;
  }
  Bindings probe;
  for (const auto& id : expr_identifiers(f)) probe[id] = 1;
  if (!eval_size(f, probe)) return std::nullopt;  // calls, member access, array reads
  return f;
}

std::optional<long long> needed_count(const std::string& formula, const IndexRanges& ranges) {
  Bindings b = ranges.fixed;
  std::vector<std::pair<std::string, long long>> vary;
  for (const auto& id : expr_identifiers(formula)) {
    if (id == "min" || id == "max" || b.count(id)) continue;
    auto it = ranges.upper.find(id);
    if (it == ranges.upper.end()) return std::nullopt;
    vary.emplace_back(id, std::max(0LL, it->second));
  }
  if (vary.size() > 10) return std::nullopt;
  std::optional<long long> best;
  for (unsigned corner = 0; corner < (1u << vary.size()); ++corner) {
    for (std::size_t i = 0; i < vary.size(); ++i) b[vary[i].first] = (corner >> i) & 1 ? vary[i].second : 0;
    auto v = eval_size(formula, b);
    if (!v) return std::nullopt;
    best = std::max(best.value_or(*v), *v);
  }
  if (!best) return std::nullopt;
  return *best + 1;
}

long long bound_upper(const std::string& bound, const std::string& var, long long param_value) {
  const std::regex le("\\b" + var + R"(\s*<=)");
  const std::regex ge(R"(>=\s*)" + var + "\\b");
  if (std::regex_search(bound, le) || std::regex_search(bound, ge)) return param_value;
  return param_value - 1;
}

}  // namespace kq::testgen
