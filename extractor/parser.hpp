#pragma once
// Parsing one source file with libclang, as CUDA host code with the project's
// prelude: missing includes become empty stubs and the parse is retried, GPU
// runtime headers always resolve to stubs, and files outside the repository
// are never read (they are replaced by empty text).
#include <clang-c/Index.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "extractor/build_flags.hpp"

namespace kq::extractor {

struct ParseRequest {
  std::filesystem::path root;  // the repository's files (canonical)
  std::filesystem::path file;  // absolute, inside root
  // When set: the file parsed as the translation unit, a source that includes
  // `file` (a header); kernels are still taken from `file`.
  std::filesystem::path via;
  std::vector<std::filesystem::path> includers;  // sources that include `file`, when it is a header
  Dialect dialect = Dialect::Cuda;
  std::vector<std::filesystem::path> include_dirs;
  std::vector<std::string> defines;  // -D values given to the parse
  std::vector<BuildDefine> build_defines;  // the build's definitions for this file, nearest first
  int build_standard = 0;  // the C++ standard the project's build gives the file (0: not said)
  int stub_retries = 8;
  std::filesystem::path stub_dir;  // an empty folder owned by the caller
};

class ParsedFile {
 public:
  ParsedFile() = default;
  ~ParsedFile();
  ParsedFile(const ParsedFile&) = delete;
  ParsedFile& operator=(const ParsedFile&) = delete;

  CXIndex index = nullptr;
  CXTranslationUnit tu = nullptr;
  std::filesystem::path root, stub_dir;
  std::filesystem::path target;  // the file whose kernels are extracted
  std::filesystem::path main;    // the file parsed: target, or the includer it is parsed through
  std::vector<std::string> stubbed;   // include names given empty stubs
  std::vector<std::string> rejected;  // files outside the tree, read as empty
  std::map<std::string, std::string> encodings;  // path -> "windows-1252 (N bytes)" for files not in UTF-8
  int errors = 0;
  int target_errors = 0;  // of them, those located in the target file
  std::set<std::string> undeclared;  // names the parse found undeclared (macros a build may define)

  // True for a file of the repository (not a stub, the prelude or a system header).
  bool is_repo_file(CXFile file) const;
};

// Throws kq::Error when libclang cannot produce a translation unit at all.
std::unique_ptr<ParsedFile> parse_file(const ParseRequest& request);

// Folder of the parse prelude (kq_prelude.h).
std::filesystem::path prelude_dir();

}  // namespace kq::extractor
