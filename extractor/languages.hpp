#pragma once
// Which dialect a source file is parsed and compiled as.
#include <filesystem>
#include <string_view>

#include "core/types.hpp"

namespace kq::extractor {

Dialect dialect_for_path(const std::filesystem::path& p);
Dialect dialect_for(std::string_view language, const std::filesystem::path& p);
// As dialect_for; a C++ file is HIP when it includes the HIP runtime or launches with hipLaunchKernelGGL.
Dialect dialect_for_file(std::string_view language, const std::filesystem::path& p);

}  // namespace kq::extractor
