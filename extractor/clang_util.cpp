#include "extractor/clang_util.hpp"

#include <cctype>

namespace kq::extractor {

std::string to_string(CXString s) {
  const char* c = clang_getCString(s);
  std::string out = c ? c : "";
  clang_disposeString(s);
  return out;
}

std::string spelling(CXCursor c) { return to_string(clang_getCursorSpelling(c)); }
std::string type_spelling(CXType t) { return to_string(clang_getTypeSpelling(t)); }

std::vector<CXCursor> children(CXCursor c) {
  std::vector<CXCursor> out;
  visit_children(c, [&](CXCursor child, CXCursor) {
    out.push_back(child);
    return CXChildVisit_Continue;
  });
  return out;
}

Span span_of(CXCursor c) {
  CXSourceRange r = clang_getCursorExtent(c);
  Span s;
  CXFile f1 = nullptr, f2 = nullptr;
  unsigned l1 = 0, l2 = 0, col = 0;
  clang_getExpansionLocation(clang_getRangeStart(r), &f1, &l1, &col, &s.begin);
  clang_getExpansionLocation(clang_getRangeEnd(r), &f2, &l2, &col, &s.end);
  if (!f1 || !clang_File_isEqual(f1, f2) || s.end < s.begin) return {};
  s.file = f1;
  s.line_begin = l1;
  s.line_end = l2;
  return s;
}

std::string_view file_text(CXTranslationUnit tu, CXFile file) {
  if (!file) return {};
  size_t size = 0;
  const char* data = clang_getFileContents(tu, file, &size);
  return data ? std::string_view(data, size) : std::string_view();
}

std::string_view span_text(CXTranslationUnit tu, const Span& s) {
  auto text = file_text(tu, s.file);
  if (s.end > text.size()) return {};
  return text.substr(s.begin, s.end - s.begin);
}

std::string file_name(CXFile file) { return file ? to_string(clang_getFileName(file)) : std::string(); }

bool has_attr(CXCursor c, CXCursorKind attr) {
  bool found = false;
  visit_children(c, [&](CXCursor child, CXCursor) {
    if (clang_getCursorKind(child) == attr) {
      found = true;
      return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
  });
  return found;
}

bool is_kernel(CXCursor c) {
  auto k = clang_getCursorKind(c);
  if (k != CXCursor_FunctionDecl && k != CXCursor_FunctionTemplate && k != CXCursor_CXXMethod) return false;
  return has_attr(c, CXCursor_CUDAGlobalAttr);
}

std::vector<Token> tokens_in(CXTranslationUnit tu, CXSourceRange range) {
  CXToken* toks = nullptr;
  unsigned n = 0;
  clang_tokenize(tu, range, &toks, &n);
  std::vector<Token> out;
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i)
    out.push_back({clang_getTokenKind(toks[i]), to_string(clang_getTokenSpelling(tu, toks[i]))});
  if (toks) clang_disposeTokens(tu, toks, n);
  return out;
}

std::vector<Token> tokens_in(CXTranslationUnit tu, const Span& s) {
  if (!s.valid()) return {};
  CXSourceRange r = clang_getRange(clang_getLocationForOffset(tu, s.file, s.begin),
                                   clang_getLocationForOffset(tu, s.file, s.end));
  return tokens_in(tu, r);
}

std::vector<std::string> identifiers_in(CXTranslationUnit tu, const Span& s) {
  std::vector<std::string> out;
  for (auto& t : tokens_in(tu, s))
    if (t.kind == CXToken_Identifier) out.push_back(std::move(t.text));
  return out;
}

std::string collapse_ws(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace kq::extractor
