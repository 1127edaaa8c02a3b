#pragma once
// What a build of a unit for the CPU execution runtime needs to know about
// the unit: the names it declares with `extern __shared__` (each must be
// defined once, see kq/sim/dynamic_shared.hpp) and the compiler flags.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace kq::sim_tooling {

inline bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Names declared as `extern __shared__ ... name[]` (also with __align__,
// alignas or HIP_DYNAMIC_SHARED_ATTRIBUTE in between), first occurrence order.
inline std::vector<std::string> extern_shared_names(std::string_view src) {
  std::vector<std::string> names;
  const std::string_view key = "__shared__";
  for (std::size_t pos = src.find(key); pos != std::string_view::npos; pos = src.find(key, pos + key.size())) {
    std::size_t back = pos;
    while (back > 0 && std::isspace(static_cast<unsigned char>(src[back - 1]))) --back;
    if (back < 6 || src.substr(back - 6, 6) != "extern" || (back > 6 && is_ident_char(src[back - 7]))) continue;
    const std::size_t end = src.find_first_of(";[", pos);
    if (end == std::string_view::npos || src[end] != '[') continue;
    std::size_t name_end = end;
    while (name_end > pos && std::isspace(static_cast<unsigned char>(src[name_end - 1]))) --name_end;
    std::size_t name_begin = name_end;
    while (name_begin > pos && is_ident_char(src[name_begin - 1])) --name_begin;
    if (name_begin == name_end) continue;
    std::string name(src.substr(name_begin, name_end - name_begin));
    bool seen = false;
    for (const std::string& n : names) seen = seen || n == name;
    if (!seen) names.push_back(name);
  }
  return names;
}

// The value of `#define name <digits>` in src, or 0.
inline unsigned long defined_number(std::string_view src, std::string_view name) {
  for (std::size_t pos = src.find("#define"); pos != std::string_view::npos; pos = src.find("#define", pos + 7)) {
    std::size_t p = pos + 7;
    while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
    if (src.substr(p, name.size()) != name || (p + name.size() < src.size() && is_ident_char(src[p + name.size()])))
      continue;
    p += name.size();
    while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
    unsigned long v = 0;
    std::size_t digits = 0;
    for (; p < src.size() && std::isdigit(static_cast<unsigned char>(src[p])); ++p, ++digits) v = v * 10 + (src[p] - '0');
    if (digits > 0 && (p == src.size() || src[p] == '\n' || src[p] == ' ' || src[p] == '\r' || src[p] == 'u' || src[p] == 'U')) return v;
  }
  return 0;
}

// "name:threads" for each kernel declared with a __launch_bounds__ whose
// first argument is a number or a macro defined as one (a template
// parameter cannot be known here); the runtime refuses larger blocks.
inline std::vector<std::string> launch_bounds(std::string_view src) {
  std::vector<std::string> out;
  const std::string_view key = "__launch_bounds__";
  for (std::size_t pos = src.find(key); pos != std::string_view::npos; pos = src.find(key, pos + key.size())) {
    if (pos > 0 && is_ident_char(src[pos - 1])) continue;
    const std::size_t open = src.find('(', pos + key.size());
    const std::size_t close = src.find(')', open == std::string_view::npos ? pos : open);
    if (open == std::string_view::npos || close == std::string_view::npos) break;
    std::string_view arg = src.substr(open + 1, close - open - 1);
    arg = arg.substr(0, arg.find(','));
    while (!arg.empty() && std::isspace(static_cast<unsigned char>(arg.front()))) arg.remove_prefix(1);
    while (!arg.empty() && std::isspace(static_cast<unsigned char>(arg.back()))) arg.remove_suffix(1);
    unsigned long threads = 0;
    if (!arg.empty() && std::isdigit(static_cast<unsigned char>(arg.front())))
      threads = std::stoul(std::string(arg));
    else if (!arg.empty())
      threads = defined_number(src, arg);
    // The kernel's name: the identifier just before the parameter list.
    const std::size_t params = src.find('(', close + 1);
    if (threads == 0 || params == std::string_view::npos) continue;
    std::size_t end = params;
    while (end > close && std::isspace(static_cast<unsigned char>(src[end - 1]))) --end;
    std::size_t begin = end;
    while (begin > close && is_ident_char(src[begin - 1])) --begin;
    if (begin < end) out.push_back(std::string(src.substr(begin, end - begin)) + ":" + std::to_string(threads));
  }
  return out;
}

// g++ arguments (before the source file) for a cpu-sim build of a unit.
// runtime_dir is the folder holding kq/; warp_size is 32 or 64.
inline std::vector<std::string> compile_flags(const std::string& runtime_dir, int warp_size,
                                              const std::vector<std::string>& extern_shared, bool asan,
                                              const std::vector<std::string>& bounds = {}) {
  std::vector<std::string> flags = {"-std=c++17",
                                    "-fno-extern-tls-init",
                                    "-I" + runtime_dir,
                                    "-I" + runtime_dir + "/kq/sim_include",
                                    "-include",
                                    "kq/cpu_sim.hpp",
                                    "-DKQ_SIM_WARP_SIZE=" + std::to_string(warp_size)};
  if (!extern_shared.empty()) {
    std::string list;
    for (const std::string& n : extern_shared) list += (list.empty() ? "" : ",") + n;
    flags.push_back("-DKQ_SIM_EXTERN_SHARED_NAMES=" + list);
  }
  if (!bounds.empty()) {
    std::string list;
    for (const std::string& b : bounds) list += (list.empty() ? "" : ",") + b;
    flags.push_back("-DKQ_SIM_LAUNCH_BOUNDS=\"" + list + "\"");
  }
  if (asan) {
    flags.push_back("-fsanitize=address");
    flags.push_back("-fno-omit-frame-pointer");
    // Indexing past a static __shared__ (or any fixed-size) array stops the
    // run, as the GPU's illegal address would: ASan cannot see thread-local
    // arrays, the bounds check sees every array of known size.
    flags.push_back("-fsanitize=bounds");
    flags.push_back("-fno-sanitize-recover=bounds");
  }
  flags.push_back("-x");
  flags.push_back("c++");
  return flags;
}

// Libraries to link after the objects.
inline std::vector<std::string> link_flags() { return {"-lboost_context", "-pthread"}; }

}  // namespace kq::sim_tooling
