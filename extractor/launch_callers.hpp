#pragma once
// Calls of the host function a kernel is launched from: a launch written in
// `void run_saxpy(float* x, int n)` is configured by whoever calls run_saxpy,
// possibly in another file of the repository. Each call is kept with its
// arguments and the caller's body text before it, so the kernel's arguments
// can be followed one level further back to their allocations and values.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extractor/launches.hpp"

namespace kq::extractor {

struct CallSite {
  std::string function;           // the called function
  std::vector<std::string> args;  // as written
  std::string context;            // the calling body's text before the call
  std::string caller;             // the calling function's name
  std::string file;
  int line = 0;
};

// Calls `function(...)` or `function<...>(...)` inside function bodies of
// `text` (comments blanked by the caller); definitions and declarations at
// file scope are not calls.
std::vector<CallSite> find_calls(std::string_view text, const std::string& file, const std::string& function);

nlohmann::json to_json(const CallSite& c);

// Adds to every launch written inside a named function the calls of that
// function found in `texts` (path -> comment-blanked text), at most
// `per_launch` of them, those with one argument per parameter (defaults aside).
void attach_callers(std::vector<Launch*>& launches, const std::vector<std::pair<std::string, std::string>>& texts,
                    std::size_t per_launch = 3);

}  // namespace kq::extractor
