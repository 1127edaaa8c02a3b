#pragma once
// Preprocessor definitions and include folders that a repository's build
// gives its sources: CMake (add_definitions, add_compile_definitions,
// target_compile_definitions, add_compile_options, *_FLAGS, include_directories),
// Makefiles (-D/-I in CFLAGS, NVCC_FLAGS, CXXFLAGS and recipes) and setup.py
// (define_macros, extra_compile_args, include_dirs). A unit compiled alone
// needs them where the repository's code uses a macro only the build defines.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kq::extractor {

struct BuildDefine {
  std::string name;
  std::string value;   // as written; "1" for a bare -DNAME
  std::string origin;  // "samples/x/CMakeLists.txt:12", relative to the repository
  std::filesystem::path dir;  // the build file's folder (absolute): nearer folders win
};

struct BuildFlags {
  std::vector<BuildDefine> defines;
  std::vector<std::filesystem::path> include_dirs;  // absolute, inside the repository
};

enum class BuildFileKind { cmake, makefile, setup_py };

// The kind of build file `p` names, if it is one.
bool build_file_kind(const std::filesystem::path& p, BuildFileKind& kind);

// Flags written in one build file's text. `dir` is the file's folder (relative
// include folders resolve against it), `origin` its name for BuildDefine::origin.
BuildFlags flags_in_build_file(std::string_view text, BuildFileKind kind, const std::filesystem::path& dir,
                               const std::string& origin);

// Every build file of the repository (bounded), include folders kept inside `root`.
BuildFlags read_build_flags(const std::filesystem::path& root);

// The definitions that apply to `file`: from build files in its folder chain,
// nearest first, then the rest of the repository; one per name.
std::vector<BuildDefine> defines_for_file(const std::vector<BuildDefine>& all, const std::filesystem::path& file);

}  // namespace kq::extractor
