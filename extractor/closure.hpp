#pragma once
// The dependency closure of one kernel: every repository declaration and macro
// it uses, transitively, and the standalone unit rendered from their original
// text in an order that compiles.
#include <string>
#include <vector>

#include "extractor/decl_index.hpp"
#include "extractor/model.hpp"

namespace kq::extractor {

struct Closure {
  std::vector<std::size_t> items;           // chosen items, the kernel's own included, by ordinal
  std::vector<std::size_t> instantiations;  // explicit instantiations of the kernel
  std::vector<std::string> includes;        // kept as #include lines
};

Closure compute_closure(const ParsedFile& pf, const DeclIndex& index, const KernelSite& site);

std::string render_unit(const DeclIndex& index, const Closure& closure, const std::string& kernel_name,
                        const std::string& origin);

std::vector<Dep> closure_deps(const DeclIndex& index, const Closure& closure, const KernelSite& site);

}  // namespace kq::extractor
