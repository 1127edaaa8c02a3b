#pragma once
// Static analysis of a kernel's AST: what each pointer parameter is used for,
// which scalars bound indices, the indexing pattern, the store statements,
// features and size metrics (core/analysis.hpp).
#include "core/analysis.hpp"
#include "extractor/decl_index.hpp"
#include "extractor/model.hpp"

namespace kq::extractor {

KernelAnalysis analyze_kernel(const ParsedFile& pf, CXCursor kernel, const Kernel& info);

// Indexing pattern of a (macro-expanded) kernel body.
std::string classify_index_pattern(const std::string& body);

// "const float *__restrict" -> "float"
std::string element_type(const std::string& type, bool is_pointer);

}  // namespace kq::extractor
