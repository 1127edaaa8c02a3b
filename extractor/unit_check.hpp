#pragma once
// The standalone check of every unit not yet checked: compile it alone with
// its dialect's compiler, and for CUDA units that only use portable features,
// compile their HIP translation too. Advances or fails each kernel's stage.
#include <filesystem>

#include "extractor/extractor.hpp"

namespace kq::extractor {

void check_units(const std::filesystem::path& db_path, const ExtractOptions& options, ExtractReport& report);

// The first error line of a compiler log (the reason recorded for a failure).
std::string first_error(const std::string& log);

}  // namespace kq::extractor
