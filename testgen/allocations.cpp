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

// t = torch::empty({rows, cols}, options); t = at::zeros_like(x);
void tensor_allocations(const std::string& ctx, const std::string& var, std::optional<Found>& best) {
  const std::string v = quote(var);
  const std::regex shaped("\\b" + v + R"(\s*=\s*(?:torch|at)\s*::\s*(?:empty|zeros|ones|full|rand|randn|randint)\s*\(\s*\{([^{}]*)\})");
  const std::regex like("\\b" + v + R"(\s*=\s*(?:(?:torch|at)\s*::\s*)?(?:empty|zeros|ones|full|rand|randn)_like\s*\(\s*(\w+))");
  for (std::sregex_iterator it(ctx.begin(), ctx.end(), shaped), end; it != end; ++it) {
    std::string product;
    for (const auto& d : split_top_level((*it)[1].str())) product += (product.empty() ? "(" : "*(") + d + ")";
    if (!product.empty()) keep_last(best, it->position(), {product, false, "tensor"});
  }
  for (std::sregex_iterator it(ctx.begin(), ctx.end(), like), end; it != end; ++it)
    keep_last(best, it->position(), {(*it)[1].str() + ".numel()", false, "tensor"});
}

}  // namespace

std::optional<Allocation> find_allocation(const std::string& context, const std::string& var) {
  if (var.empty()) return std::nullopt;
  std::optional<Found> best;
  runtime_mallocs(context, var, best);
  host_allocations(context, var, best);
  tensor_allocations(context, var, best);
  if (!best) return std::nullopt;
  return best->a;
}

std::string argument_variable(const std::string& raw) {
  static const std::regex cast(R"(^\(\s*[\w:\s<>]+\*\s*\)\s*)");
  // raw_pointer_cast(v.data()), reinterpret_cast<float*>(t.data_ptr()), (x)
  static const std::regex wrapper(
      R"(^(?:(?:thrust\s*::\s*)?raw_pointer_cast|(?:reinterpret|static|const)_cast\s*<[^<>]*>)?\s*\((.*)\)$)");
  static const std::regex ident(R"(^(\w+)$)");
  static const std::regex first(R"(^&\s*(\w+)\s*\[\s*0\s*\]$)");
  // v.data(), t.data_ptr<float>(), t.data<float>(), t.data_ptr()
  static const std::regex data(R"(^(\w+)\s*(?:\.|->)\s*(?:data|data_ptr)\s*(?:<[^<>]*>)?\s*\(\s*\)$)");
  std::string a = trim(raw);
  std::smatch m;
  for (int guard = 0; guard < 4; ++guard) {
    std::string before = a;
    a = trim(std::regex_replace(a, cast, ""));
    if (std::regex_match(a, m, wrapper)) a = trim(m[1].str());
    if (a == before) break;
  }
  for (const auto* re : {&ident, &first, &data})
    if (std::regex_match(a, m, *re)) return m[1].str();
  return "";
}

std::optional<Allocation> find_allocation_through_aliases(const std::string& context, std::string var) {
  // `auto x = (d_x);` binds a launching function's parameter to its caller's
  // variable (site_callers.hpp); plain pointer copies read the same way.
  auto locals = read_site_locals(context);
  for (int step = 0; step < 4 && !var.empty(); ++step) {
    if (auto a = find_allocation(context, var)) return a;
    auto it = locals.scalars.find(var);
    if (it == locals.scalars.end()) break;
    std::string next = argument_variable(it->second);
    if (next == var) break;
    var = next;
  }
  return std::nullopt;
}

std::optional<Allocation> site_allocation(const LaunchSite& site, std::size_t index) {
  if (index >= site.args.size()) return std::nullopt;
  std::string var = argument_variable(site.args[index]);
  if (auto a = find_allocation_through_aliases(site.context, var)) return a;
  // A tensor the function received holds numel() elements.
  static const std::regex tensor_data(R"(\b(?:data_ptr|data)\s*(?:<[^<>]*>)?\s*\(\s*\))");
  if (!var.empty() && std::regex_search(site.args[index], tensor_data) && site.args[index].find(".data()") == std::string::npos)
    return Allocation{var + ".numel()", false, "tensor"};
  return std::nullopt;
}

std::optional<std::string> site_allocation_count(const LaunchSite& site, std::size_t index, std::size_t elem_bytes,
                                                 const std::string& unit_source,
                                                 const std::vector<std::string>& params) {
  if (index >= site.args.size()) return std::nullopt;
  auto alloc = site_allocation(site, index);
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
