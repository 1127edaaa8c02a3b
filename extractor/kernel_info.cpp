#include "extractor/kernel_info.hpp"

#include "extractor/source_text.hpp"

namespace kq::extractor {

std::string qualified_name(CXCursor c) {
  std::string name = spelling(c);
  for (CXCursor p = clang_getCursorSemanticParent(c); !clang_Cursor_isNull(p);
       p = clang_getCursorSemanticParent(p)) {
    auto k = clang_getCursorKind(p);
    if (k == CXCursor_TranslationUnit || clang_isInvalid(k)) break;
    if (k == CXCursor_LinkageSpec) continue;
    std::string part = spelling(p);
    if (part.empty()) continue;  // anonymous namespaces add nothing a caller could write
    name = part + "::" + name;
  }
  return name;
}

namespace {

Param describe_param(CXCursor parm) {
  Param p;
  p.name = spelling(parm);
  CXType t = clang_getCursorType(parm);
  p.type = type_spelling(t);
  CXType canon = clang_getCanonicalType(t);
  p.is_pointer = canon.kind == CXType_Pointer || t.kind == CXType_Pointer || canon.kind == CXType_IncompleteArray ||
                 canon.kind == CXType_ConstantArray;
  if (p.is_pointer) {
    CXType pointee = clang_getPointeeType(t.kind == CXType_Pointer ? t : canon);
    p.is_const = clang_isConstQualifiedType(pointee) != 0;
  } else {
    p.is_const = clang_isConstQualifiedType(t) != 0;
  }
  if (p.type.find("const ") == 0 && p.is_pointer) p.is_const = true;
  return p;
}

std::string clean_comment(std::string raw) { return raw; }

}  // namespace

Kernel describe_kernel(const ParsedFile& pf, const DeclIndex& index, const KernelSite& site) {
  Kernel k;
  CXCursor c = site.cursor;
  k.name = spelling(c);
  k.qualified_name = qualified_name(c);
  k.is_template = clang_getCursorKind(c) == CXCursor_FunctionTemplate;
  Span s = span_of(c);
  auto text = file_text(pf.tu, s.file);
  Span ext = extend_decl_span(text, s);
  k.source = std::string(text.substr(ext.begin, ext.end - ext.begin));
  k.line_begin = static_cast<int>(line_of(text, ext.begin));
  k.line_end = static_cast<int>(line_of(text, ext.end > 0 ? ext.end - 1 : 0));
  k.signature = signature_of(k.source);
  for (CXCursor ch : children(c)) {
    auto kind = clang_getCursorKind(ch);
    if (kind == CXCursor_ParmDecl) k.params.push_back(describe_param(ch));
    if (kind == CXCursor_TemplateTypeParameter || kind == CXCursor_NonTypeTemplateParameter ||
        kind == CXCursor_TemplateTemplateParameter) {
      Span ts = span_of(ch);
      k.template_params.push_back(ts.valid() ? collapse_ws(span_text(pf.tu, ts)) : spelling(ch));
    }
  }
  k.comment = clean_comment(to_string(clang_Cursor_getRawCommentText(c)));
  (void)index;
  return k;
}

}  // namespace kq::extractor
