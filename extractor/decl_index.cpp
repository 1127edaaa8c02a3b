#include "extractor/decl_index.hpp"

#include <algorithm>

#include "extractor/include_paths.hpp"
#include "extractor/source_text.hpp"

namespace kq::extractor {

std::string_view to_dep_kind(ItemKind k) {
  switch (k) {
    case ItemKind::Function: return "function";
    case ItemKind::Template: return "template";
    case ItemKind::Variable: return "variable";
    case ItemKind::Macro: return "macro";
    default: return "type";
  }
}

namespace {

class IndexBuilder {
 public:
  explicit IndexBuilder(const ParsedFile& pf) : pf_(pf) {
    // Kernels are taken from the target file, which is the translation unit's
    // main file unless it is a header parsed through a file that includes it.
    std::string main = pf.target.empty() ? to_string(clang_getTranslationUnitSpelling(pf.tu)) : pf.target.string();
    main_file_ = clang_getFile(pf.tu, main.c_str());
  }

  DeclIndex build() {
    walk(clang_getTranslationUnitCursor(pf_.tu), {});
    for (std::size_t i = 0; i < out_.items.size(); ++i)
      for (const auto& n : out_.items[i].names) out_.by_name.emplace(n, i);
    return std::move(out_);
  }

 private:
  void walk(CXCursor parent, const std::vector<std::string>& ns) {
    for (CXCursor c : children(parent)) {
      auto kind = clang_getCursorKind(c);
      if (kind == CXCursor_InclusionDirective) {
        add_include(c);
        continue;
      }
      Span s = span_of(c);
      if (!s.valid() || !pf_.is_repo_file(s.file)) continue;
      if (kind == CXCursor_Namespace) {
        std::string name = spelling(c);
        out_.repo_namespaces.insert(name);
        auto inner = ns;
        inner.push_back(clang_Cursor_isInlineNamespace(c) ? "inline " + name : name);
        walk(c, inner);
      } else if (kind == CXCursor_UnexposedDecl && is_concept(s)) {
        add_decl(c, s, ns);
      } else if (kind == CXCursor_LinkageSpec || kind == CXCursor_UnexposedDecl) {
        // extern "C" blocks (libclang 14 shows them as unexposed declarations).
        walk(c, ns);
      } else if (kind == CXCursor_MacroDefinition) {
        add_macro(c, s);
      } else if (kind != CXCursor_MacroExpansion) {
        add_decl(c, s, ns);
      }
    }
  }

  // A C++20 concept: libclang 14 has no cursor kind for it and shows an
  // unexposed declaration whose text is `template <...> concept Name = ...`.
  bool is_concept(const Span& s) const {
    auto text = span_text(pf_.tu, s);
    if (!text.starts_with("template")) return false;
    auto eq = text.find('=');
    auto word = text.find("concept");
    return word != std::string_view::npos && eq != std::string_view::npos && word < eq;
  }

  void add_include(CXCursor c) {
    Span s = span_of(c);
    if (!s.valid() || !pf_.is_repo_file(s.file)) return;
    std::string name = spelling(c);
    if (!is_external_header(name)) return;
    if (pf_.is_repo_file(clang_getIncludedFile(c))) return;  // the project's own header of that name
    auto& inc = out_.external_includes;
    if (std::find(inc.begin(), inc.end(), name) == inc.end()) inc.push_back(name);
  }

  void add_macro(CXCursor c, Span s) {
    if (clang_Cursor_isMacroBuiltin(c)) return;
    auto text = file_text(pf_.tu, s.file);
    s = macro_span(text, s);
    Item it;
    it.kind = ItemKind::Macro;
    it.name = spelling(c);
    it.names = {it.name};
    it.span = s;
    it.text = std::string(text.substr(s.begin, s.end - s.begin));
    push(std::move(it), c);
  }

  static ItemKind classify(CXCursor c) {
    switch (clang_getCursorKind(c)) {
      case CXCursor_FunctionDecl: return ItemKind::Function;
      case CXCursor_CXXMethod:
      case CXCursor_Constructor:
      case CXCursor_Destructor:
      case CXCursor_ConversionFunction: return ItemKind::Function;
      case CXCursor_FunctionTemplate:
      case CXCursor_ClassTemplate:
      case CXCursor_ClassTemplatePartialSpecialization:
      case CXCursor_TypeAliasTemplateDecl: return ItemKind::Template;
      case CXCursor_StructDecl:
      case CXCursor_ClassDecl:
      case CXCursor_UnionDecl:
      case CXCursor_EnumDecl:
      case CXCursor_TypedefDecl:
      case CXCursor_TypeAliasDecl: return ItemKind::Type;
      case CXCursor_VarDecl: return ItemKind::Variable;
      case CXCursor_UsingDeclaration:
      case CXCursor_NamespaceAlias: return ItemKind::Using;
      case CXCursor_UsingDirective: return ItemKind::UsingDirective;
      case CXCursor_StaticAssert: return ItemKind::Other;
      default: return ItemKind::Other;
    }
  }

  // The name under which other code refers to the declaration: members
  // defined out of line go with their class.
  static std::string decl_name(CXCursor c) {
    auto k = clang_getCursorKind(c);
    bool member = k == CXCursor_CXXMethod || k == CXCursor_Constructor || k == CXCursor_Destructor ||
                  k == CXCursor_ConversionFunction;
    if (k == CXCursor_FunctionTemplate) {
      CXCursor parent = clang_getCursorSemanticParent(c);
      auto pk = clang_getCursorKind(parent);
      member = pk == CXCursor_StructDecl || pk == CXCursor_ClassDecl || pk == CXCursor_ClassTemplate;
    }
    if (member) return spelling(clang_getCursorSemanticParent(c));
    return spelling(c);
  }

  void add_decl(CXCursor c, Span s, const std::vector<std::string>& ns) {
    auto text = file_text(pf_.tu, s.file);
    Item it;
    it.kind = classify(c);
    it.name = decl_name(c);
    it.ns = ns;
    it.span = extend_decl_span(text, s);
    it.has_body = it.span.end > 0 && text[it.span.end - 1] == '}';
    auto k = clang_getCursorKind(c);
    if (k == CXCursor_UnexposedDecl) it.kind = ItemKind::Template;  // a concept (see is_concept)
    if (it.kind == ItemKind::UsingDirective) {
      for (CXCursor ch : children(c))
        if (clang_getCursorKind(ch) == CXCursor_NamespaceRef) it.target = spelling(ch);
    }
    if (k == CXCursor_EnumDecl)
      for (CXCursor ch : children(c))
        if (clang_getCursorKind(ch) == CXCursor_EnumConstantDecl) it.names.push_back(spelling(ch));
    if (k == CXCursor_FunctionDecl && is_explicit_instantiation(c, text, it.span)) {
      it.kind = ItemKind::Instantiation;
      it.target = to_string(clang_getCursorUSR(clang_getSpecializedCursorTemplate(c)));
    }
    if (!it.name.empty()) it.names.push_back(it.name);
    it.text = std::string(text.substr(it.span.begin, it.span.end - it.span.begin));
    if (merge_with_previous(it)) return;
    std::size_t index = push(std::move(it), c);
    find_kernels(c, index);
  }

  static bool is_explicit_instantiation(CXCursor c, std::string_view text, const Span& s) {
    if (clang_Cursor_isNull(clang_getSpecializedCursorTemplate(c))) return false;
    auto t = text.substr(s.begin, s.end - s.begin);
    if (!t.starts_with("template")) return false;
    auto rest = t.substr(8);
    auto p = rest.find_first_not_of(" \t\r\n");
    return p != std::string_view::npos && rest[p] != '<';
  }

  // `typedef struct {...} T;` and `int a, b;` are one piece of text holding
  // several cursors: they become one item with every name.
  bool merge_with_previous(Item& it) {
    if (out_.items.empty()) return false;
    Item& last = out_.items.back();
    if (last.kind == ItemKind::Macro || !clang_File_isEqual(last.span.file, it.span.file)) return false;
    if (it.span.begin >= last.span.end) return false;
    last.span.begin = std::min(last.span.begin, it.span.begin);
    last.span.end = std::max(last.span.end, it.span.end);
    auto text = file_text(pf_.tu, last.span.file);
    last.text = std::string(text.substr(last.span.begin, last.span.end - last.span.begin));
    for (auto& n : it.names)
      if (std::find(last.names.begin(), last.names.end(), n) == last.names.end()) last.names.push_back(n);
    if (it.kind == ItemKind::Type || it.kind == ItemKind::Variable) last.kind = it.kind;
    if (last.name.empty()) last.name = it.name;
    return true;
  }

  void find_kernels(CXCursor c, std::size_t item) {
    if (is_kernel(c)) {
      if (clang_isCursorDefinition(c) && in_main(c)) out_.kernels.push_back({c, item});
      return;
    }
    auto k = clang_getCursorKind(c);
    if (k != CXCursor_StructDecl && k != CXCursor_ClassDecl && k != CXCursor_ClassTemplate) return;
    for (CXCursor ch : children(c)) find_kernels(ch, item);
  }

  bool in_main(CXCursor c) const {
    Span s = span_of(c);
    return s.valid() && clang_File_isEqual(s.file, main_file_);
  }

  std::size_t push(Item it, CXCursor c) {
    it.cursor = c;
    it.ordinal = static_cast<int>(out_.items.size());
    it.in_main_file = clang_File_isEqual(it.span.file, main_file_);
    out_.items.push_back(std::move(it));
    return out_.items.size() - 1;
  }

  const ParsedFile& pf_;
  CXFile main_file_ = nullptr;
  DeclIndex out_;
};

}  // namespace

DeclIndex build_index(const ParsedFile& pf) { return IndexBuilder(pf).build(); }

}  // namespace kq::extractor
