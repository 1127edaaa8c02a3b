#pragma once
// Text-level helpers on original source: widening a declaration's extent to
// the attributes written before it and the ';' after it, whole macro lines,
// line numbers of offsets.
#include <string>
#include <string_view>

#include "extractor/clang_util.hpp"

namespace kq::extractor {

// Widens [begin, end) backwards over whole lines of specifiers/attributes that
// belong to the declaration (up to the previous ';', '{', '}', preprocessor
// line, comment or blank line) and forwards over a trailing ';'.
Span extend_decl_span(std::string_view text, Span s);

// A macro definition's extent, widened to whole lines (with `#define` and
// continuation lines).
Span macro_span(std::string_view text, Span s);

unsigned line_of(std::string_view text, unsigned offset);  // 1-based

// Text of a declaration up to (not including) its body's opening brace.
std::string signature_of(std::string_view decl_text);

}  // namespace kq::extractor
