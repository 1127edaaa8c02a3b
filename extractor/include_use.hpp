#pragma once
// Which of a file's GPU library includes a kernel's closure actually uses:
// a unit keeps an include only when its code names something the header
// declares. Parsing resolves these headers to empty stubs, so use is read from
// the names in the closure's text, with one name pattern per library.
#include <string>
#include <vector>

namespace kq::extractor {

// `code` is the closure's text with comments blanked. Headers of no known
// library (the CUDA/HIP runtime, the standard library, anything unlisted)
// are always kept: only an include known to be unused is dropped.
std::vector<std::string> used_includes(const std::vector<std::string>& includes, const std::string& code);

}  // namespace kq::extractor
