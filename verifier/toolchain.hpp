#pragma once
// How each backend compiles a wrapper and how its program is run: compiler,
// flags, file names, sandbox settings. Internal to the verifier.
#include <filesystem>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "verifier/backend.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {

struct Toolchain {
  std::string backend;
  const Backend* spec = nullptr;       // its entry in the backend table
  std::filesystem::path compiler;      // resolved path; empty when not found
  std::string compiler_version;        // first line of --version
  std::vector<std::string> flags;      // before the source
  std::vector<std::string> libs;       // after the source (link order)
  std::string wrapper_file;            // name of the rendered wrapper in the build folder
  std::string unit_file;               // name the wrapper includes the unit by
  bool sim = false;                    // cpu-sim: KQ_LAUNCH, named buffers, ASan
  bool gpu = false;                    // runs on a GPU: device nodes, one run per device
  MemoryLimit compile_memory = MemoryLimit::AddressSpace;
  MemoryLimit run_memory = MemoryLimit::AddressSpace;
};

// The toolchain of `backend` for units of `dialect`. Throws kq::UsageError for
// an unknown backend, or when the backend cannot take that dialect (cuda takes
// CUDA, hip-amd and hip-nvidia take HIP, cpu-sim both).
Toolchain toolchain_for(const std::string& backend, Dialect dialect, const VerifierOptions& options);

// The host C++ toolchain of golden programs (g++, ASan, the runtime headers).
Toolchain golden_toolchain(const VerifierOptions& options);

// GPUs this machine has, probed once: NVIDIA (nvidia-smi -L) and AMD (/dev/kfd + rocminfo).
const std::vector<std::string>& nvidia_devices();
const std::vector<std::string>& amd_devices();

// The compiler's path (PATH, then /usr/local/cuda/bin for nvcc) and version, cached.
std::filesystem::path resolve_compiler(const std::string& name);
std::string compiler_version(const std::filesystem::path& compiler);

}  // namespace kq::verify
