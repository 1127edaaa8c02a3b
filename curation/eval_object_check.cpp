#include "curation/eval_object_check.hpp"

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

namespace kq::curation {

std::vector<std::string> whitespace_fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string f;
  while (in >> f) out.push_back(f);
  return out;
}

namespace {

// ".text._Z1kv" -> "_Z1kv", ".rela.data.rel.ro.local.x" -> "x"
std::string section_owner(std::string s) {
  if (s.rfind(".rela", 0) == 0) s = s.substr(5);
  if (s.rfind(".rel.", 0) == 0) s = s.substr(4);
  static const char* prefixes[] = {".text.unlikely.", ".text.startup.", ".text.hot.", ".text.exit.", ".text.",
                                   ".data.rel.ro.local.", ".data.rel.ro.", ".data.rel.local.", ".data.rel.",
                                   ".data.", ".rodata.", ".bss.", ".tdata.", ".tbss."};
  for (const char* p : prefixes) {
    std::string ps = p;
    if (s.rfind(ps, 0) == 0 && s.size() > ps.size()) return s.substr(ps.size());
  }
  return s;
}

// Code a compiler writes around a kernel: registration, launch stubs.
bool generated(const std::string& name) {
  static const std::regex g(
      R"((__device_stub__|__sti____cudaRegisterAll|__cudaUnregisterBinaryUtil|__nv_|__cuda|__fatbin|__hip_|_GLOBAL__N_|\.L|_ZL\d+__sti__|_ZL\d+__cuda|_ZL\d+__nv|_ZL\d+__hip|__hip_gpubin|__hip_fatbin|_ZL\d+__fat|fatbinData|DW\.ref\.))");
  return std::regex_search(name, g);
}

// Library and harness namespaces a candidate may not define strong symbols in.
bool reserved_demangled(const std::string& d) {
  static const std::regex r(
      R"(^(std::|testing::|kq::|kq_ref::|kqt|__gnu_cxx::|__cxxabiv1::|boost::|operator new|operator delete))");
  return std::regex_search(d, r);
}

// Trusted header code: the runtime's and the standard library's inline functions.
bool header_code(const ObjectSymbol& s) {
  if (s.bind != "WEAK" && s.bind != "UNIQUE") return false;
  static const std::regex r(R"(^(kq::|std::|__gnu_cxx::|boost::|__half|__nv_bfloat16|half|dim3|float\d|int\d|uint\d|double\d))");
  return std::regex_search(s.demangled, r);
}

// What a symbol reached from the kernel may not be, and why.
// The symbols a kernel's printf becomes on the host.
bool device_printf(const std::string& name) {
  return name == "printf" || name == "__printf_chk" || name == "puts" || name == "putchar";
}

std::string forbidden_reference(const std::string& name, const std::string& demangled) {
  static const std::map<std::string, std::string> c_names = [] {
    std::map<std::string, std::string> m;
    for (const char* n : {"exit", "_exit", "_Exit", "quick_exit", "abort", "fork", "vfork", "clone", "execve", "execv",
                          "execvp", "execl", "execlp", "execle", "system", "popen", "posix_spawn", "syscall", "kill",
                          "raise", "signal", "sigaction", "ptrace", "prctl", "setjmp", "_setjmp", "longjmp",
                          "__longjmp_chk", "siglongjmp"})
      m[n] = "process control";
    for (const char* n : {"atexit", "at_quick_exit", "on_exit", "__cxa_atexit", "__cxa_thread_atexit"})
      m[n] = "exit handler";
    for (const char* n : {"pthread_create", "thrd_create"}) m[n] = "threads";
    for (const char* n : {"fopen", "fopen64", "freopen", "open", "open64", "openat", "creat", "write", "read",
                          "pwrite", "pread", "fwrite", "fread", "fputs", "unlink", "remove", "rename", "dup2"})
      m[n] = "file access";
    for (const char* n : {"puts", "printf", "fprintf", "vprintf", "putchar", "__printf_chk", "__fprintf_chk",
                          "stdout", "stderr", "_ZSt4cout", "_ZSt4cerr", "_ZSt4clog", "fflush"})
      m[n] = "printing";
    for (const char* n : {"socket", "connect", "bind", "listen", "accept", "send", "recv", "sendto", "recvfrom"})
      m[n] = "sockets";
    for (const char* n : {"getenv", "secure_getenv", "setenv", "putenv", "unsetenv", "environ", "__environ"})
      m[n] = "environment access";
    for (const char* n : {"dlopen", "dlsym", "dlvsym"}) m[n] = "dynamic loading";
    for (const char* n : {"mmap", "mmap64", "mprotect", "munmap"}) m[n] = "memory mapping";
    return m;
  }();
  auto it = c_names.find(name);
  if (it != c_names.end()) return it->second;
  if (demangled.rfind("std::thread", 0) == 0 || demangled.rfind("std::jthread", 0) == 0) return "threads";
  if (demangled.rfind("kq_ref::", 0) == 0) return "calls the reference";
  if (std::regex_search(demangled, std::regex(R"(^(cuda|hip)[A-Z]\w*(\(|$))"))) {
    if (demangled.find("Stream") != std::string::npos) return "streams";
    return "host runtime API";
  }
  return "";
}

// <iostream> gives every translation unit that includes it (GCC before 13) an
// initialiser that only constructs the standard streams. It runs none of the
// candidate's code, so it is not refused as a constructor; one that also does
// anything else (a global with a constructor of the candidate's) still is.
// Without optimisation GCC puts the work in a helper,
// __static_initialization_and_destruction_0, which is held to the same rule.
bool stream_initialiser(const ObjectFacts& f, const std::string& owner, int depth = 0) {
  static const std::set<std::string> stream_init = {"_ZNSt8ios_base4InitC1Ev", "_ZNSt8ios_base4InitD1Ev",
                                                    "__dso_handle", "__cxa_atexit", "_ZStL8__ioinit"};
  auto it = f.references.find(owner);
  if (it == f.references.end() || it->second.empty() || depth > 1) return false;
  for (const auto& target : it->second) {
    const std::string to = section_owner(target);
    if (stream_init.count(target) || stream_init.count(to) || target == ".bss") continue;
    if (to.find("__static_initialization_and_destruction_") != std::string::npos && to != owner &&
        stream_initialiser(f, to, depth + 1))
      continue;
    return false;
  }
  return true;
}

// The .init_array entries that are stream initialisers, by the section they
// point at (".text._GLOBAL__sub_I_x" from GCC, ".text.startup" from Clang).
std::set<std::string> stream_initialisers(const ObjectFacts& f) {
  std::set<std::string> out;
  auto it = f.references.find(".init_array");
  if (it == f.references.end()) return out;
  for (const auto& target : it->second)
    if (stream_initialiser(f, section_owner(target))) out.insert(section_owner(target));
  return out;
}

// True when every initialiser the candidate's object runs is a stream one.
bool only_stream_initialisers(const ObjectFacts& f, const std::set<std::string>& streams) {
  auto it = f.references.find(".init_array");
  if (it == f.references.end()) return false;
  for (const auto& target : it->second)
    if (!streams.count(section_owner(target)) && !generated(section_owner(target))) return false;
  return !streams.empty();
}

std::string shown(const ObjectSymbol& s) { return s.demangled.empty() ? s.name : s.demangled; }

std::string check_definition(const ObjectSymbol& s, const ObjectCheckInput& in, bool stream_init_only) {
  if (s.type == "IFUNC") return "IFUNC: " + shown(s) + " has a resolver that runs when the program loads";
  if (s.name.rfind("_GLOBAL__sub_I", 0) == 0 && !(stream_init_only && s.bind == "LOCAL")) return "static initialiser: the object runs code before main (" + s.name + ")";
  if (s.name.rfind("_GLOBAL__D", 0) == 0) return "static destructor: the object runs code at exit (" + s.name + ")";
  if (s.name == "main" || s.name == "_main" || s.demangled == "main") return "defines main: the harness owns main";
  if (s.type != "FUNC" && s.type != "OBJECT" && s.type != "TLS" && s.type != "NOTYPE") return "";
  if (generated(s.name) || in.entry_symbols.count(s.name)) return "";
  const bool c_linkage = s.name.rfind("_Z", 0) != 0;
  if (s.bind == "LOCAL") {
    // File-local names cannot stand in for anyone else's.
    return "";
  }
  if (c_linkage && s.type == "FUNC" && s.name != in.entry_point)
    return "interposition: defines the C function " + s.name + ", which would replace the library's or the harness's";
  if (c_linkage && (s.name.rfind("__", 0) == 0 || forbidden_reference(s.name, s.name) != ""))
    return "interposition: defines " + s.name + ", a name of the C library";
  if (!c_linkage && reserved_demangled(s.demangled) && !header_code(s))
    return "interposition: defines " + s.demangled + " (a name of the standard library, GoogleTest or the harness)";
  if (!c_linkage && s.bind == "WEAK" && std::regex_search(s.demangled, std::regex(R"(^(testing::|kq_ref::|kqt))")))
    return "weak override: defines " + s.demangled + " (a name of GoogleTest or the harness)";
  return "";
}

bool allowed_section(const std::string& s) {
  static const std::regex ok(
      R"(^(|\.text.*|\.data.*|\.bss.*|\.rodata.*|\.tdata.*|\.tbss.*|\.init_array|\.rela?\..*|\.eh_frame|\.gcc_except_table.*|\.comment|\.note.*|\.group|\.symtab|\.strtab|\.shstrtab|\.debug.*|\.nv_fatbin|\.nvFatBinSegment|__nv_relfatbin|\.nv\..*|\.hip_fatbin|\.hipFatBinSegment|\.llvm.*|\.stack_sizes|\.sbss.*|\.lbss.*|\.ldata.*|\.lrodata.*|\.data\.rel\..*|\.ARM\..*|\.tm_clone_table|\.fatbin.*|\.nvFatBin.*|\.cudafe.*|\.hip.*|\.note\.GNU-stack|\.llvm_addrsig))");
  return std::regex_match(s, ok);
}

std::string check_sections(const ObjectFacts& f, const ObjectCheckInput& in, std::size_t stream_inits) {
  for (const auto& s : f.sections) {
    for (const char* bad : {".ctors", ".dtors", ".fini_array", ".preinit_array", ".init", ".fini"}) {
      if (s == bad || s.rfind(std::string(bad) + ".", 0) == 0)
        return "constructor/destructor: section " + s + " runs code before main or at exit";
    }
    if (s.rfind(".init_array.", 0) == 0) return "constructor function: section " + s + " runs code before main";
    if (!allowed_section(s)) return "section: the object places code or data in section " + s;
  }
  const std::size_t entries = f.init_array_entries - std::min(f.init_array_entries, stream_inits);
  if (entries > in.init_array_baseline)
    return "constructor function: " + std::to_string(entries - in.init_array_baseline) +
           " .init_array entr" + (entries - in.init_array_baseline == 1 ? "y" : "ies") +
           " beyond the compiler's own (code that runs before main)";
  return "";
}

// Everything reachable from the entry point and from .init_array, minus
// trusted header code, compiler-generated stubs and stream initialisers.
std::string check_reachable(const ObjectFacts& f, const ObjectCheckInput& in, const std::set<std::string>& streams) {
  std::map<std::string, const ObjectSymbol*> by_name;
  for (const auto& s : f.symbols)
    if (s.defined || !by_name.count(s.name)) by_name[s.name] = &s;
  std::vector<std::string> todo(in.entry_symbols.begin(), in.entry_symbols.end());
  todo.push_back(".init_array");
  std::set<std::string> seen = streams;
  while (!todo.empty()) {
    std::string n = todo.back();
    todo.pop_back();
    if (!seen.insert(n).second) continue;
    auto it = f.references.find(n);
    if (it == f.references.end()) continue;
    for (const auto& target : it->second) {
      auto s = by_name.find(target);
      std::string dem = s != by_name.end() ? s->second->demangled : target;
      std::string why = forbidden_reference(target, dem);
      if (in.allow_printf && device_printf(target)) why.clear();
      if (!why.empty() && !generated(n)) return why + ": the kernel's code reaches " + (dem.empty() ? target : dem);
      const std::string owner = section_owner(target);
      auto os = by_name.find(owner);
      if (generated(owner) || (os != by_name.end() && header_code(*os->second))) continue;
      todo.push_back(owner);
    }
  }
  return "";
}

}  // namespace

ObjectFacts parse_object_facts(const std::string& symbols, const std::string& relocations,
                               const std::string& sections, const std::map<std::string, std::string>& demangled) {
  ObjectFacts f;
  std::istringstream sin(symbols);
  std::string line;
  while (std::getline(sin, line)) {
    auto v = whitespace_fields(line);
    if (v.size() < 8 || v[0].empty() || v[0].back() != ':') continue;
    ObjectSymbol s;
    s.type = v[3];
    s.bind = v[4];
    s.defined = v[6] != "UND";
    s.name = v[7];
    auto d = demangled.find(s.name);
    s.demangled = d != demangled.end() ? d->second : s.name;
    if (s.type == "FILE" || s.type == "SECTION") continue;
    f.symbols.push_back(std::move(s));
  }
  std::istringstream rin(relocations);
  std::string owner;
  static const std::regex header(R"(^Relocation section '([^']+)')");
  while (std::getline(rin, line)) {
    std::smatch m;
    if (std::regex_search(line, m, header)) {
      owner = section_owner(m[1]);
      if (m[1] == ".rela.init_array" || m[1] == ".rel.init_array") owner = ".init_array";
      continue;
    }
    auto v = whitespace_fields(line);
    if (owner.empty() || v.size() < 5 || v[0].find_first_not_of("0123456789abcdef") != std::string::npos) continue;
    if (owner == ".init_array") ++f.init_array_entries;
    f.references[owner].insert(v[4]);
  }
  std::istringstream secin(sections);
  static const std::regex sec(R"(^\s*\[\s*\d+\]\s+(\S+))");
  while (std::getline(secin, line)) {
    std::smatch m;
    if (std::regex_search(line, m, sec) && m[1] != "NULL") f.sections.push_back(m[1]);
  }
  return f;
}

std::string check_candidate_object(const ObjectFacts& facts, const ObjectCheckInput& in) {
  const auto streams = stream_initialisers(facts);
  const bool stream_init_only = only_stream_initialisers(facts, streams);
  for (const auto& s : facts.symbols) {
    if (!s.defined) continue;
    std::string r = check_definition(s, in, stream_init_only);
    if (!r.empty()) return r;
  }
  std::string r = check_sections(facts, in, streams.size());
  if (!r.empty()) return r;
  return check_reachable(facts, in, streams);
}

std::string find_defined_symbol(const ObjectFacts& facts, const std::string& demangled) {
  for (const auto& s : facts.symbols)
    if (s.defined && s.bind != "LOCAL" && (s.type == "FUNC" || s.type == "OBJECT") && s.demangled == demangled)
      return s.name;
  return "";
}

std::string candidate_signature(const std::string& reference_demangled, const std::string& entry_point) {
  std::string s = std::regex_replace(reference_demangled, std::regex(R"(\bkq_ref::)"), "");
  return std::regex_replace(s, std::regex("\\b" + entry_point + "_reference\\b"), entry_point);
}

}  // namespace kq::curation
