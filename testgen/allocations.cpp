#include "testgen/allocations.hpp"

#include <regex>

#include "core/text.hpp"
#include "testgen/expr.hpp"
#include "testgen/site_locals.hpp"

namespace kq::testgen {

namespace {

std::string quote(const std::string& name) { return std::regex_replace(name, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)"); }

// The text of the balanced parentheses opening at `open`, without them.
std::string paren_text(const std::string& s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    else if (s[i] == ')' && --depth == 0) return s.substr(open + 1, i - open - 1);
  }
  return "";
}

struct Found {
  std::size_t pos = 0;
  Allocation a;
};

void keep_last(std::optional<Found>& best, std::size_t pos, Allocation a) {
  if (!best || pos >= best->pos) best = Found{pos, std::move(a)};
}

// cudaMalloc(&v, bytes), hipMalloc((void**)&v, bytes), cudaMallocManaged(&v, bytes, flags).
void runtime_mallocs(const std::string& ctx, const std::string& var, std::optional<Found>& best) {
  static const std::regex call(R"(\b(cuda|hip)(Malloc|MallocManaged|MallocHost|HostMalloc|MallocAsync)\s*\()");
  for (std::sregex_iterator it(ctx.begin(), ctx.end(), call), end; it != end; ++it) {
    std::size_t open = it->position() + it->length() - 1;
    auto args = split_top_level(paren_text(ctx, open));
    if (args.size() < 2) continue;
    static const std::regex target(R"(^(\(\s*void\s*\*\s*\*\s*\)\s*)?&\s*(\w+)$)");
    std::smatch m;
    if (!std::regex_match(args[0], m, target) || m[2].str() != var) continue;
    keep_last(best, it->position(), {args[1], true, (*it)[1].str() + (*it)[2].str()});
  }
}

// v = (T*)malloc(bytes); v = new T[n]; std::vector<T> v(n); thrust::device_vector<T> v(n).
void host_allocations(const std::string& ctx, const std::string& var, std::optional<Found>& best) {
  const std::string v = quote(var);
  const std::regex c_alloc("\\b" + v + R"(\s*=\s*(?:\([^()]*\)\s*|static_cast\s*<[^<>]*>\s*)?\(?\s*(malloc|calloc|aligned_alloc)\s*\()");
  const std::regex new_array("\\b" + v + R"(\s*=\s*new\s+[\w:<>\s]+\[)");
  const std::regex vector_decl(R"(\b(?:std\s*::\s*vector|thrust\s*::\s*(?:device|host)_vector)\s*<[^;]*?>\s*)" + v +
                               R"(\s*\()");
  for (std::sregex_iterator it(ctx.begin(), ctx.end(), c_alloc), end; it != end; ++it) {
    std::size_t open = it->position() + it->length() - 1;
    auto args = split_top_level(paren_text(ctx, open));
    std::string fn = (*it)[1].str();
    if (fn == "calloc" && args.size() == 2) keep_last(best, it->position(), {"(" + args[0] + ")*(" + args[1] + ")", true, fn});
    else if (fn == "aligned_alloc" && args.size() == 2) keep_last(best, it->position(), {args[1], true, fn});
    else if (fn == "malloc" && args.size() == 1) keep_last(best, it->position(), {args[0], true, fn});
  }
  for (std::sregex_iterator it(ctx.begin(), ctx.end(), new_array), end; it != end; ++it) {
    std::size_t open = it->position() + it->length() - 1;
    std::size_t close = ctx.find(']', open);
    if (close != std::string::npos) keep_last(best, it->position(), {ctx.substr(open + 1, close - open - 1), false, "new[]"});
  }
  for (std::sregex_iterator it(ctx.begin(), ctx.end(), vector_decl), end; it != end; ++it) {
    std::size_t open = it->position() + it->length() - 1;
    auto args = split_top_level(paren_text(ctx, open));
    if (!args.empty()) keep_last(best, it->position(), {args[0], false, "vector"});
  }
}

}  // namespace

std::optional<Allocation> find_allocation(const std::string& context, const std::string& var) {
  if (var.empty()) return std::nullopt;
  std::optional<Found> best;
  runtime_mallocs(context, var, best);
  host_allocations(context, var, best);
  if (!best) return std::nullopt;
  return best->a;
}

std::string argument_variable(const std::string& raw) {
  static const std::regex cast(R"(^\(\s*[\w:\s<>]+\*\s*\)\s*)");
  static const std::regex raw_ptr(R"(^(?:thrust\s*::\s*)?raw_pointer_cast\s*\((.*)\)$)");
  static const std::regex ident(R"(^(\w+)$)");
  static const std::regex first(R"(^&\s*(\w+)\s*\[\s*0\s*\]$)");
  static const std::regex data(R"(^(\w+)\s*\.\s*data\s*\(\s*\)$)");
  std::string a = std::regex_replace(trim(raw), cast, "");
  std::smatch m;
  if (std::regex_match(a, m, raw_ptr)) a = trim(m[1].str());
  for (const auto* re : {&ident, &first, &data})
    if (std::regex_match(a, m, *re)) return m[1].str();
  return "";
}

std::optional<std::string> site_allocation_count(const LaunchSite& site, std::size_t index, std::size_t elem_bytes,
                                                 const std::string& unit_source,
                                                 const std::vector<std::string>& params) {
  if (index >= site.args.size()) return std::nullopt;
  auto alloc = find_allocation(site.context, argument_variable(site.args[index]));
  if (!alloc) return std::nullopt;
  auto f = site_bytes_formula(alloc->size, site, unit_source, params);
  if (!f) return std::nullopt;
  for (const auto& id : expr_identifiers(*f))
    if (id == "block") return std::nullopt;  // sized by an unresolved block: not a buffer formula
  if (!alloc->bytes) return *f;
  if (elem_bytes == 0) return std::nullopt;
  return "(" + *f + ")/" + std::to_string(elem_bytes);
}

}  // namespace kq::testgen
