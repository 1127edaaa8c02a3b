#pragma once
// Splits a standalone unit into the pieces a task is made of: the includes,
// the dependencies (everything else the kernel needs), the kernel's leading
// comment, its signature up to and including the opening brace, and its body.
#include <string>
#include <string_view>

namespace kq::curation {

struct SplitUnit {
  std::string includes;      // #include lines outside any #if, in order
  std::string dependencies;  // the unit before the kernel without those lines and the kernel's comment
  std::string comment;       // the comment right above the kernel, as written
  std::string signature;     // "template<...>\n__global__ void k(...) {\n"
  std::string body;          // after the opening brace, through the closing brace and newline
  std::string after;         // what follows the kernel (explicit instantiations, ...)
};

// Finds the __global__ definition of `kernel_name` (unqualified or qualified)
// in `unit`; throws kq::Error naming the kernel when it is not there.
SplitUnit split_unit(std::string_view unit, const std::string& kernel_name);

// The unit with the kernel renamed to `new_name` (definition only).
std::string rename_kernel(const SplitUnit& split, const std::string& kernel_name, const std::string& new_name);

// The index just past the brace matching the one at `open` (skipping comments,
// strings and character literals), or npos.
std::size_t match_brace(std::string_view s, std::size_t open);

// The closing braces of every brace `text` leaves open, innermost first: "}\n"
// for a namespace, "};\n" for a class or struct (a static member kernel).
std::string closing_braces(std::string_view text);

// The unqualified name: "ns::k" -> "k".
std::string unqualified(const std::string& name);

}  // namespace kq::curation
