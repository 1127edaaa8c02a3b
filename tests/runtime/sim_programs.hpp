#pragma once
// Builds the runtime test programs (tests/runtime/programs/) the way the
// verifier builds units for the CPU execution runtime, caches the binaries by
// the hash of program, flags and runtime headers (every test of a program
// shares one build, across test processes), and runs them.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/subprocess.hpp"

namespace kq::test {

struct SimBuild {
  std::string program;                   // file name under tests/runtime/programs/
  int warp_size = 32;
  bool asan = true;
  std::vector<std::string> extra_flags;  // e.g. -DKQ_SIM_EXTERN_SHARED_NAMES=...
};

// Path of the built binary; fails the current test (and returns empty) when
// the build fails.
std::filesystem::path build_sim_program(const SimBuild& build);

// Runs the binary with arguments and extra environment; 60 s timeout.
RunResult run_sim_program(const std::filesystem::path& binary, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

// Whitespace-separated numbers of one output line (0-based).
std::vector<double> numbers_on_line(const std::string& out, std::size_t line);

std::filesystem::path runtime_programs_dir();

}  // namespace kq::test
