#pragma once
// A precompiled cpu_sim.hpp for cpu-sim builds. Every cpu-sim program
// (runners, goldens) starts with `-include kq/cpu_sim.hpp`, the runtime and
// the standard headers it pulls in; GCC can read them precompiled instead.
// The header is built once per flag set under <cache>/pch/ and hard-linked
// into the build folder (the sandbox sees that folder; the cache may be
// elsewhere). A precompiled header changes how fast, never what is compiled:
// GCC checks that it matches the build (flags, macros) and reads the header
// itself when it does not, so it is left out of every cache key.
#include <filesystem>
#include <string>
#include <vector>

#include "verifier/toolchain.hpp"

namespace kq::verify {

// Flags to put before the toolchain's own for a build in `build_dir` (made
// ready there), or none when the toolchain does not include cpu_sim.hpp or
// the header could not be built or linked.
std::vector<std::string> sim_pch_flags(const Toolchain& toolchain, const std::filesystem::path& build_dir,
                                       const std::filesystem::path& cache_dir);

}  // namespace kq::verify
