#pragma once
// Kernel launches written in a repository's sources: `k<<<grid, block, shared,
// stream>>>(...)`, `hipLaunchKernelGGL(k, grid, block, shared, stream, ...)`
// and `cudaLaunchKernel((void*)k, grid, block, args, shared, stream)`, found
// textually so launches in any file of the repository count.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq::extractor {

struct Launch {
  std::string kernel;         // unqualified name
  std::string template_args;  // "<float, 256>" or empty
  std::string grid, block, shared, stream;
  std::string via;            // chevrons, hipLaunchKernelGGL, cudaLaunchKernel
  std::vector<std::string> args;  // the kernel's arguments as written (not for cudaLaunchKernel)
  // Text of the enclosing function body before the launch (at most a few KB),
  // so later stages can read the locals grid and block are built from.
  std::string context;
  std::string file;
  int line = 0;
  // The function the launch is written in, and its parameters' names, so a
  // later step can follow the kernel's arguments into that function's callers.
  std::string function;
  std::vector<std::string> function_params;
  std::size_t function_min_args = 0;    // parameters without a default argument
  std::vector<nlohmann::json> callers;  // launch_callers.hpp's CallSite as JSON
};

std::vector<Launch> find_launches(std::string_view text, const std::string& file);
nlohmann::json to_json(const Launch& l);

// The body text of the function enclosing `pos` before `pos` (its last few
// KB), and that function's name and parameter names; empty when `pos` is not
// inside a function body.
struct Enclosing {
  std::string context;
  std::string function;
  std::vector<std::string> params;
  std::size_t min_args = 0;  // parameters without a default argument
};
Enclosing enclosing_function(std::string_view text, std::size_t pos);

// The text inside the parentheses opening at `open`; "" when unbalanced.
std::string paren_args(std::string_view text, std::size_t open);

// The 1-based line of `pos`.
int line_at(std::string_view text, std::size_t pos);

// Splits at commas outside (), [], {}, <> and quotes.
std::vector<std::string> split_top_level(std::string_view s);

}  // namespace kq::extractor
