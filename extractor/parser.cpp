#include "extractor/parser.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/utf8.hpp"
#include "extractor/clang_util.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/language_standard.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

ParsedFile::~ParsedFile() {
  if (tu) clang_disposeTranslationUnit(tu);
  if (index) clang_disposeIndex(index);
}

bool ParsedFile::is_repo_file(CXFile file) const {
  if (!file) return false;
  fs::path p = to_string(clang_getFileName(file));
  if (p.empty() || (!stub_dir.empty() && p.string().starts_with(stub_dir.string()))) return false;
  if (p.string().starts_with(prelude_dir().string())) return false;
  return is_within(root, p);
}

fs::path prelude_dir() {
  if (const char* env = std::getenv("KQ_EXTRACTOR_PRELUDE_DIR"); env && *env) return env;
  // Found once: every parse of every file asks.
  static const fs::path dir = data_root() / "extractor" / "prelude";
  return dir;
}

namespace {

struct ParseState {
  std::set<std::string> stubbed;
  std::map<std::string, std::string> overrides;  // path -> empty text, or a repository file decoded to UTF-8
  std::vector<std::string> rejected;
  std::map<std::string, std::string> encodings;  // repository files that were not UTF-8
};

// libclang reads a file that is not UTF-8 byte for byte and every text taken
// from it (kernel source, comments, names) would carry those bytes into the
// database and the release; the decoded text is given to it instead.
void decode_if_needed(const fs::path& f, const std::string& bytes, ParseState& st) {
  if (is_valid_utf8(bytes)) return;
  auto d = decode_text(bytes);
  st.encodings[f.string()] = describe_encoding(d);
  st.overrides[f.string()] = std::move(d.text);
}

void write_stub(const fs::path& stub_dir, const std::string& name, ParseState& st) {
  fs::path target = (stub_dir / name).lexically_normal();
  if (!target.string().starts_with(stub_dir.string())) return;  // "../" names cannot be stubbed here
  if (!st.stubbed.insert(name).second) return;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  write_file_atomic(target, "// empty stub written by the extractor\n");
}

bool is_system_path(const fs::path& p) {
  std::error_code ec;
  auto s = fs::weakly_canonical(p, ec).string();
  for (const char* prefix : {"/usr/include/", "/usr/lib/gcc/", "/usr/lib/llvm-14/", "/usr/lib/clang/"})
    if (s.starts_with(prefix)) return true;
  return false;
}

bool exists_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// Resolves an include the way the preprocessor will, and stubs it or blanks it
// out before clang ever opens it. Returns the repository file it resolves to.
std::optional<fs::path> pre_resolve(const ParseRequest& rq, const fs::path& includer, const std::string& name,
                                    bool quoted, ParseState& st) {
  // A project's own "cuda_interval_lib.h" next to its includer is the project's, whatever its name.
  if (quoted && exists_file(includer.parent_path() / name) && is_within(rq.root, includer.parent_path() / name))
    return fs::weakly_canonical(includer.parent_path() / name);
  if (is_gpu_runtime_header(name)) {
    write_stub(rq.stub_dir, name, st);
    return std::nullopt;
  }
  std::vector<fs::path> candidates;
  if (quoted) candidates.push_back(includer.parent_path() / name);
  for (const auto& d : rq.include_dirs) candidates.push_back(d / name);
  for (const auto& c : candidates) {
    if (!exists_file(c)) continue;
    if (is_within(rq.root, c)) return fs::weakly_canonical(c);
    st.overrides[c.string()] = "";
    st.overrides[c.lexically_normal().string()] = "";
    st.rejected.push_back(c.lexically_normal().string());
    return std::nullopt;
  }
  if (is_external_header(name)) return std::nullopt;
  for (const auto& d : system_include_dirs())
    if (exists_file(d / name)) return std::nullopt;
  write_stub(rq.stub_dir, name, st);
  return std::nullopt;
}

void prescan(const ParseRequest& rq, ParseState& st) {
  static const std::regex re(R"(^[ \t]*#[ \t]*include[ \t]*([<"])([^>"\n]+)[>"])", std::regex::multiline);
  fs::path main = rq.via.empty() ? rq.file : rq.via;
  std::vector<fs::path> todo = {main};
  std::set<fs::path> seen = {main};
  constexpr std::size_t kMaxFiles = 400;
  while (!todo.empty() && seen.size() < kMaxFiles) {
    fs::path f = todo.back();
    todo.pop_back();
    std::string text;
    try {
      text = read_file(f, 8u << 20);
    } catch (const std::exception&) {
      continue;
    }
    decode_if_needed(f, text, st);
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
      auto resolved = pre_resolve(rq, f, (*it)[2].str(), (*it)[1].str() == "\"", st);
      if (resolved && seen.insert(*resolved).second) todo.push_back(*resolved);
    }
  }
}

// The build's standard, or C++20 when the file is written in it.
std::string parse_standard(const ParseRequest& rq) {
  int year = rq.build_standard;
  try {
    year = std::max(year, standard_needed_by(read_file(rq.file, 8u << 20)));
    if (!rq.via.empty()) year = std::max(year, standard_needed_by(read_file(rq.via, 8u << 20)));
  } catch (const std::exception&) {
    // libclang reports an unreadable file itself.
  }
  return "-std=" + standard_flag(year);
}

std::vector<std::string> clang_args(const ParseRequest& rq) {
  std::vector<std::string> a = {"-x", "cuda", "--cuda-host-only", "-nocudainc", "-nocudalib",
                                parse_standard(rq), "-Wno-unknown-cuda-version", "-Xclang",
                                "-fcuda-allow-variadic-functions", "-ferror-limit=0", "-fparse-all-comments",
                                "-w"};
  // Device code is what is extracted: declarations under `#if __CUDA_ARCH__ >= 700`
  // (or HIP's __HIP_DEVICE_COMPILE__) are the ones kernels use.
  if (rq.dialect == Dialect::Hip) {
    for (const char* d : {"-D__HIP_DEVICE_COMPILE__=1", "-D__HIPCC__=1", "-D__HIP_PLATFORM_AMD__=1", "-D__HIP__=1", "-D__HIP_PLATFORM_HCC__=1"})
      a.push_back(d);
  } else {
    for (const char* d : {"-D__CUDA_ARCH__=900", "-D__NVCC__=1", "-DCUDART_VERSION=12000", "-DCUDA_VERSION=12000",
                          "-D__CUDACC_VER_MAJOR__=12", "-D__CUDACC_VER_MINOR__=0"})
      a.push_back(d);
  }
  a.push_back("-include");
  a.push_back((prelude_dir() / "kq_prelude.h").string());
  a.push_back("-I" + rq.stub_dir.string());
  for (const auto& d : rq.include_dirs) a.push_back("-I" + d.string());
  for (const auto& d : rq.defines) a.push_back("-D" + d);
  return a;
}

// Names in "'foo.h' file not found" diagnostics.
// Also collects the names of "use of undeclared identifier" and "unknown type
// name" diagnostics: macros the repository's build may define.
std::vector<std::string> missing_includes(CXTranslationUnit tu, const fs::path& target, int& errors,
                                          int& target_errors, std::set<std::string>& undeclared) {
  static const std::regex re(R"('([^']+)' file not found)");
  static const std::regex unknown(R"((?:use of undeclared identifier|unknown type name) '(\w+)')");
  std::vector<std::string> out;
  errors = 0;
  target_errors = 0;
  unsigned n = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < n; ++i) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    auto sev = clang_getDiagnosticSeverity(d);
    if (sev >= CXDiagnostic_Error) {
      ++errors;
      CXFile file = nullptr;
      clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, nullptr, nullptr, nullptr);
      if (file && fs::path(file_name(file)).lexically_normal() == target.lexically_normal()) ++target_errors;
    }
    std::string msg = to_string(clang_getDiagnosticSpelling(d));
    std::smatch m;
    if (std::regex_search(msg, m, re)) out.push_back(m[1].str());
    else if (std::regex_search(msg, m, unknown)) undeclared.insert(m[1].str());
    clang_disposeDiagnostic(d);
  }
  return out;
}

struct InclusionCheck {
  const ParsedFile* pf;
  const ParseRequest* rq;
  std::vector<std::string> outside;
};

void inclusion_visitor(CXFile included, CXSourceLocation*, unsigned, CXClientData data) {
  auto* check = static_cast<InclusionCheck*>(data);
  fs::path p = to_string(clang_getFileName(included));
  if (p.empty() || is_system_path(p)) return;
  if (p.string().starts_with(check->rq->stub_dir.string())) return;
  if (p.string().starts_with(prelude_dir().string())) return;
  if (is_within(check->rq->root, p)) return;
  check->outside.push_back(p.string());
}

}  // namespace

std::unique_ptr<ParsedFile> parse_file(const ParseRequest& rq) {
  auto pf = std::make_unique<ParsedFile>();
  pf->root = rq.root;
  pf->stub_dir = rq.stub_dir;
  pf->index = clang_createIndex(0, 0);
  ParseState st;
  prescan(rq, st);
  auto args = clang_args(rq);
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  unsigned options = CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing;
  pf->target = rq.file;
  pf->main = rq.via.empty() ? rq.file : rq.via;
  std::string file = pf->main.string();

  for (int round = 0; round <= rq.stub_retries; ++round) {
    std::vector<CXUnsavedFile> unsaved;
    for (const auto& [path, text] : st.overrides)
      unsaved.push_back({path.c_str(), text.c_str(), static_cast<unsigned long>(text.size())});
    if (pf->tu) clang_disposeTranslationUnit(pf->tu);
    pf->tu = nullptr;
    auto err = clang_parseTranslationUnit2(pf->index, file.c_str(), argv.data(), static_cast<int>(argv.size()),
                                           unsaved.data(), static_cast<unsigned>(unsaved.size()), options, &pf->tu);
    if (err != CXError_Success || !pf->tu)
      throw Error("libclang could not parse " + file + " (error " + std::to_string(static_cast<int>(err)) + ")");
    bool again = false;
    pf->undeclared.clear();
    for (const auto& name : missing_includes(pf->tu, pf->target, pf->errors, pf->target_errors, pf->undeclared)) {
      auto before = st.stubbed.size();
      write_stub(rq.stub_dir, name, st);
      again |= st.stubbed.size() != before;
    }
    InclusionCheck check{pf.get(), &rq, {}};
    clang_getInclusions(pf->tu, inclusion_visitor, &check);
    for (const auto& p : check.outside) {
      if (st.overrides.emplace(p, "").second) {
        st.rejected.push_back(p);
        again = true;
      }
    }
    if (!again) break;
  }
  pf->stubbed.assign(st.stubbed.begin(), st.stubbed.end());
  pf->rejected = st.rejected;
  pf->encodings = st.encodings;
  return pf;
}

}  // namespace kq::extractor
