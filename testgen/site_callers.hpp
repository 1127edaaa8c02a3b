#pragma once
// A launch site seen through a caller of its launching function:
//
//   void run_scale(float* x, int n, float a) {          // launching function
//     scale<<<(n + 255) / 256, 256>>>(x, n, a);
//   }
//   void main_loop(int rows, int cols) {                // its caller
//     float* d; cudaMalloc(&d, rows * cols * sizeof(float));
//     run_scale(d, rows * cols, 2.0f);
//   }
//
// The lifted site's context is the caller's body before the call, then one
// binding per parameter of the launching function (`auto n = rows * cols;`),
// then the launching body: the readers of a site's context (locals,
// allocations, launch configuration) then follow every argument one level
// further back with no change of their own.
#include <vector>

#include "testgen/launch_sites.hpp"

namespace kq::testgen {

// One lifted site per caller whose arguments fit the launching function's
// parameters; none when the site has no callers.
std::vector<LaunchSite> lift_through_callers(const LaunchSite& site);

// The binding lines for one call: `auto p = (arg);` per named parameter
// whose argument is another text (`dim3 p = arg;` for a dim3 local of the caller).
std::string caller_bindings(const LaunchSite& site, const SiteCaller& caller);

}  // namespace kq::testgen
