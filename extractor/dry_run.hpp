#pragma once
// Extraction of one file with no database, for debugging: every kernel with
// its dependencies, unit and analysis.
#include <filesystem>

#include "extractor/model.hpp"

namespace kq::extractor {

// The repository root is the nearest parent holding .git, or the file's folder.
FileResult dry_run_file(const std::filesystem::path& file, int timeout_s = 60);

std::string describe_file_result(const FileResult& r);

}  // namespace kq::extractor
