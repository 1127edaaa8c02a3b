#pragma once
// The second gate of `kquarry eval`: the candidate's object file, compiled
// alone, is read with readelf before it is linked with the harness. It may
// define the task's entry point and the kernel's own helpers, and nothing
// that runs without being called or that stands in for someone else's code:
//   - no `main`, no C-linkage function (a definition of `memcmp`,
//     `cudaMemcpy` or `exit` would interpose the library's), no definition in
//     the namespaces of the standard library, the harness or GoogleTest, no
//     operator new/delete;
//   - no static initialiser or destructor (_GLOBAL__sub_I_...), no constructor
//     or destructor function: no .init_array entry beyond the compiler's own,
//     no .ctors/.dtors/.fini_array/.preinit_array/.init/.fini, no IFUNC;
//   - no section outside those a compiler makes for code and data;
//   - nothing reachable from the entry point (on cpu-sim the kernel is host
//     code) calls process control, exit handlers, threads, files, output,
//     sockets, the environment, dynamic loading or the host runtime API.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kq::curation {

struct ObjectSymbol {
  std::string name, demangled;
  std::string type;   // FUNC, OBJECT, TLS, IFUNC, NOTYPE, SECTION, FILE
  std::string bind;   // LOCAL, GLOBAL, WEAK, UNIQUE
  bool defined = false;
};

struct ObjectFacts {
  std::vector<ObjectSymbol> symbols;
  // Owner (a symbol, or a section name when no symbol owns it) -> the
  // symbols its relocations name.
  std::map<std::string, std::set<std::string>> references;
  std::vector<std::string> sections;
  std::size_t init_array_entries = 0;
};

// From `readelf -sW`, `readelf -rW` and `readelf -SW` of one object;
// `demangled` maps mangled names to c++filt's text (names missing stay as they are).
ObjectFacts parse_object_facts(const std::string& symbols, const std::string& relocations,
                               const std::string& sections, const std::map<std::string, std::string>& demangled);

struct ObjectCheckInput {
  std::set<std::string> entry_symbols;  // the entry point's symbols (mangled)
  std::string entry_point;              // unqualified, for C-linkage entries
  std::size_t init_array_baseline = 0;  // entries the compiler adds itself (1 for nvcc, hipcc)
  // The task compares what the kernel prints: on cpu-sim its printf is the C
  // library's (or what the compiler turns it into: puts, putchar, __printf_chk).
  bool allow_printf = false;
};

// "" when the object may be linked, else the reason.
std::string check_candidate_object(const ObjectFacts& facts, const ObjectCheckInput& in);

// The words of a line of readelf output.
std::vector<std::string> whitespace_fields(const std::string& line);

// The defined function symbol whose demangled text is `demangled`, or "".
std::string find_defined_symbol(const ObjectFacts& facts, const std::string& demangled);

// "kq_ref::ns::k_reference<float>(int, kq_ref::ns::P*)" -> "ns::k<float>(int, ns::P*)"
std::string candidate_signature(const std::string& reference_demangled, const std::string& entry_point);

}  // namespace kq::curation
