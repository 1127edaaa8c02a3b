#pragma once
// What the host code around a launch says about a kernel's parameters,
// learnt by comparing values instead of texts. Every kernel argument and
// every buffer's allocation is read as a formula over the free variables of
// the site (the outermost function's own parameters, tensor extents), and two
// formulas that agree at several sample points are taken as equal:
//
//   run(d, rows * cols, rows, cols)  ->  n = rows*cols           (a relation)
//   cudaMalloc(&d, rows*cols*4)      ->  buffer d holds n        (a count)
//   run(d, 1 << log2n)               ->  n is a power of two
//   scale<<<g, b>>>(d, n, 0.5f)      ->  a = 0.5                 (a value)
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "testgen/launch_sites.hpp"

namespace kq::testgen {

struct FactsQuery {
  std::vector<std::string> params;     // the kernel's parameter names, in order
  std::vector<bool> integer;           // integer scalar (a size or a value)
  std::vector<bool> floating;          // floating-point scalar
  std::vector<std::size_t> elem_bytes; // buffers: bytes per element; 0 for scalars
};

struct SiteFacts {
  std::map<std::string, std::string> relations;  // integer parameter -> formula over other such parameters
  std::set<std::string> pow2;                     // integer parameters passed only as powers of two
  std::map<std::string, std::string> counts;      // buffer -> element count over integer parameters, or a constant
  std::map<std::string, nlohmann::json> values;   // scalar -> the constant the site passes
  bool through_caller = false;                    // learnt from a caller of the launching function

  bool empty() const { return relations.empty() && pow2.empty() && counts.empty() && values.empty(); }
  std::size_t weight() const { return 2 * counts.size() + relations.size() + pow2.size() + values.size(); }
};

SiteFacts site_facts(const LaunchSite& site, const std::string& unit_source, const FactsQuery& query);

// The facts of the site that knows most (lifted sites first among equals).
SiteFacts best_site_facts(const std::vector<LaunchSite>& sites, const std::string& unit_source,
                          const FactsQuery& query);

}  // namespace kq::testgen
