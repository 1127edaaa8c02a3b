#include "verifier/compare_printed.hpp"

#include <string>
#include <vector>

#include "runtime/kq/host/printed_lines.hpp"

namespace kq::verify {

void compare_printed(const std::filesystem::path& expected_dir, const std::filesystem::path& actual_dir,
                     const LaunchSpec& spec, Comparison& c) {
  auto note = [&](const std::string& what, std::size_t count) {
    c.mismatches += count;
    if (c.first_diff.empty()) c.first_diff = what;
  };
  std::vector<std::string> expected, actual;
  if (!read_printed_lines((expected_dir / kPrintedFile).string(), expected))
    return note("printed output: the reference's printf.txt is missing", 1);
  if (!read_printed_lines((actual_dir / kPrintedFile).string(), actual))
    return note("printed output: printf.txt is missing", 1);
  auto p = compare_printed_lines(expected, actual, spec.compare.rtol, spec.compare.atol);
  if (p.mismatches) note(p.first_diff, p.mismatches);
}

}  // namespace kq::verify
