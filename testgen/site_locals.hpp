#pragma once
// Launch configurations built from locals of the launching function:
//
//   dim3 block(TILE, 8);
//   dim3 grid((cols + TILE - 1) / TILE, (rows + TILE - 1) / TILE);
//   transpose<<<grid, block>>>(in, out, rows, cols);
//
// Locals come from the launch site's context (the body text before the
// launch), constants from the unit and the context's own #defines, and the
// launch's arguments map names of the launching function to the kernel's
// parameters. Anything unknown leaves the configuration unresolved; nothing is
// guessed.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "testgen/expr.hpp"
#include "testgen/launch_sites.hpp"

namespace kq::testgen {

// Integer and dim3 locals of a context, the last assignment before the launch winning.
struct SiteLocals {
  std::map<std::string, std::string> scalars;               // name -> initialiser text
  std::map<std::string, std::array<std::string, 3>> dims;   // name -> x, y, z texts
  std::string defines;                                      // the context's #define lines
};
SiteLocals read_site_locals(const std::string& context);

// The x, y, z components of a launch configuration argument ("grid",
// "dim3(a, b)", "(n + 255) / 256") as size formulas (expr.hpp) over the
// kernel's parameter names; nullopt when some name resolves to neither a
// constant nor a parameter. `params`: the kernel's parameter names in order.
std::optional<std::array<std::string, 3>> site_dim_formulas(const std::string& text, const LaunchSite& site,
                                                            const std::string& unit_source,
                                                            const std::vector<std::string>& params);

// Kernel parameters the site's grid is computed from, through its locals,
// even where the whole grid does not resolve (`ceil_div(B * T, block_size)`
// names B and T whatever block_size is). `params`: the parameter names in order.
std::vector<std::string> site_grid_params(const LaunchSite& site, const std::vector<std::string>& params);

// As site_dim_formulas, for a configuration that must be constant (a block):
// every component positive and at most 1024.
std::optional<std::array<unsigned, 3>> resolve_site_dims(const std::string& text, const LaunchSite& site,
                                                         const std::string& unit_source);

// A byte count of the launch (dynamic shared memory) as a formula over the
// kernel's parameters and `block` (threads per block, when the text names
// the launch's block variable without resolving it); nullopt when unknown.
std::optional<std::string> site_bytes_formula(const std::string& text, const LaunchSite& site,
                                              const std::string& unit_source, const std::vector<std::string>& params);

// The value of `text` at the site as a formula over free variables: the
// names nothing at the site defines (the outermost function's parameters,
// tensor extents written `t__numel` and `t__size0` for `t.numel()` and
// `t.size(0)`), locals expanded and constants folded in; nullopt when the
// text holds anything else (calls, member access).
std::optional<std::string> site_free_formula(const std::string& text, const LaunchSite& site,
                                             const std::string& unit_source);

}  // namespace kq::testgen
