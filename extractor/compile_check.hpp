#pragma once
// Does a unit compile alone? nvcc for CUDA, hipcc for HIP, run with a time
// limit and resource limits; results cached by (unit, flags, compiler version)
// in the result cache (core/result_cache.hpp) so a rerun costs nothing.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sandbox.hpp"
#include "core/types.hpp"

namespace kq::extractor {

struct CheckResult {
  bool ok = false;
  bool skipped = false;  // no compiler for the dialect
  bool cached = false;
  std::string log;
};

// What one compile may use: a unit that makes the compiler write gigabytes
// or a template explosion that eats memory ends as that unit's failure (the
// log names the limit), never as the stage's.
struct CompileLimits {
  std::uint64_t memory_mb = 8192;     // extractor.compile_memory_mb (address space)
  std::uint64_t file_size_mb = 1024;  // extractor.compile_file_size_mb
  std::size_t max_output_bytes = 4u << 20;
  BubblewrapMode bubblewrap = BubblewrapMode::Auto;
};

struct CompilerSettings {
  std::filesystem::path cache_dir;  // <cache>; results go to <cache>/results (empty: the default cache)
  std::string cuda_arch = "sm_90";
  std::string hip_arch = "gfx90a";
  std::chrono::seconds timeout{120};
  CompileLimits limits;
};

// "compiler stopped by the file size limit (extractor.compile_file_size_mb 1024)"
// and the like for a compile the sandbox ended; empty for an ordinary failure.
std::string describe_limit_hit(const SandboxResult& r, const CompileLimits& limits);

class UnitCompiler {
 public:
  explicit UnitCompiler(CompilerSettings settings);
  // `standard` is the unit's -std= value ("c++17", "c++20").
  CheckResult check(const std::string& source, Dialect dialect, const std::string& standard = "c++17");
  // "nvcc (Cuda compilation tools, release 13.0...)" or "not found".
  std::string describe(Dialect dialect) const;

 private:
  struct Tool {
    std::filesystem::path path;
    std::string version;
  };
  const Tool& tool(Dialect d) const { return d == Dialect::Cuda ? nvcc_ : hipcc_; }
  std::vector<std::string> flags(Dialect d, const std::string& standard, bool rdc) const;

  CompilerSettings settings_;
  Tool nvcc_, hipcc_;
};

std::filesystem::path find_nvcc();

// A unit that launches kernels or calls the runtime from device code (dynamic
// parallelism) compiles only as relocatable device code (nvcc -rdc=true,
// hipcc -fgpu-rdc) and links with the device runtime (cudadevrt).
bool uses_device_runtime(std::string_view unit);

}  // namespace kq::extractor
