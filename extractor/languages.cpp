#include "extractor/languages.hpp"

#include "core/fs.hpp"

namespace kq::extractor {

Dialect dialect_for_path(const std::filesystem::path& p) {
  return p.extension() == ".hip" ? Dialect::Hip : Dialect::Cuda;
}

// Files of language "cpp" may declare kernels of either dialect: the extension decides.
Dialect dialect_for(std::string_view language, const std::filesystem::path& p) {
  if (language == "hip") return Dialect::Hip;
  if (language == "cuda") return Dialect::Cuda;
  return dialect_for_path(p);
}

Dialect dialect_for_file(std::string_view language, const std::filesystem::path& p) {
  if (language == "hip" || language == "cuda" || p.extension() == ".hip" || p.extension() == ".cu" ||
      p.extension() == ".cuh")
    return dialect_for(language, p);
  try {
    auto text = read_file(p, 16u << 20);
    if (text.find("hip/hip_runtime") != std::string::npos || text.find("hipLaunchKernelGGL") != std::string::npos)
      return Dialect::Hip;
  } catch (const std::exception&) {
  }
  return Dialect::Cuda;
}

}  // namespace kq::extractor
