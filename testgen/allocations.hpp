#pragma once
// Buffer sizes from the host code that launches a kernel: the argument passed
// for a buffer is followed back, in the launching function's body, to the
// allocation that made it (cudaMalloc/hipMalloc/cudaMallocManaged, malloc,
// new T[n], std::vector / thrust vectors of n elements), and the size it was
// allocated with is read as a formula over the kernel's parameters.
#include <optional>
#include <string>
#include <vector>

#include "testgen/launch_sites.hpp"

namespace kq::testgen {

// What allocated `var` in `context` (the body text before the launch); the
// last allocation wins, as the nearest one reaches the launch.
struct Allocation {
  std::string size;     // the size expression as written
  bool bytes = false;   // `size` counts bytes (malloc family), not elements
  std::string how;      // "cudaMalloc", "new[]", "std::vector", ...
};
std::optional<Allocation> find_allocation(const std::string& context, const std::string& var);

// As find_allocation, following `auto x = (d_x);` copies back to the
// variable that was allocated.
std::optional<Allocation> find_allocation_through_aliases(const std::string& context, std::string var);

// The variable an argument names: "d_x", "&v[0]", "v.data()",
// "thrust::raw_pointer_cast(v.data())", "(float*)d_x"; empty for anything else
// (an offset pointer `d_x + k` is not the start of its allocation).
std::string argument_variable(const std::string& arg);

// The allocation of the buffer the site passes as argument `index`, through
// copies; a tensor's `data_ptr()` counts `numel()` elements.
std::optional<Allocation> site_allocation(const LaunchSite& site, std::size_t index);

// The element count of the buffer the site passes as argument `index`, as a
// formula over `params` (expr.hpp's language); `elem_bytes` converts byte
// sizes. nullopt when no allocation is found or its size does not resolve.
std::optional<std::string> site_allocation_count(const LaunchSite& site, std::size_t index, std::size_t elem_bytes,
                                                 const std::string& unit_source,
                                                 const std::vector<std::string>& params);

}  // namespace kq::testgen
