#pragma once
// The first gate of `kquarry eval`: a candidate's source is read before it is
// compiled, and what a kernel never needs is refused with a reason that names
// it (process control, threads, files, sockets, output, streams and other host
// runtime calls, inline assembly on the host, pragmas, attributes that place
// or run code, redefinitions of the harness's names, local includes). The
// object check (eval_object_check.hpp) and the isolated build catch what text
// can hide; this check says plainly what was tried.
#include <string>

namespace kq::curation {

struct SourceCheckInput {
  std::string candidate;    // the whole candidate file
  std::string prompt;       // the task's complete_prompt: its own includes, macros and names are allowed
  std::string entry_point;  // unqualified kernel name
  bool host_kernels = false;  // cpu-sim: kernels run as host code, so no inline assembly at all
  // The task compares what the kernel prints: device printf is its output.
  // Everything else that prints (streams, puts, stdout) stays refused.
  bool allow_printf = false;
};

// "" when the source may be compiled, else the reason, e.g.
// "process control: calls exit (a kernel ends by returning)".
std::string check_candidate_source(const SourceCheckInput& in);

// The text with comments and string and character literals blanked (newlines
// kept), so words inside them are not taken for code.
std::string blank_comments_and_strings(const std::string& text);

}  // namespace kq::curation
