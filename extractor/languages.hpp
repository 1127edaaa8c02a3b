#pragma once
// Which dialect a source file or unit is parsed and compiled as. The content
// decides: HIP code often lives in .cu/.cpp files, so the extension is only
// the fallback when the text shows neither runtime (or both, as portable code
// behind #ifdefs does).
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/types.hpp"

namespace kq::extractor {

Dialect dialect_for_path(const std::filesystem::path& p);
Dialect dialect_for(std::string_view language, const std::filesystem::path& p);

// What the text alone says: Hip when it includes a hip/ header, launches with
// hipLaunchKernelGGL or calls the hip* runtime, and shows no CUDA runtime use
// (cuda* calls, cuda headers); Cuda for the converse; nullopt when it shows
// neither or both.
std::optional<Dialect> dialect_of_text(std::string_view text);

// The file's dialect: a .hip file is HIP; otherwise its content decides, and
// the miner's language or the extension when the content is silent.
Dialect dialect_for_file(std::string_view language, const std::filesystem::path& p);

// A unit's dialect: its own text (it keeps the runtime #includes of its
// closure) decides, else the dialect of the file it came from.
Dialect dialect_for_unit(std::string_view unit, Dialect file_dialect);

}  // namespace kq::extractor
