#pragma once
// Extraction of one file: parse, discover kernels, close over dependencies,
// render units, analyze and fingerprint. `extract_file_isolated` does it in a
// child process with a time limit, so a parser crash or hang costs one file.
#include <chrono>
#include <string>

#include "extractor/model.hpp"
#include "extractor/parser.hpp"

namespace kq::extractor {

// In this process. `request.stub_dir` may be empty: a temporary one is used.
FileResult extract_file(ParseRequest request, const std::string& rel_path);

// In a forked child; a crash, a timeout or garbage output gives ok=false with the reason.
FileResult extract_file_isolated(const ParseRequest& request, const std::string& rel_path,
                                 std::chrono::seconds timeout);

}  // namespace kq::extractor
