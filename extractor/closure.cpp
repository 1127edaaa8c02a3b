#include "extractor/closure.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <regex>
#include <set>

#include "core/source_scan.hpp"
#include "extractor/include_use.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {
namespace {

// Items of one file sorted by offset, to map a declaration's location to the
// item that holds its text.
class ItemLocator {
 public:
  explicit ItemLocator(const DeclIndex& index) {
    for (std::size_t i = 0; i < index.items.size(); ++i) {
      const auto& it = index.items[i];
      by_file_[file_name(it.span.file)].push_back({it.span.begin, it.span.end, i});
    }
    for (auto& [_, v] : by_file_) std::sort(v.begin(), v.end());
  }

  std::optional<std::size_t> find(CXCursor decl) const {
    CXFile file = nullptr;
    unsigned line = 0, col = 0, offset = 0;
    clang_getExpansionLocation(clang_getCursorLocation(decl), &file, &line, &col, &offset);
    if (!file) return std::nullopt;
    auto f = by_file_.find(file_name(file));
    if (f == by_file_.end()) return std::nullopt;
    const auto& v = f->second;
    auto it = std::upper_bound(v.begin(), v.end(), Entry{offset, ~0u, ~std::size_t{0}});
    if (it == v.begin()) return std::nullopt;
    --it;
    if (offset >= it->begin && offset < it->end) return it->index;
    return std::nullopt;
  }

 private:
  struct Entry {
    unsigned begin, end;
    std::size_t index;
    bool operator<(const Entry& o) const { return std::tie(begin, end, index) < std::tie(o.begin, o.end, o.index); }
  };
  std::map<std::string, std::vector<Entry>> by_file_;
};

bool is_local_decl(CXCursor ref) {
  auto k = clang_getCursorKind(ref);
  if (k == CXCursor_ParmDecl || k == CXCursor_TemplateTypeParameter || k == CXCursor_NonTypeTemplateParameter ||
      k == CXCursor_TemplateTemplateParameter)
    return true;
  if (k != CXCursor_VarDecl) return false;
  auto pk = clang_getCursorKind(clang_getCursorSemanticParent(ref));
  return pk == CXCursor_FunctionDecl || pk == CXCursor_FunctionTemplate || pk == CXCursor_CXXMethod;
}

class ClosureWalker {
 public:
  ClosureWalker(const ParsedFile& pf, const DeclIndex& index) : pf_(pf), index_(index), locator_(index) {}

  std::set<std::size_t> run(std::size_t root) {
    add(root);
    while (!todo_.empty()) {
      std::size_t i = todo_.front();
      todo_.pop_front();
      scan(i);
    }
    return chosen_;
  }

 private:
  void add(std::size_t i) {
    auto k = index_.items[i].kind;
    if (k == ItemKind::Instantiation || k == ItemKind::UsingDirective || k == ItemKind::Other) return;
    if (chosen_.insert(i).second) todo_.push_back(i);
  }

  void add_by_name(const std::string& name, bool macros_only) {
    auto [b, e] = index_.by_name.equal_range(name);
    for (auto it = b; it != e; ++it)
      if (!macros_only || index_.items[it->second].kind == ItemKind::Macro) add(it->second);
  }

  // Resolved references go to the item that declares them; names clang could
  // not resolve (dependent calls, macro bodies, code with errors) go to every
  // item of that name.
  void scan(std::size_t i) {
    const Item& item = index_.items[i];
    const Span& s = item.span;
    CXSourceRange range = clang_getRange(clang_getLocationForOffset(pf_.tu, s.file, s.begin),
                                         clang_getLocationForOffset(pf_.tu, s.file, s.end));
    CXToken* toks = nullptr;
    unsigned n = 0;
    clang_tokenize(pf_.tu, range, &toks, &n);
    std::vector<CXCursor> cursors(n);
    if (n) clang_annotateTokens(pf_.tu, toks, n, cursors.data());
    std::set<std::string> self(item.names.begin(), item.names.end());
    for (unsigned t = 0; t < n; ++t) {
      if (clang_getTokenKind(toks[t]) == CXToken_Punctuation && item.kind != ItemKind::Macro) {
        add_operator(cursors[t]);
        continue;
      }
      if (clang_getTokenKind(toks[t]) != CXToken_Identifier) continue;
      std::string name = to_string(clang_getTokenSpelling(pf_.tu, toks[t]));
      if (item.kind == ItemKind::Macro) {
        if (!self.count(name)) add_by_name(name, false);
        continue;
      }
      resolve_token(name, cursors[t], self);
    }
    if (toks) clang_disposeTokens(pf_.tu, toks, n);
  }

  // `a + b` on repository types calls a repository operator: the token is
  // annotated with a reference to it.
  void add_operator(CXCursor c) {
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_Cursor_isNull(ref) || !spelling(ref).starts_with("operator")) return;
    for (CXCursor d : {ref, clang_getCursorDefinition(ref)}) {
      if (clang_Cursor_isNull(d)) continue;
      if (auto item = locator_.find(d)) add(*item);
    }
  }

  void resolve_token(const std::string& name, CXCursor c, const std::set<std::string>& self) {
    auto ck = clang_getCursorKind(c);
    if (ck == CXCursor_MacroExpansion) {
      add_by_name(name, true);
      return;
    }
    CXCursor ref = clang_getCursorReferenced(c);
    bool resolved = !clang_Cursor_isNull(ref) && !clang_isInvalid(clang_getCursorKind(ref)) &&
                    clang_getCursorKind(ref) != CXCursor_OverloadedDeclRef && spelling(ref) == name;
    if (!resolved) {
      if (!self.count(name)) add_by_name(name, false);
      return;
    }
    if (is_local_decl(ref)) return;
    CXCursor def = clang_getCursorDefinition(ref);
    for (CXCursor d : {ref, def}) {
      if (clang_Cursor_isNull(d)) continue;
      if (auto item = locator_.find(d)) add(*item);
    }
    // Every declaration of a repository function (prototypes too) keeps the order valid.
    auto rk = clang_getCursorKind(ref);
    bool function = rk == CXCursor_FunctionDecl || rk == CXCursor_FunctionTemplate;
    if (function && is_repo(ref) && !self.count(name)) add_by_name(name, false);
  }

  bool is_repo(CXCursor c) const {
    CXFile file = nullptr;
    clang_getExpansionLocation(clang_getCursorLocation(c), &file, nullptr, nullptr, nullptr);
    return pf_.is_repo_file(file);
  }

  const ParsedFile& pf_;
  const DeclIndex& index_;
  ItemLocator locator_;
  std::set<std::size_t> chosen_;
  std::deque<std::size_t> todo_;
};

bool uses_namespace(const DeclIndex& index, const std::set<std::size_t>& chosen, const std::string& ns) {
  if (!index.repo_namespaces.count(ns)) return true;  // a library namespace: keep the directive
  for (auto i : chosen)
    for (const auto& n : index.items[i].ns)
      if (n == ns || n == "inline " + ns) return true;
  return false;
}

std::string open_namespaces(const std::vector<std::string>& ns) {
  std::string out;
  for (const auto& n : ns) out += n.empty() ? "namespace {\n" : n.starts_with("inline ") ? n.substr(0, 7) + "namespace " + n.substr(7) + " {\n" : "namespace " + n + " {\n";
  return out;
}

std::string close_namespaces(const std::vector<std::string>& ns) {
  std::string out;
  for (std::size_t i = ns.size(); i > 0; --i) out += "}  // namespace " + ns[i - 1] + "\n";
  return out;
}

// Names the parse prelude declares that no GPU compiler provides without an
// include: a file written for NVRTC or included after <cassert> by another
// file uses them with no #include of its own.
std::vector<std::string> standard_includes_for(const std::string& code, const std::vector<std::string>& includes) {
  struct Need {
    const char* pattern;
    std::vector<const char*> headers;  // any of them provides the names; the first is added
  };
  static const std::vector<Need> needs = {
      {R"(\bassert\s*\()", {"cassert", "assert.h"}},
      {R"(\b(?:u?int(?:8|16|32|64)_t|u?intptr_t)\b)", {"cstdint", "stdint.h", "inttypes.h", "cinttypes"}},
      {R"(\b(?:memcpy|memset|memcmp|strlen)\s*\()", {"cstring", "string.h"}},
      {R"(\bFLT_(?:MAX|MIN|EPSILON)\b)", {"cfloat", "float.h"}},
      {R"(\b(?:INT|UINT|LLONG|ULLONG)_(?:MAX|MIN)\b)", {"climits", "limits.h"}}};
  std::vector<std::string> out;
  for (const auto& n : needs) {
    bool present = std::any_of(n.headers.begin(), n.headers.end(), [&](const char* h) {
      return std::find(includes.begin(), includes.end(), h) != includes.end();
    });
    if (!present && std::regex_search(code, std::regex(n.pattern))) out.push_back(n.headers.front());
  }
  return out;
}

}  // namespace

Closure compute_closure(const ParsedFile& pf, const DeclIndex& index, const KernelSite& site) {
  Closure c;
  auto chosen = ClosureWalker(pf, index).run(site.item);
  std::string usr = to_string(clang_getCursorUSR(site.cursor));
  for (std::size_t i = 0; i < index.items.size(); ++i) {
    const Item& it = index.items[i];
    if (it.kind == ItemKind::UsingDirective && it.ordinal < index.items[site.item].ordinal &&
        uses_namespace(index, chosen, it.target))
      chosen.insert(i);
    if (it.kind == ItemKind::Instantiation && it.target == usr) c.instantiations.push_back(i);
  }
  c.items.assign(chosen.begin(), chosen.end());
  std::sort(c.items.begin(), c.items.end(),
            [&](std::size_t a, std::size_t b) { return index.items[a].ordinal < index.items[b].ordinal; });
  std::string code;
  for (auto i : c.items) code += index.items[i].text + "\n";
  for (auto i : c.instantiations) code += index.items[i].text + "\n";
  c.includes = used_includes(index.external_includes, blank_comments(code));
  return c;
}

std::string render_unit(const DeclIndex& index, const Closure& closure, const std::string& kernel_name,
                        const std::string& origin) {
  std::string out = "// Kernel `" + kernel_name + "` from " + origin + ", with everything it needs to compile alone.\n";
  for (const auto& inc : closure.includes) out += "#include <" + inc + ">\n";
  std::string code;
  for (auto i : closure.items) code += index.items[i].text + "\n";
  for (const auto& inc : standard_includes_for(blank_comments(code), closure.includes)) out += "#include <" + inc + ">\n";
  std::string macros;
  for (auto i : closure.items)
    if (index.items[i].kind == ItemKind::Macro) macros += index.items[i].text + "\n";
  if (!macros.empty()) out += "\n" + macros;
  std::vector<std::string> ns;
  auto emit = [&](const Item& it) {
    out += "\n";
    if (it.ns != ns) {
      out += close_namespaces(ns);
      out += open_namespaces(it.ns);
      ns = it.ns;
    }
    out += it.text + "\n";
  };
  for (auto i : closure.items)
    if (index.items[i].kind != ItemKind::Macro) emit(index.items[i]);
  for (auto i : closure.instantiations) emit(index.items[i]);
  out += close_namespaces(ns);
  return out;
}

std::vector<Dep> closure_deps(const DeclIndex& index, const Closure& closure, const KernelSite& site) {
  std::vector<Dep> deps;
  for (const auto& inc : closure.includes) deps.push_back({"include", inc, "#include <" + inc + ">"});
  for (auto i : closure.items) {
    if (i == site.item) continue;
    const Item& it = index.items[i];
    std::string name = it.name.empty() && !it.names.empty() ? it.names.front() : it.name;
    if (it.kind == ItemKind::UsingDirective) name = "using namespace " + it.target;
    deps.push_back({std::string(to_dep_kind(it.kind)), name, it.text});
  }
  return deps;
}

}  // namespace kq::extractor
