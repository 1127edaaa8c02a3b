#pragma once
// Every top-level declaration of a parsed file that the repository defines
// (functions, templates, types, variables, macros, using-declarations), with
// the exact text it was written as, in translation-unit order; and the kernels
// the main file defines.
#include <clang-c/Index.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractor/clang_util.hpp"
#include "extractor/parser.hpp"

namespace kq::extractor {

enum class ItemKind { Function, Template, Type, Variable, Macro, Using, UsingDirective, Instantiation, Other };

struct Item {
  int ordinal = 0;
  ItemKind kind = ItemKind::Other;
  std::string name;                // main name
  std::vector<std::string> names;  // every name it defines (enumerators, typedef of a struct, ...)
  std::vector<std::string> ns;     // enclosing namespaces; "" anonymous, "inline X" for inline ones
  Span span;                       // extended to cover attributes and the trailing ';'
  std::string text;
  CXCursor cursor{};
  std::string target;              // using-directive: namespace; instantiation: template USR
  bool in_main_file = false;
  bool has_body = false;
};

struct KernelSite {
  CXCursor cursor{};
  std::size_t item = 0;  // the item that holds it (the function, or its class)
};

struct DeclIndex {
  std::vector<Item> items;
  std::multimap<std::string, std::size_t> by_name;
  std::vector<std::string> external_includes;  // names written in repository files, first seen order
  std::set<std::string> repo_namespaces;
  std::vector<KernelSite> kernels;
};

DeclIndex build_index(const ParsedFile& pf);

std::string_view to_dep_kind(ItemKind k);

}  // namespace kq::extractor
