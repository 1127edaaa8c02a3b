#pragma once
// Small helpers over the libclang C API: strings, children visitation with a
// lambda, source spans as (file, byte offsets), and the text they cover.
#include <clang-c/Index.h>

#include <string>
#include <string_view>
#include <vector>

namespace kq::extractor {

std::string to_string(CXString s);  // disposes s
std::string spelling(CXCursor c);
std::string type_spelling(CXType t);

template <typename Fn>
void visit_children(CXCursor c, Fn&& fn) {
  clang_visitChildren(
      c,
      [](CXCursor child, CXCursor parent, CXClientData data) -> CXChildVisitResult {
        return (*static_cast<Fn*>(data))(child, parent);
      },
      &fn);
}

std::vector<CXCursor> children(CXCursor c);

struct Span {
  CXFile file = nullptr;
  unsigned begin = 0, end = 0;  // byte offsets, end exclusive
  unsigned line_begin = 0, line_end = 0;
  bool valid() const { return file != nullptr && end >= begin; }
};

// The cursor's extent where it is written (macro expansions map to their use).
Span span_of(CXCursor c);
std::string_view file_text(CXTranslationUnit tu, CXFile file);
std::string_view span_text(CXTranslationUnit tu, const Span& s);
std::string file_name(CXFile file);

bool has_attr(CXCursor c, CXCursorKind attr);
bool is_kernel(CXCursor c);  // a function (template) with __global__

// Identifier tokens inside a span, in order.
std::vector<std::string> identifiers_in(CXTranslationUnit tu, const Span& s);

struct Token {
  CXTokenKind kind;
  std::string text;
};
std::vector<Token> tokens_in(CXTranslationUnit tu, CXSourceRange range);
// The tokens written inside a span. A cursor's own extent may start inside a
// macro (`__global__` spelled in the prelude), which clang_tokenize reads as a
// range across two files and answers with nothing; a span is in one file.
std::vector<Token> tokens_in(CXTranslationUnit tu, const Span& s);

std::string collapse_ws(std::string_view s);

}  // namespace kq::extractor
