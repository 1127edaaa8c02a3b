#include "extractor/languages.hpp"

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

}  // namespace kq::extractor
