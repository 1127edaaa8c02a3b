#pragma once
// The C++ standard a unit is parsed and compiled with: the one the project's
// build asks for (compile_commands.json `-std=`, CMake `*_STANDARD` or
// `target_compile_features(... cxx_std_NN)`), raised to C++20 when the source
// itself uses C++20 (concepts, requires, consteval, designated initializers,
// <span>, std::bit_cast, ...). Never below C++17, the floor of CUDA 13 and of
// the units' runtime headers.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kq::extractor {

constexpr int kDefaultStandard = 17;
// The newest standard nvcc (CUDA 13), hipcc and libclang 14 all accept: a
// project built as C++23 is parsed and checked as C++20.
constexpr int kNewestStandard = 20;

// The year of a `-std=` / `--std` flag among compiler arguments (c++2a -> 20,
// gnu++17 -> 17); 0 when none.
int standard_in_flags(const std::vector<std::string>& args);

// The highest standard a CMake text sets; 0 when none.
int standard_in_cmake(std::string_view text);

// 20 when the source uses a C++20 language or library feature, else 0.
// Comments and string literals are not looked at.
int standard_needed_by(std::string_view source);

// The standard the build of `file` asks for: its compile_commands.json entry,
// else the nearest CMakeLists.txt (the file's folder, then its parents up to
// `root`) that sets one; 0 when nothing says.
int build_standard_for(const std::filesystem::path& root, const std::filesystem::path& file,
                       const std::map<std::filesystem::path, int>& from_compile_commands);

// "c++17", "c++20": the value of a -std= flag, between kDefaultStandard and kNewestStandard.
std::string standard_flag(int year);
// The year of a "c++NN" value; kDefaultStandard when it is not one.
int standard_year(std::string_view flag);

}  // namespace kq::extractor
