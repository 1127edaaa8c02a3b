#pragma once
// The element count a buffer needs, read from the kernel's own subscripts
// before anything runs. Each subscript is an integer formula over the launch
// (threadIdx, blockIdx, blockDim, gridDim), variables the kernel bounds by a
// size parameter (`i < n`: i ranges over 0..n-1), locals defined once from
// those, size parameters and constants. Its largest value is taken over the
// corners of the box its variables range over: exact for affine subscripts
// with non-negative coefficients (most of them), an estimate for the rest,
// which the cpu-sim search still corrects.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "testgen/expr.hpp"

namespace kq::testgen {

struct IndexRanges {
  Bindings fixed;                          // size parameters and constants
  std::map<std::string, long long> upper;  // variable -> largest value (lower bound 0)
};

// The subscript as an expr.hpp formula: builtins renamed (threadIdx.x ->
// threadIdx_x), integer casts dropped, locals the kernel defines once
// (`int row = blockIdx.y * blockDim.y + threadIdx.y;`) substituted unless a
// bound already ranges them; nullopt when it names anything else.
std::optional<std::string> index_formula(const std::string& subscript, const std::string& kernel_source,
                                         const std::vector<std::string>& ranged);

// One plus the largest value of `formula` over the corners of `ranges`;
// nullopt when some identifier has no value or range, or too many vary.
std::optional<long long> needed_count(const std::string& formula, const IndexRanges& ranges);

// `i < n` gives n - 1 as i's largest value, `i <= n` gives n.
long long bound_upper(const std::string& bound, const std::string& var, long long param_value);

}  // namespace kq::testgen
