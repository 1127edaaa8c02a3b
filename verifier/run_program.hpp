#pragma once
// Runs a compiled wrapper in the sandbox with its output folder as the working
// folder. GPU programs run one at a time per device: each run takes a free
// device from a per-vendor pool and sees only it (CUDA_VISIBLE_DEVICES or
// HIP_VISIBLE_DEVICES), so several devices serve runs in parallel.
#include <filesystem>
#include <map>
#include <string>

#include "verifier/toolchain.hpp"

namespace kq::verify {

SandboxResult run_program(const std::filesystem::path& executable, const std::filesystem::path& out_dir,
                          const Toolchain& toolchain, const VerifierOptions& options,
                          std::map<std::string, std::string> env);

}  // namespace kq::verify
