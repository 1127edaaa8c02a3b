#pragma once
// Which source files of a repository include each of its files. A kernel
// written in a file that is not self-contained (`TColor` defined by the .cu
// file that includes it; a kernel .cu file included by main.cu after its
// definitions) is parsed through one of its includers.
#include <filesystem>
#include <map>
#include <vector>

namespace kq::extractor {

class IncludeGraph {
 public:
  // Reads every C, C++, CUDA and HIP source of the tree (bounded), resolving
  // quoted includes against the including file's folder and `include_dirs`.
  IncludeGraph(const std::filesystem::path& root, const std::vector<std::filesystem::path>& include_dirs);

  // Source files (not headers) that include `file` directly, sorted by path.
  std::vector<std::filesystem::path> includers_of(const std::filesystem::path& file) const;

 private:
  std::multimap<std::filesystem::path, std::filesystem::path> includers_;
};


// The C, C++, CUDA and HIP sources (not headers) under `root`, bounded in
// number, without following symbolic links or entering build and hidden folders.
std::vector<std::filesystem::path> sources_under(const std::filesystem::path& root);

}  // namespace kq::extractor
