#pragma once
// What a build of a unit for the CPU execution runtime needs to know about
// the unit: the names it declares with `extern __shared__` (each must be
// defined once, see kq/sim/dynamic_shared.hpp), its kernels' launch bounds
// and static shared memory (kq/sim/limits.hpp), and the compiler flags.
#include <algorithm>
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

// Size in bytes of a scalar or vector type as written in a declaration
// ("unsigned int", "float4"), or 0 when it is not one of them.
inline unsigned long known_type_size(const std::string& type) {
  static const struct { const char* name; unsigned long bytes; } sizes[] = {
      {"char", 1}, {"signed char", 1}, {"unsigned char", 1}, {"bool", 1}, {"int8_t", 1}, {"uint8_t", 1},
      {"short", 2}, {"unsigned short", 2}, {"int16_t", 2}, {"uint16_t", 2}, {"half", 2}, {"__half", 2},
      {"__nv_bfloat16", 2}, {"int", 4}, {"unsigned", 4}, {"unsigned int", 4}, {"float", 4}, {"int32_t", 4},
      {"uint32_t", 4}, {"half2", 4}, {"__half2", 4}, {"long", 8}, {"unsigned long", 8}, {"long long", 8},
      {"unsigned long long", 8}, {"double", 8}, {"size_t", 8}, {"int64_t", 8}, {"uint64_t", 8}, {"int2", 8},
      {"uint2", 8}, {"float2", 8}, {"int3", 12}, {"uint3", 12}, {"float3", 12}, {"int4", 16}, {"uint4", 16},
      {"float4", 16}, {"double2", 16}, {"longlong2", 16}};
  for (const auto& s : sizes)
    if (type == s.name) return s.bytes;
  return 0;
}

// The value of an array extent: a number, a macro defined as one, or a
// product of those ("TILE * 2"); 0 when unknown (a template parameter).
inline unsigned long extent_value(std::string_view src, std::string_view e) {
  unsigned long product = 1;
  while (!e.empty()) {
    const std::size_t star = e.find('*');
    std::string_view f = e.substr(0, star);
    while (!f.empty() && std::isspace(static_cast<unsigned char>(f.front()))) f.remove_prefix(1);
    while (!f.empty() && std::isspace(static_cast<unsigned char>(f.back()))) f.remove_suffix(1);
    unsigned long v = 0;
    if (!f.empty() && std::isdigit(static_cast<unsigned char>(f.front()))) {
      for (char c : f) {
        if (std::isdigit(static_cast<unsigned char>(c))) v = v * 10 + static_cast<unsigned long>(c - '0');
        else if (c != 'u' && c != 'U' && c != 'l' && c != 'L') return 0;  // a suffix ends the number
      }
    } else {
      v = defined_number(src, f);
    }
    if (v == 0) return 0;
    product *= v;
    if (star == std::string_view::npos) break;
    e.remove_prefix(star + 1);
  }
  return product;
}

// Bytes of one `__shared__ TYPE name[A][B], other[C];` declaration (the text
// after __shared__ up to the ';'); arrays of unknown size or type count 0.
inline unsigned long shared_declaration_bytes(std::string_view src, std::string_view decl) {
  const std::size_t bracket = decl.find('[');
  const std::size_t comma = decl.find(',');
  std::string_view head = decl.substr(0, std::min(bracket, comma));
  // The type: the words before the first declarator's name, qualifiers left out.
  std::string type, word;
  std::vector<std::string> words;
  for (std::size_t i = 0; i <= head.size(); ++i) {
    if (i < head.size() && (is_ident_char(head[i]))) {
      word += head[i];
      continue;
    }
    if (!word.empty() && word != "volatile" && word != "const" && word != "static" && word != "__align__" &&
        word != "alignas" && !std::isdigit(static_cast<unsigned char>(word[0])))
      words.push_back(word);
    word.clear();
  }
  if (words.size() < 2) return 0;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) type += (i ? " " : "") + words[i];
  const unsigned long element = known_type_size(type);
  if (element == 0) return 0;
  unsigned long total = 0, count = 1;
  bool known = true;
  for (std::size_t i = head.size(); i <= decl.size(); ++i) {
    if (i == decl.size() || decl[i] == ',') {
      if (known) total += element * count;
      count = 1;
      known = true;
      continue;
    }
    if (decl[i] != '[') continue;
    const std::size_t close = decl.find(']', i);
    if (close == std::string_view::npos) return total;
    const unsigned long v = extent_value(src, decl.substr(i + 1, close - i - 1));
    known = known && v != 0;
    count *= v;
    i = close;
  }
  return total;
}

// "name:bytes" for each __global__ function whose body declares static
// __shared__ arrays of known size: the runtime refuses a launch whose static
// and dynamic shared memory together pass the block's limit, as the GPU does.
// Arrays sized by template parameters, and those of the device functions it
// calls, are not counted, so the figure never exceeds the GPU's.
inline std::vector<std::string> static_shared_bytes(std::string_view src) {
  std::vector<std::string> out;
  const std::string_view key = "__global__";
  for (std::size_t pos = src.find(key); pos != std::string_view::npos; pos = src.find(key, pos + key.size())) {
    // The parameter list: the first parenthesis that is no attribute's.
    std::size_t params = src.find('(', pos + key.size());
    std::size_t begin = 0, end = 0;
    for (; params != std::string_view::npos; params = src.find('(', src.find(')', params))) {
      end = params;
      while (end > pos && std::isspace(static_cast<unsigned char>(src[end - 1]))) --end;
      begin = end;
      while (begin > pos && is_ident_char(src[begin - 1])) --begin;
      const std::string_view word = src.substr(begin, end - begin);
      if (word != "__launch_bounds__" && word != "__attribute__" && word != "__align__") break;
    }
    if (params == std::string_view::npos) break;
    const std::size_t open = src.find_first_of("{;", params);
    if (begin == end || open == std::string_view::npos || src[open] != '{') continue;
    std::size_t close = open;
    for (int depth = 0; close < src.size(); ++close) {
      if (src[close] == '{') ++depth;
      if (src[close] == '}' && --depth == 0) break;
    }
    const std::string_view body = src.substr(open, close - open);
    unsigned long bytes = 0;
    const std::string_view shared = "__shared__";
    for (std::size_t s = body.find(shared); s != std::string_view::npos; s = body.find(shared, s + shared.size())) {
      std::size_t back = s;
      while (back > 0 && std::isspace(static_cast<unsigned char>(body[back - 1]))) --back;
      if (back >= 6 && body.substr(back - 6, 6) == "extern") continue;
      const std::size_t semi = body.find(';', s);
      if (semi == std::string_view::npos) break;
      bytes += shared_declaration_bytes(src, body.substr(s + shared.size(), semi - s - shared.size()));
    }
    if (bytes > 0) out.push_back(std::string(src.substr(begin, end - begin)) + ":" + std::to_string(bytes));
  }
  return out;
}

// g++ arguments (before the source file) for a cpu-sim build of a unit.
// runtime_dir is the folder holding kq/; warp_size is 32 or 64.
inline std::vector<std::string> compile_flags(const std::string& runtime_dir, int warp_size,
                                              const std::vector<std::string>& extern_shared, bool asan,
                                              const std::vector<std::string>& bounds = {},
                                              const std::vector<std::string>& static_shared = {}) {
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
  if (!static_shared.empty()) {
    std::string list;
    for (const std::string& b : static_shared) list += (list.empty() ? "" : ",") + b;
    flags.push_back("-DKQ_SIM_STATIC_SHARED=\"" + list + "\"");
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
