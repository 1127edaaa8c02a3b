#include "curation/eval_source_check.hpp"

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

namespace kq::curation {

namespace {

struct Rule {
  const char* category;
  const char* why;
};

// Words a kernel never needs, by what they would do.
const std::map<std::string, Rule>& forbidden_words() {
  static const Rule process{"process control", "a kernel ends by returning"};
  static const Rule exit_handler{"exit handler", "nothing may run at exit"};
  static const Rule threads{"threads", "the harness owns the host"};
  static const Rule files{"file access", "a kernel reads and writes only its buffers"};
  static const Rule output{"printing", "a kernel reports through its buffers, and the verdict is the harness's record"};
  static const Rule sockets{"sockets", "a kernel has no network"};
  static const Rule env{"environment access", "the harness's settings are not the kernel's"};
  static const Rule loader{"dynamic loading", "a kernel calls only its own code"};
  static const Rule memory{"memory mapping", "a kernel touches only its buffers"};
  static const Rule jumps{"non-local jumps", "a kernel ends by returning"};
  static const Rule frame{"stack inspection", "a kernel touches only its buffers"};
  static const std::map<std::string, Rule> words = [&] {
    std::map<std::string, Rule> w;
    for (const char* n : {"exit", "_exit", "_Exit", "quick_exit", "abort", "terminate", "set_terminate", "raise",
                          "kill", "signal", "sigaction", "fork", "vfork", "clone", "execve", "execv", "execvp",
                          "execvpe", "execl", "execlp", "execle", "system", "popen", "posix_spawn", "posix_spawnp",
                          "syscall", "ptrace", "prctl"})
      w.emplace(n, process);
    for (const char* n : {"atexit", "at_quick_exit", "on_exit", "__cxa_atexit"}) w.emplace(n, exit_handler);
    for (const char* n : {"thread", "jthread", "async", "pthread_create", "thrd_create"}) w.emplace(n, threads);
    for (const char* n : {"fopen", "freopen", "fdopen", "open", "openat", "creat", "fwrite", "fputs", "fputc",
                          "write", "pwrite", "read", "pread", "fread", "remove", "rename", "unlink", "truncate",
                          "ofstream", "ifstream", "fstream", "filebuf", "FILE", "dup", "dup2"})
      w.emplace(n, files);
    for (const char* n : {"printf", "fprintf", "puts", "putchar", "perror", "cout", "cerr", "clog", "stdout",
                          "stderr", "fflush", "vprintf", "dprintf"})
      w.emplace(n, output);
    for (const char* n : {"socket", "connect", "bind", "listen", "accept", "send", "recv", "sendto", "recvfrom",
                          "getaddrinfo", "gethostbyname"})
      w.emplace(n, sockets);
    for (const char* n : {"getenv", "secure_getenv", "setenv", "putenv", "unsetenv", "environ", "__environ"})
      w.emplace(n, env);
    for (const char* n : {"dlopen", "dlsym", "dlvsym", "dladdr"}) w.emplace(n, loader);
    for (const char* n : {"mmap", "munmap", "mprotect", "mremap", "madvise"}) w.emplace(n, memory);
    for (const char* n : {"setjmp", "longjmp", "_setjmp", "_longjmp", "sigsetjmp", "siglongjmp"}) w.emplace(n, jumps);
    for (const char* n : {"__builtin_frame_address", "__builtin_return_address", "__builtin_extract_return_addr"})
      w.emplace(n, frame);
    return w;
  }();
  return words;
}

// The harness's own names and the names of its machinery.
bool harness_name(const std::string& w, const std::string& entry) {
  static const std::regex names(
      R"(^(main|kq|kq_ref|kqt\w*|KQ\w*|KQT\w*|testing|gtest\w*|GTEST\w*|TEST\w*|EXPECT_\w+|ASSERT_\w+|ADD_FAILURE\w*|FAIL|SUCCEED|RUN_ALL_TESTS|SCOPED_TRACE|_GLOBAL__\w*|__sti__\w*|__device_stub\w*|__cudaRegister\w*|__hip_module\w*|__fatbin\w*)$)");
  return std::regex_match(w, names) || w == entry + "_reference";
}

// Headers that serve only what the rules above refuse, or the harness.
bool forbidden_header(const std::string& h) {
  static const std::regex headers(
      R"(^(kq/.*|gtest/.*|gmock/.*|thread|future|pthread\.h|fstream|unistd\.h|dlfcn\.h|signal\.h|csignal|setjmp\.h|csetjmp|spawn\.h|fcntl\.h|sys/.*|netinet/.*|arpa/.*|netdb\.h|threads\.h)$)");
  return std::regex_match(h, headers);
}

std::string refusal(const Rule& r, const std::string& word) {
  return std::string(r.category) + ": uses " + word + " (" + r.why + ")";
}

std::set<std::string> identifiers(const std::string& text) {
  static const std::regex id(R"([A-Za-z_]\w*)");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

// Lines of the text, with backslash continuations spliced as the compiler
// splices them (no space: `ma\<newline>in` is `main`).
std::vector<std::string> logical_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line, joined;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\\') {
      joined += line.substr(0, line.size() - 1);
      continue;
    }
    out.push_back(joined + line);
    joined.clear();
  }
  if (!joined.empty()) out.push_back(joined);
  return out;
}

std::string trim(const std::string& s) {
  auto a = s.find_first_not_of(" \t\r");
  auto b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string check_include(const std::string& directive, const std::set<std::string>& prompt_lines) {
  static const std::regex inc(R"(^#\s*include\s*([<"])([^>"]*)[>"])");
  std::smatch m;
  if (!std::regex_search(directive, m, inc)) return "include: an #include the check cannot read (" + directive + ")";
  const std::string header = m[2];
  if (prompt_lines.count(directive)) return "";
  if (m[1] == "\"") return "include: includes the local file \"" + header + "\" (only the task's own headers)";
  if (header.find("..") != std::string::npos || (!header.empty() && header[0] == '/'))
    return "include: includes <" + header + "> by a path outside the include folders";
  if (forbidden_header(header)) return "include: includes <" + header + "> (threads, files, processes or the harness)";
  return "";
}

std::string check_directive(const std::string& line, const std::set<std::string>& prompt_lines,
                            const std::string& entry) {
  static const std::regex define(R"(^#\s*(define|undef)\s+([A-Za-z_]\w*))");
  static const std::regex pragma(R"(^#\s*pragma\s*(\w*))");
  std::smatch m;
  if (std::regex_search(line, std::regex(R"(^#\s*include)"))) return check_include(line, prompt_lines);
  if (prompt_lines.count(line)) return "";  // the task's own macros
  if (std::regex_search(line, m, pragma)) {
    const std::string what = m[1];
    if (what == "unroll" || what == "nounroll" || what == "once") return "";
    return "#pragma: `" + line + "` (only #pragma unroll is allowed: pragmas can change how the harness links)";
  }
  if (std::regex_search(line, m, define)) {
    const std::string name = m[2];
    if (harness_name(name, entry) || forbidden_words().count(name) || name.rfind("__", 0) == 0)
      return "macro: #" + std::string(m[1]) + " " + name + " redefines a name of the harness or the toolchain";
    if (line.find("##") != std::string::npos)
      return "macro: #define " + name + " pastes tokens (##), which can spell names this check refuses";
  }
  if (std::regex_search(line, std::regex(R"(^#\s*(line|ident|sccs|assert|import|include_next|embed)\b)")))
    return "directive: `" + line + "` is not needed by a kernel";
  return "";
}

// The headers of the brace blocks around `pos`: "__global__ void k(...)", "namespace a".
std::vector<std::string> enclosing_headers(const std::string& code, std::size_t pos) {
  std::vector<std::string> stack;
  std::size_t stmt_start = 0;
  for (std::size_t i = 0; i < pos && i < code.size(); ++i) {
    char c = code[i];
    if (c == '{') {
      stack.push_back(code.substr(stmt_start, i - stmt_start));
      stmt_start = i + 1;
    } else if (c == '}') {
      if (!stack.empty()) stack.pop_back();
      stmt_start = i + 1;
    } else if (c == ';') {
      stmt_start = i + 1;
    }
  }
  return stack;
}

bool in_device_code(const std::string& code, std::size_t pos) {
  for (const auto& h : enclosing_headers(code, pos))
    if (h.find("__device__") != std::string::npos || h.find("__global__") != std::string::npos) return true;
  return false;
}

std::string check_asm(const std::string& code, bool host_kernels) {
  static const std::regex asm_word(R"(\b(asm|__asm__|__asm)\b)");
  for (auto it = std::sregex_iterator(code.begin(), code.end(), asm_word); it != std::sregex_iterator(); ++it) {
    if (host_kernels) return "inline assembly: `" + it->str() + "` (kernels run as host code on cpu-sim)";
    if (!in_device_code(code, static_cast<std::size_t>(it->position())))
      return "inline assembly on the host: `" + it->str() + "` outside a __device__ or __global__ function";
  }
  return "";
}

std::string check_attributes(const std::string& code) {
  static const std::regex attr(
      R"((__attribute__\s*\(\(|\[\[|__declspec\s*\()[^;{]*?\b(constructor|destructor|section|weak|weakref|alias|ifunc|init_priority|visibility|used|retain|symver|naked|no_reorder)\b)");
  std::smatch m;
  if (std::regex_search(code, m, attr))
    return "attribute: " + m[2].str() + " (places, runs or overrides code outside the kernel)";
  if (std::regex_search(code, m, std::regex(R"(\b(_Pragma|__pragma)\b)")))
    return "#pragma: the " + m[1].str() + " operator (only #pragma unroll is allowed)";
  return "";
}

std::string check_namespaces(const std::string& code, bool c_linkage_allowed) {
  static const std::regex ns(R"(\bnamespace\s+(std|testing|kq|kq_ref|kqt|__gnu_cxx|__cxxabiv1|boost)\b)");
  std::smatch m;
  if (std::regex_search(code, m, ns)) return "harness names: reopens namespace " + m[1].str();
  static const std::regex op(R"(\boperator\s+(new|delete)\b)");
  if (std::regex_search(code, m, op)) return "harness names: defines operator " + m[1].str() + " (replaces the allocator)";
  if (!c_linkage_allowed && std::regex_search(code, std::regex(R"(\bextern\s*")")))
    return "C linkage: extern \"C\" (a C-linkage name can stand in for a library or harness function)";
  return "";
}

// Words that name objects or types; the others count only when called, so a
// variable named `read` or `thread` is not refused.
bool object_word(const std::string& w) {
  static const std::set<std::string> objects{"FILE", "ofstream", "ifstream", "fstream", "filebuf", "cout", "cerr",
                                             "clog", "stdout", "stderr", "environ", "__environ"};
  return objects.count(w) > 0;
}

std::set<std::string> called_words(const std::string& code) {
  static const std::regex call(R"(([A-Za-z_]\w*)\s*\()");
  static const std::regex std_type(R"(\bstd\s*::\s*(thread|jthread|async)\b)");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(code.begin(), code.end(), call); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str());
  for (auto it = std::sregex_iterator(code.begin(), code.end(), std_type); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str());
  return out;
}

// Runtime names a kernel's body may use: HIP's legacy index macros and the
// types of textures, surfaces, vectors and errors (not streams, events or graphs).
bool device_side_name(const std::string& w) {
  static const std::regex index(R"(^hip(ThreadIdx|BlockIdx|BlockDim|GridDim)_[xyz]$)");
  static const std::regex host_types(R"(Stream|Event|Graph)");
  if (std::regex_match(w, index)) return true;
  return w.size() > 2 && w.compare(w.size() - 2, 2, "_t") == 0 && !std::regex_search(w, host_types);
}

std::string check_words(const std::string& code, const std::set<std::string>& prompt_words, const std::string& entry) {
  static const std::regex runtime_api(R"(^(cuda|hip)[A-Z]\w*$)");
  const auto called = called_words(code);
  for (const auto& w : identifiers(code)) {
    if (prompt_words.count(w)) continue;
    auto it = forbidden_words().find(w);
    if (it != forbidden_words().end() && (object_word(w) || called.count(w))) return refusal(it->second, w);
    if (harness_name(w, entry)) {
      if (w == entry + "_reference" || w == "kq_ref") return "calls the reference: names " + w;
      return "harness names: uses " + w + " (the harness's own name)";
    }
    if (std::regex_match(w, runtime_api) && !device_side_name(w)) {
      const bool stream = w.find("Stream") != std::string::npos || w.find("Graph") != std::string::npos;
      if (stream) return "streams: uses " + w + " (the harness runs every kernel on the default stream)";
      return "host runtime API: uses " + w + " (copies, launches and device control belong to the harness)";
    }
  }
  return "";
}

}  // namespace

std::string blank_comments_and_strings(const std::string& text) {
  std::string out = text;
  enum { Code, Line, Block, Str, Chr, Raw } state = Code;
  std::string raw_end;
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i], n = i + 1 < out.size() ? out[i + 1] : '\0';
    auto blank = [&](std::size_t k) {
      if (out[k] != '\n') out[k] = ' ';
    };
    switch (state) {
      case Code:
        if (c == '/' && n == '/') state = Line, blank(i);
        else if (c == '/' && n == '*') state = Block, blank(i), blank(i + 1), ++i;
        else if (c == 'R' && n == '"' && (i == 0 || !std::isalnum(static_cast<unsigned char>(out[i - 1])))) {
          std::size_t p = out.find('(', i + 2);
          raw_end = ")" + (p == std::string::npos ? "" : out.substr(i + 2, p - i - 2)) + "\"";
          state = Raw;
          ++i;
        } else if (c == '"') state = Str;
        else if (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(out[i - 1])))) state = Chr;
        break;
      case Line:
        if (c == '\n') state = Code;
        else blank(i);
        break;
      case Block:
        if (c == '*' && n == '/') state = Code, blank(i), blank(i + 1), ++i;
        else blank(i);
        break;
      case Str:
      case Chr:
        if (c == '\\') blank(i), blank(i + 1), ++i;
        else if ((state == Str && c == '"') || (state == Chr && c == '\'')) state = Code;
        else blank(i);
        break;
      case Raw:
        if (out.compare(i, raw_end.size(), raw_end) == 0) {
          i += raw_end.size() - 1;
          state = Code;
        } else {
          blank(i);
        }
        break;
    }
  }
  return out;
}

std::string check_candidate_source(const SourceCheckInput& in) {
  // Names of the record and of the evaluator's settings have no use in a kernel.
  for (const char* s : {"KQ_EVAL", "kq_record"})
    if (in.candidate.find(s) != std::string::npos)
      return std::string("result record: mentions ") + s + " (the harness alone writes the record)";
  const std::string code = blank_comments_and_strings(in.candidate);
  const std::string prompt_code = blank_comments_and_strings(in.prompt);
  std::set<std::string> prompt_lines;
  for (const auto& l : logical_lines(in.prompt)) prompt_lines.insert(trim(l));
  std::string body;  // the code without its preprocessor lines
  auto raw_lines = logical_lines(in.candidate);
  auto code_lines = logical_lines(code);
  for (std::size_t i = 0; i < code_lines.size(); ++i) {
    const std::string t = trim(code_lines[i]);
    if (!t.empty() && t[0] == '#') {
      // Includes keep their quoted names: read those from the raw line.
      const std::string raw = i < raw_lines.size() ? trim(raw_lines[i]) : t;
      std::string r = check_directive(t.find("include") != std::string::npos ? raw : t, prompt_lines, in.entry_point);
      if (!r.empty()) return r;
      if (t.find("define") == std::string::npos) {
        body += "\n";
        continue;
      }
    }
    body += code_lines[i] + "\n";
  }
  const bool prompt_has_c_linkage = in.prompt.find("extern \"C\"") != std::string::npos;
  auto allowed = identifiers(prompt_code);
  if (in.allow_printf) allowed.insert("printf");
  for (auto check : {check_attributes(body), check_namespaces(body, prompt_has_c_linkage),
                     check_asm(body, in.host_kernels),
                     check_words(body, allowed, in.entry_point)})
    if (!check.empty()) return check;
  return "";
}

}  // namespace kq::curation
