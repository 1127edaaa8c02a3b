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

// g++ arguments (before the source file) for a cpu-sim build of a unit.
// runtime_dir is the folder holding kq/; warp_size is 32 or 64.
inline std::vector<std::string> compile_flags(const std::string& runtime_dir, int warp_size,
                                              const std::vector<std::string>& extern_shared, bool asan) {
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
  if (asan) {
    flags.push_back("-fsanitize=address");
    flags.push_back("-fno-omit-frame-pointer");
  }
  flags.push_back("-x");
  flags.push_back("c++");
  return flags;
}

// Libraries to link after the objects.
inline std::vector<std::string> link_flags() { return {"-lboost_context", "-pthread"}; }

}  // namespace kq::sim_tooling
