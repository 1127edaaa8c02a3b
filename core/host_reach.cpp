#include "core/host_reach.hpp"

#include <array>
#include <regex>
#include <set>
#include <sstream>

#include "core/source_scan.hpp"

namespace kq {
namespace {

struct HostApi {
  const char* name;
  const char* kind;
  bool call;  // matched as a call `name(`; otherwise as a name (types, variables)
};

// Functions device code cannot call, so naming one in a unit only ever means
// host code. CUDA's device clock() and clock64() are deliberately absent.
constexpr std::array<HostApi, 56> kApis = {{
    {"fork", "process", true},          {"vfork", "process", true},        {"execl", "process", true},
    {"execlp", "process", true},        {"execle", "process", true},       {"execv", "process", true},
    {"execvp", "process", true},        {"execve", "process", true},       {"execvpe", "process", true},
    {"system", "process", true},        {"popen", "process", true},        {"posix_spawn", "process", true},
    {"posix_spawnp", "process", true},  {"syscall", "process", true},      {"dlopen", "process", true},
    {"kill", "process", true},          {"ptrace", "process", true},       {"fopen", "file", true},
    {"freopen", "file", true},          {"fdopen", "file", true},          {"open", "file", true},
    {"openat", "file", true},           {"creat", "file", true},           {"unlink", "file", true},
    {"remove", "file", true},           {"rename", "file", true},          {"mkdir", "file", true},
    {"truncate", "file", true},         {"chmod", "file", true},           {"mmap", "file", true},
    {"ofstream", "file", false},        {"ifstream", "file", false},       {"fstream", "file", false},
    {"filebuf", "file", false},         {"filesystem", "file", false},     {"socket", "network", true},
    {"connect", "network", true},       {"accept", "network", true},       {"listen", "network", true},
    {"sendto", "network", true},        {"recvfrom", "network", true},     {"getaddrinfo", "network", true},
    {"gethostbyname", "network", true}, {"time", "time", true},            {"clock_gettime", "time", true},
    {"gettimeofday", "time", true},     {"localtime", "time", true},       {"gmtime", "time", true},
    {"system_clock", "time", false},    {"steady_clock", "time", false},   {"high_resolution_clock", "time", false},
    {"getenv", "environment", true},    {"secure_getenv", "environment", true}, {"setenv", "environment", true},
    {"unsetenv", "environment", true},  {"putenv", "environment", true},
}};

// Comments and the contents of string and character literals replaced by
// spaces (line ends kept), so neither a remark nor a message counts as a call.
std::string code_only(std::string_view unit) {
  std::string s = blank_comments(unit);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '"' && s[i] != '\'') continue;
    char q = s[i];
    for (++i; i < s.size() && s[i] != q && s[i] != '\n'; ++i) {
      if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] != '\n') s[i++] = ' ';
      s[i] = ' ';
    }
  }
  return s;
}

std::string names_joined(bool calls) {
  std::string out;
  for (const auto& a : kApis)
    if (a.call == calls) out += (out.empty() ? "" : "|") + std::string(a.name);
  return out;
}

const std::regex& api_pattern() {
  // A call: not a member (`.`, `->`) nor another namespace's (`ns::`), but
  // std:: and :: name the same function. A type or clock: however qualified.
  static const std::regex re(R"((?:(?:^|[^\w.>:])(?:std::|::)?()" + names_joined(true) +
                             R"()\s*\(|(?:^|[^\w.>])()" + names_joined(false) + R"()\b))");
  return re;
}

// Functions the unit defines itself: a project's own `__device__ float
// truncate(float)` is not the C library's.
std::set<std::string> defined_functions(const std::string& code) {
  static const std::regex def(R"([\w>*&]\s+(\w+)\s*\([^;{}]*\)\s*(?:const\s*)?\{)");
  std::set<std::string> out;
  for (std::sregex_iterator it(code.begin(), code.end(), def), end; it != end; ++it) out.insert((*it)[1].str());
  return out;
}

const HostApi* api_named(const std::string& name) {
  for (const auto& a : kApis)
    if (name == a.name) return &a;
  return nullptr;
}

// Tracks #if nesting: a block is device-only when its condition asks for the
// device pass (`#ifdef __CUDA_ARCH__`, `#if __CUDA_ARCH__ >= 700`, `#if
// defined(__HIP_DEVICE_COMPILE__)`) or it is the #else of a host-only block.
// Any other condition may be true on the host and is treated as host code.
class DeviceBlocks {
 public:
  // Updates the state for a preprocessor line (already stripped of comments).
  void directive(const std::string& line) {
    static const std::regex head(R"(^\s*#\s*(ifdef|ifndef|if|elif|else|endif)\b(.*))");
    std::smatch m;
    if (!std::regex_search(line, m, head)) return;
    std::string d = m[1], cond = m[2];
    bool device_macro = cond.find("__CUDA_ARCH__") != std::string::npos ||
                        cond.find("__HIP_DEVICE_COMPILE__") != std::string::npos;
    bool negated = cond.find('!') != std::string::npos;
    if (d == "ifdef" || d == "if") stack_.push_back({device_macro && !negated, device_macro && negated});
    else if (d == "ifndef") stack_.push_back({false, device_macro});
    else if (d == "elif" && !stack_.empty()) stack_.back() = {false, false};
    else if (d == "else" && !stack_.empty()) stack_.back() = {stack_.back().host_only, false};
    else if (d == "endif" && !stack_.empty()) stack_.pop_back();
  }
  bool device_only() const {
    for (const auto& b : stack_)
      if (b.device_only) return true;
    return false;
  }

 private:
  struct Block {
    bool device_only;
    bool host_only;  // its #else is device-only
  };
  std::vector<Block> stack_;
};

}  // namespace

std::vector<HostCall> find_host_reach(std::string_view unit) {
  std::vector<HostCall> out;
  std::string code = code_only(unit);
  auto own = defined_functions(code);
  std::istringstream in(code);
  DeviceBlocks blocks;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '#') {
      blocks.directive(line);
      continue;
    }
    if (blocks.device_only()) continue;
    for (std::sregex_iterator it(line.begin(), line.end(), api_pattern()), end; it != end; ++it) {
      std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      const auto* api = api_named(name);
      if (api && !(api->call && own.count(name))) out.push_back({api->call ? name : "std::" + name, api->kind, number});
    }
  }
  return out;
}

std::string describe_host_reach(const std::vector<HostCall>& calls) {
  std::string out;
  for (const auto& c : calls)
    out += (out.empty() ? "" : ", ") + c.api + " (" + c.kind + ", line " + std::to_string(c.line) + ")";
  return out;
}

nlohmann::json host_reach_to_json(const std::vector<HostCall>& calls) {
  auto out = nlohmann::json::array();
  for (const auto& c : calls) out.push_back({{"api", c.api}, {"kind", c.kind}, {"line", c.line}});
  return out;
}

}  // namespace kq
