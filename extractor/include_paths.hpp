#pragma once
// Where a repository's headers are looked for, which includes stay external
// (runtime, standard library, cub/thrust, cooperative groups, half types), and
// which ones are replaced by empty stubs so parsing never needs a GPU SDK.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extractor/build_flags.hpp"

namespace kq::extractor {

// Include folders guessed for the whole repository: include/ folders, folders
// that hold headers (bounded), and -I folders of compile_commands.json and of
// the build files that lie inside the tree. The file's own folder and its parents are added per file.
struct RepoIncludes {
  std::vector<std::filesystem::path> dirs;
  std::vector<std::string> defines;  // -D values from compile_commands.json
  std::map<std::filesystem::path, int> standards;  // source file -> its -std= year in compile_commands.json
  std::vector<BuildDefine> build_defines;  // -D of CMake, Makefiles and setup.py (build_flags.hpp)
};
RepoIncludes guess_repo_includes(const std::filesystem::path& root);

// The file's folder and its parents up to the root, then the repository's folders.
std::vector<std::filesystem::path> include_dirs_for(const std::filesystem::path& root,
                                                    const std::filesystem::path& file,
                                                    const RepoIncludes& repo);

// Headers of the GPU runtimes and their libraries: always resolved to stubs
// when parsing, and kept as #include lines in units.
bool is_gpu_runtime_header(std::string_view name);
// Headers a unit keeps as #include lines: GPU runtime headers and the C/C++
// standard library.
bool is_external_header(std::string_view name);

// The #include names written in a source text, in order.
std::vector<std::string> scan_includes(std::string_view text);

// Folders the system compiler searches (standard library and libc).
const std::vector<std::filesystem::path>& system_include_dirs();

}  // namespace kq::extractor
