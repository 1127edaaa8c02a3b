#pragma once
// What a kernel looks like from outside: names, signature, parameters,
// template parameters, leading comment, source text and lines.
#include "extractor/decl_index.hpp"
#include "extractor/model.hpp"

namespace kq::extractor {

// Fills every field of Kernel that describes the declaration itself.
Kernel describe_kernel(const ParsedFile& pf, const DeclIndex& index, const KernelSite& site);

std::string qualified_name(CXCursor c);

}  // namespace kq::extractor
