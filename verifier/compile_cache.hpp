#pragma once
// Compiles a wrapper (and the files it includes) in the sandbox and caches the
// executable under <cache>/objects/<hash>/, the hash taken over the sources,
// the flags, the compiler and its version and the runtime headers. At most
// `jobs` compiles run at once; two requests for the same hash compile once.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "verifier/toolchain.hpp"

namespace kq::verify {

struct CompileOutcome {
  VerifyStatus status = VerifyStatus::Pass;  // Pass, CompileError, LinkError, Crash, Timeout
  std::string log;                           // compiler output (or why it could not start)
  std::filesystem::path executable;          // set when status is Pass
  bool cache_hit = false;
  std::int64_t wall_ms = 0;
};

// `files` maps a file name in the build folder to its content; the toolchain's
// wrapper_file among them is the one compiled.
CompileOutcome compile_cached(const Toolchain& toolchain, const std::map<std::string, std::string>& files,
                              const VerifierOptions& options);

// The cache key compile_cached would use (exposed for tests and benchmarks).
std::string compile_key(const Toolchain& toolchain, const std::map<std::string, std::string>& files);

}  // namespace kq::verify
