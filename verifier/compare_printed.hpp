#pragma once
// The printed output of a kernel (printf.txt, LaunchSpec::printf_output)
// compared as a multiset of lines, by the rules of kq/host/printed_lines.hpp,
// which task tests share.
#include <filesystem>

#include "core/launch_spec.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {

inline constexpr const char* kPrintedFile = "printf.txt";

// Adds one mismatch per differing line (or one for a missing file) to `c`.
void compare_printed(const std::filesystem::path& expected_dir, const std::filesystem::path& actual_dir,
                     const LaunchSpec& spec, Comparison& c);

}  // namespace kq::verify
