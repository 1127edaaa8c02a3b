#include "extractor/kernel_analysis.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "extractor/clang_util.hpp"

namespace kq::extractor {
namespace {

constexpr int kMaxCalleeDepth = 3;
constexpr std::size_t kMaxStores = 24;

CXTranslationUnit g_tu = nullptr;  // the unit being analyzed (one per worker process)

// The whole declaration printed from the AST, macros expanded.
std::string pretty_decl(CXCursor c) {
  CXPrintingPolicy policy = clang_getCursorPrintingPolicy(c);
  std::string s = to_string(clang_getCursorPrettyPrinted(c, policy));
  clang_PrintingPolicy_dispose(policy);
  return s;
}

// An expression as written (at its expansion site).
std::string pretty(CXCursor c) {
  Span s = span_of(c);
  if (!s.valid()) return "";
  return collapse_ws(span_text(g_tu, s));
}

struct LocatedToken {
  std::string text;
  unsigned offset;
};

std::vector<LocatedToken> located_tokens(CXCursor c) {
  // Tokenized by the expansion span: an extent that starts in a macro spans two files and yields nothing.
  Span s = span_of(c);
  if (!s.valid()) return {};
  CXSourceRange range = clang_getRange(clang_getLocationForOffset(g_tu, s.file, s.begin),
                                       clang_getLocationForOffset(g_tu, s.file, s.end));
  CXToken* toks = nullptr;
  unsigned n = 0;
  clang_tokenize(g_tu, range, &toks, &n);
  std::vector<LocatedToken> out;
  for (unsigned i = 0; i < n; ++i) {
    unsigned off = 0;
    clang_getExpansionLocation(clang_getTokenLocation(g_tu, toks[i]), nullptr, nullptr, nullptr, &off);
    out.push_back({to_string(clang_getTokenSpelling(g_tu, toks[i])), off});
  }
  if (toks) clang_disposeTokens(g_tu, toks, n);
  return out;
}

bool contains_word(const std::string& text, const std::string& word) {
  std::regex re("\\b" + word + "\\b");
  return std::regex_search(text, re);
}

CXCursor strip(CXCursor c) {
  for (;;) {
    auto k = clang_getCursorKind(c);
    if (k != CXCursor_ParenExpr && k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr &&
        k != CXCursor_CXXStaticCastExpr && k != CXCursor_CXXReinterpretCastExpr && k != CXCursor_CXXConstCastExpr)
      return c;
    auto ch = children(c);
    if (ch.empty()) return c;
    c = ch.back();
  }
}

// Operator of a binary expression: the first token after its left operand.
std::string binary_op(CXCursor c) {
  auto ch = children(c);
  if (ch.size() != 2) return "";
  Span lhs = span_of(ch[0]), whole = span_of(c);
  if (!lhs.valid() || !whole.valid() || lhs.end >= whole.end || lhs.begin < whole.begin) return "";
  for (const auto& t : located_tokens(c))
    if (t.offset >= lhs.end) return t.text;
  return "";
}

std::string unary_op(CXCursor c) {
  auto toks = located_tokens(c);
  if (toks.empty()) return "";
  static const std::set<std::string> prefix = {"++", "--", "*", "&", "-", "!", "~", "+"};
  if (prefix.count(toks.front().text)) return toks.front().text;
  if (toks.back().text == "++" || toks.back().text == "--") return toks.back().text;
  return "";
}

struct Roles {
  bool reads = false, writes = false, atomic = false;
  std::vector<std::string> index_exprs;
};

// One walk over a function body; `bindings` maps the walked function's
// pointer parameters (and local aliases) to the kernel parameter they stand for.
class Walker {
 public:
  Walker(const std::set<std::string>& scalars, std::map<std::string, Roles>& roles, KernelAnalysis& out,
         std::string self)
      : scalars_(scalars), roles_(roles), out_(out), self_(std::move(self)) {}

  std::map<std::string, std::string> bindings;  // local or callee name -> kernel param
  int depth = 0;
  bool is_kernel = true;

  void walk(CXCursor c, int mode = 0) {  // mode: 0 read, 1 store target, 2 read-modify-write
    auto k = clang_getCursorKind(c);
    switch (k) {
      case CXCursor_BinaryOperator: return on_binary(c);
      case CXCursor_CompoundAssignOperator: return on_assign(c, 2);
      case CXCursor_UnaryOperator: return on_unary(c, mode);
      case CXCursor_ArraySubscriptExpr: return on_subscript(c, mode);
      case CXCursor_MemberRefExpr: return on_member(c, mode);
      case CXCursor_CallExpr: return on_call(c);
      case CXCursor_VarDecl: return on_var(c);
      case CXCursor_DeclRefExpr: return on_ref(c, mode);
      case CXCursor_IfStmt:
      case CXCursor_WhileStmt:
      case CXCursor_DoStmt:
      case CXCursor_ForStmt:
      case CXCursor_CaseStmt:
      case CXCursor_ConditionalOperator: ++out_.cyclomatic; break;
      case CXCursor_AsmStmt: out_.set(Feature::inline_asm); break;
      default: break;
    }
    if (is_kernel && k >= CXCursor_FirstStmt && k <= CXCursor_LastStmt && k != CXCursor_CompoundStmt &&
        k != CXCursor_NullStmt && k != CXCursor_DeclStmt)
      ++out_.statements;
    if (is_kernel && k == CXCursor_DeclStmt) ++out_.statements;
    for (CXCursor ch : children(c)) walk(ch, 0);
  }

 private:
  // The kernel parameter an expression's storage belongs to, if any.
  std::string root_param(CXCursor c) const {
    c = strip(c);
    auto k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr) {
      auto it = bindings.find(spelling(c));
      return it == bindings.end() ? "" : it->second;
    }
    if (k == CXCursor_ArraySubscriptExpr || k == CXCursor_MemberRefExpr) {
      auto ch = children(c);
      return ch.empty() ? "" : root_param(ch.front());
    }
    if (k == CXCursor_BinaryOperator) {  // pointer arithmetic: p + offset
      for (CXCursor ch : children(c))
        if (auto r = root_param(ch); !r.empty()) return r;
    }
    if (k == CXCursor_UnaryOperator) {
      auto ch = children(c);
      return ch.empty() ? "" : root_param(ch.front());
    }
    return "";
  }

  void mark(const std::string& param, int mode) {
    if (param.empty()) return;
    auto& r = roles_[param];
    if (mode == 0 || mode == 2) r.reads = true;
    if (mode == 1 || mode == 2) r.writes = true;
  }

  void record_store(CXCursor c) {
    if (!is_kernel || out_.stores.size() >= kMaxStores) return;
    out_.stores.push_back(pretty(c));
  }

  void on_binary(CXCursor c) {
    std::string op = binary_op(c);
    if (op == "=") return on_assign(c, 1);
    if (op == "&&" || op == "||") ++out_.cyclomatic;
    if (op == "<" || op == "<=" || op == ">" || op == ">=") note_bound(c);
    for (CXCursor ch : children(c)) walk(ch, 0);
  }

  void on_assign(CXCursor c, int mode) {
    auto ch = children(c);
    if (ch.size() != 2) return;
    std::string target = root_param(ch[0]);
    if (!target.empty()) record_store(c);
    CXCursor lhs = strip(ch[0]);
    if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr) {
      // Reassigning a local pointer: it may now alias a parameter.
      std::string rhs_root = root_param(ch[1]);
      if (!rhs_root.empty()) bindings[spelling(lhs)] = rhs_root;
      walk(ch[1], 0);
      return;
    }
    walk(ch[0], mode);
    walk(ch[1], 0);
  }

  void on_unary(CXCursor c, int mode) {
    std::string op = unary_op(c);
    auto ch = children(c);
    if (ch.empty()) return;
    if (op == "++" || op == "--") {
      CXCursor inner = strip(ch[0]);
      if (clang_getCursorKind(inner) != CXCursor_DeclRefExpr) return walk(ch[0], 2);
    }
    if (op == "*") {
      mark(root_param(ch[0]), mode);
      if (mode != 0) record_store(c);
    }
    walk(ch[0], op == "*" ? 0 : mode == 0 ? 0 : mode);
  }

  void on_subscript(CXCursor c, int mode) {
    auto ch = children(c);
    if (ch.size() != 2) return;
    std::string param = root_param(ch[0]);
    if (!param.empty()) {
      mark(param, mode);
      std::string idx = pretty(ch[1]);
      auto& exprs = roles_[param].index_exprs;
      if (exprs.size() < 8 && std::find(exprs.begin(), exprs.end(), idx) == exprs.end()) exprs.push_back(idx);
      note_index_buffer(ch[1]);
    }
    walk(ch[0], 0);
    walk(ch[1], 0);
  }

  void on_member(CXCursor c, int mode) {
    auto ch = children(c);
    std::string whole = pretty(c);
    if (!ch.empty() && whole.find("->") != std::string::npos) mark(root_param(ch[0]), mode);
    for (CXCursor x : ch) walk(x, mode == 0 ? 0 : mode);
  }

  void on_ref(CXCursor c, int mode) {
    (void)mode;
    CXCursor ref = clang_getCursorReferenced(c);
    if (!clang_Cursor_isNull(ref) && has_attr(ref, CXCursor_CUDAConstantAttr)) out_.set(Feature::constant);
  }

  void on_var(CXCursor c) {
    if (has_attr(c, CXCursor_CUDASharedAttr)) {
      CXType t = clang_getCursorType(c);
      bool dynamic = t.kind == CXType_IncompleteArray || pretty(c).starts_with("extern");
      out_.set(dynamic ? Feature::shared_dynamic : Feature::shared_static);
    }
    std::string type = type_spelling(clang_getCursorType(c));
    if (type.find("half") != std::string::npos || type.find("bfloat16") != std::string::npos)
      out_.set(Feature::half);
    auto ch = children(c);
    if (!ch.empty()) {
      CXCursor init = ch.back();
      std::string root = root_param(init);
      CXType vt = clang_getCanonicalType(clang_getCursorType(c));
      if (!root.empty() && (vt.kind == CXType_Pointer || vt.kind == CXType_LValueReference))
        bindings[spelling(c)] = root;
      else if (auto loaded = loaded_params(init); !loaded.empty())
        loaded_from_[spelling(c)] = loaded;
    }
    for (CXCursor x : ch) walk(x, 0);
  }

  // Kernel parameters whose elements an expression loads.
  std::set<std::string> loaded_params(CXCursor c) const {
    std::set<std::string> out;
    std::vector<CXCursor> todo = {c};
    while (!todo.empty()) {
      CXCursor x = todo.back();
      todo.pop_back();
      if (clang_getCursorKind(x) == CXCursor_ArraySubscriptExpr) {
        auto ch = children(x);
        if (!ch.empty())
          if (auto r = root_param(ch[0]); !r.empty()) out.insert(r);
      }
      for (CXCursor ch : children(x)) todo.push_back(ch);
    }
    return out;
  }

  void note_index_buffer(CXCursor index) {
    std::set<std::string> sources = loaded_params(index);
    std::vector<CXCursor> todo = {index};
    while (!todo.empty()) {
      CXCursor x = todo.back();
      todo.pop_back();
      if (clang_getCursorKind(x) == CXCursor_DeclRefExpr)
        if (auto it = loaded_from_.find(spelling(x)); it != loaded_from_.end())
          sources.insert(it->second.begin(), it->second.end());
      for (CXCursor ch : children(x)) todo.push_back(ch);
    }
    if (sources.empty()) return;
    out_.set(Feature::index_buffer);
    for (const auto& s : sources) out_.add_index_buffer(s);
  }

  void note_bound(CXCursor c) {
    if (!is_kernel) return;
    std::string text = pretty(c);
    for (const auto& s : scalars_) {
      if (!contains_word(text, s)) continue;
      auto& b = bounds_[s];
      if (std::find(b.begin(), b.end(), text) == b.end()) b.push_back(text);
    }
  }

  void on_call(CXCursor c) {
    std::string name = spelling(c);
    note_call_features(name);
    CXCursor callee = clang_getCursorReferenced(c);
    auto args = call_args(c);
    if (name.starts_with("atomic")) {
      if (!args.empty()) {
        std::string p = root_param(args[0]);
        if (!p.empty()) {
          mark(p, 2);
          roles_[p].atomic = true;
          record_store(c);
        }
      }
    } else {
      follow_callee(callee, args);
    }
    for (CXCursor ch : children(c)) walk(ch, 0);
  }

  static std::vector<CXCursor> call_args(CXCursor c) {
    std::vector<CXCursor> args;
    int n = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < n; ++i) args.push_back(clang_Cursor_getArgument(c, static_cast<unsigned>(i)));
    return args;
  }

  // Pointer arguments passed on: their roles are those the callee gives its parameter.
  void follow_callee(CXCursor callee, const std::vector<CXCursor>& args) {
    bool any = false;
    std::map<std::string, std::string> inner;
    CXCursor def = clang_Cursor_isNull(callee) ? callee : clang_getCursorDefinition(callee);
    std::vector<CXCursor> parms;
    if (!clang_Cursor_isNull(def))
      for (CXCursor ch : children(def))
        if (clang_getCursorKind(ch) == CXCursor_ParmDecl) parms.push_back(ch);
    for (std::size_t i = 0; i < args.size(); ++i) {
      std::string p = root_param(args[i]);
      if (p.empty()) continue;
      any = true;
      if (i < parms.size()) {
        inner[spelling(parms[i])] = p;
      } else {
        // Unknown callee: a non-const pointer may be written.
        mark(p, 0);
      }
    }
    if (!any || clang_Cursor_isNull(def) || depth >= kMaxCalleeDepth) return;
    if (spelling(def) == self_) out_.set(Feature::recursion);
    Walker w(scalars_, roles_, out_, spelling(def));
    w.bindings = inner;
    w.depth = depth + 1;
    w.is_kernel = false;
    for (CXCursor ch : children(def))
      if (clang_getCursorKind(ch) == CXCursor_CompoundStmt) w.walk(ch);
  }

  void note_call_features(const std::string& name) {
    if (name.starts_with("__syncthreads") || name == "sync" || name == "this_grid") out_.set(Feature::syncthreads);
    if (name.starts_with("__shfl") || name.starts_with("__ballot") || name == "__any_sync" || name == "__all_sync" ||
        name == "__activemask" || name == "__syncwarp" || name == "tiled_partition" || name.starts_with("__reduce_") ||
        name == "shfl_down" || name == "shfl_xor" || name == "shfl")
      out_.set(Feature::warp);
    if (name.starts_with("atomic")) out_.set(Feature::atomics);
    if (name.starts_with("tex") || name.starts_with("surf")) out_.set(Feature::texture);
    if (name == "printf") out_.set(Feature::printf);
    static const std::set<std::string> math = {"sqrt", "sqrtf", "rsqrt", "rsqrtf", "log", "logf", "log2", "log2f",
                                               "log10", "log10f", "pow", "powf", "__logf", "__powf", "__log2f",
                                               "__fsqrt_rn", "hsqrt", "hlog", "log1p", "log1pf", "cbrt", "cbrtf"};
    if (math.count(name)) out_.set(Feature::math_sqrt_log);
    if (name == self_ && is_kernel) out_.set(Feature::recursion);
  }

 public:
  std::map<std::string, std::vector<std::string>> bounds_;

 private:
  const std::set<std::string>& scalars_;
  std::map<std::string, Roles>& roles_;
  KernelAnalysis& out_;
  std::string self_;
  std::map<std::string, std::set<std::string>> loaded_from_;
};

}  // namespace

// Comparisons in which `name` takes part, read from the macro-expanded body:
// the clause around each use, cut at parentheses, ';', ',', '&&', '||' and '?'.
static std::vector<std::string> comparisons_with(const std::string& body, const std::string& name) {
  std::vector<std::string> out;
  std::regex word("\\b" + name + "\\b");
  for (std::sregex_iterator it(body.begin(), body.end(), word), end; it != end; ++it) {
    auto pos = static_cast<std::size_t>(it->position());
    std::size_t b = pos, e = pos + name.size();
    int depth = 0, grouping = 0;
    auto prev_char = [&](std::size_t at) {
      while (at > 0 && body[at - 1] == ' ') --at;
      return at > 0 ? body[at - 1] : '\0';
    };
    while (b > 0) {
      char c = body[b - 1];
      if (c == ')') ++depth;
      if (c == '(' && depth == 0) {
        // A grouping parenthesis inside the comparison: "i < (n)".
        if (std::string_view("<>=!+-*/%&|^").find(prev_char(b - 1)) == std::string_view::npos) break;
        ++grouping;
      } else if (c == '(') {
        --depth;
      }
      if (depth == 0 && (c == ';' || c == ',' || c == '{' || c == '}' || c == '?' || (c == '=' && b >= 2 && body[b - 2] != '<' && body[b - 2] != '>' && body[b - 2] != '=' && body[b - 2] != '!'))) break;
      if (depth == 0 && b >= 2 && (body.compare(b - 2, 2, "&&") == 0 || body.compare(b - 2, 2, "||") == 0)) break;
      --b;
    }
    depth = 0;
    while (e < body.size()) {
      char c = body[e];
      if (c == '(') ++depth;
      if (c == ')' && depth == 0) {
        if (grouping == 0) break;
        --grouping;
      } else if (c == ')') {
        --depth;
      }
      if (depth == 0 && (c == ';' || c == ',' || c == '{' || c == '}' || c == '?')) break;
      if (depth == 0 && (body.compare(e, 2, "&&") == 0 || body.compare(e, 2, "||") == 0)) break;
      ++e;
    }
    std::string clause = collapse_ws(body.substr(b, e - b));
    static const std::regex cmp(R"((^|[^<>\-])(<=|>=|<|>)([^<>=]|$))");
    if (!std::regex_search(clause, cmp)) continue;
    if (std::find(out.begin(), out.end(), clause) == out.end()) out.push_back(clause);
    if (out.size() >= 8) break;
  }
  return out;
}

std::string element_type(const std::string& type, bool is_pointer) {
  std::string t = type;
  for (const char* q : {"const ", "volatile ", "__restrict__", "__restrict", "restrict "}) {
    for (auto p = t.find(q); p != std::string::npos; p = t.find(q)) t.erase(p, std::string(q).size());
  }
  if (is_pointer) {
    auto star = t.rfind('*');
    if (star != std::string::npos) t = t.substr(0, star);
    auto bracket = t.find('[');
    if (bracket != std::string::npos) t = t.substr(0, bracket);
  }
  return collapse_ws(t);
}

std::string classify_index_pattern(const std::string& body) {
  static const std::regex grid_stride(
      R"(\+=\s*\(?\s*(blockDim\.x\s*\*\s*gridDim\.x|gridDim\.x\s*\*\s*blockDim\.x))");
  static const std::regex global_x(
      R"((blockIdx\.x\s*\*\s*blockDim\.x|blockDim\.x\s*\*\s*blockIdx\.x)\s*\+\s*threadIdx\.x|threadIdx\.x\s*\+\s*(blockIdx\.x\s*\*\s*blockDim\.x|blockDim\.x\s*\*\s*blockIdx\.x))");
  static const std::regex global_y(R"((blockIdx\.y\s*\*\s*blockDim\.y|blockDim\.y\s*\*\s*blockIdx\.y))");
  static const std::regex thread_loop(R"(=\s*threadIdx\.x\s*;[^;]*;[^)]*\+=\s*blockDim\.x)");
  if (std::regex_search(body, grid_stride)) return "grid_stride";
  if (std::regex_search(body, global_y) && body.find("threadIdx.y") != std::string::npos) return "2d";
  if (std::regex_search(body, global_x)) return "1d";
  if (std::regex_search(body, thread_loop) && body.find("blockIdx.x") != std::string::npos) return "block_per_row";
  return "other";
}

KernelAnalysis analyze_kernel(const ParsedFile& pf, CXCursor kernel, const Kernel& info) {
  KernelAnalysis a;
  a.template_params = info.template_params;
  std::set<std::string> scalars;
  std::map<std::string, Roles> roles;
  for (const auto& p : info.params)
    if (!p.is_pointer) scalars.insert(p.name);
  Walker w(scalars, roles, a, info.name);
  for (const auto& p : info.params)
    if (p.is_pointer && !p.name.empty()) w.bindings[p.name] = p.name;
  g_tu = pf.tu;
  for (CXCursor ch : children(kernel))
    if (clang_getCursorKind(ch) == CXCursor_CompoundStmt) w.walk(ch);
  std::string body = pretty_decl(kernel);
  if (auto brace = body.find('{'); brace != std::string::npos) body = body.substr(brace);
  for (const auto& p : info.params) {
    ParamAnalysis pa;
    pa.name = p.name;
    pa.type = p.type;
    pa.is_pointer = p.is_pointer;
    pa.is_const = p.is_const;
    pa.elem_type = element_type(p.type, p.is_pointer);
    if (auto it = roles.find(p.name); it != roles.end()) {
      pa.reads = it->second.reads;
      pa.writes = it->second.writes;
      pa.atomic = it->second.atomic;
      pa.index_exprs = it->second.index_exprs;
    }
    if (!p.is_pointer) {
      pa.bounds = comparisons_with(body, p.name);
      if (auto it = w.bounds_.find(p.name); it != w.bounds_.end())
        for (const auto& b : it->second)
          if (std::find(pa.bounds.begin(), pa.bounds.end(), b) == pa.bounds.end()) pa.bounds.push_back(b);
      pa.size_like = !pa.bounds.empty();
    }
    if (pa.type.find("half") != std::string::npos || pa.type.find("bfloat16") != std::string::npos)
      a.set(Feature::half);
    a.params.push_back(std::move(pa));
  }
  a.index_pattern = classify_index_pattern(body);
  if (info.is_template) a.set(Feature::template_kernel);
  a.lines = info.line_end - info.line_begin + 1;
  a.body_expanded = body.size() > 4000 ? body.substr(0, 4000) : body;
  return a;
}

}  // namespace kq::extractor
