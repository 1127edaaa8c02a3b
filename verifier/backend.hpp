#pragma once
// The backends KernelQuarry compiles and runs kernels on, as one table. The
// verifier, the task-test builds of curation and the command line all derive
// from it, so a new backend (a newer HIP, an AMD GPU target) is one entry.
//
//   cpu-sim     host C++ compiler + runtime/kq/cpu_sim.hpp, on any CPU
//   cuda        nvcc -arch=<verifier.cuda_arch>, on an NVIDIA GPU
//   hip-amd     hipcc --offload-arch=<verifier.hip_archs>, on an AMD GPU
//   hip-nvidia  nvcc + runtime/kq/hip_on_cuda, HIP source on an NVIDIA GPU
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace kq::verify {

struct VerifierOptions;

enum class GpuVendor { None, Nvidia, Amd };

struct Backend {
  std::string_view name;             // as in configuration, flags and the database
  std::string_view summary;          // one line for --help and `kquarry backends`
  Dialect dialect;                   // the dialect of the units it takes (cpu-sim: both)
  bool takes_both_dialects;          // cpu-sim runs CUDA and HIP units alike
  bool sim;                          // compiled against the cpu-sim runtime
  GpuVendor vendor;                  // the GPU its programs run on
  std::string_view device_variable;  // selects one GPU per run: CUDA_VISIBLE_DEVICES, ...
  std::string VerifierOptions::*compiler;  // the option naming its compiler
  std::string_view wrapper_file;     // the rendered wrapper's file name
  std::string_view language_flag;    // `-x` value its compiler reads the sources as
  std::string_view missing_device;   // why it cannot run, when no device is found
  // Flags selecting the target: -arch=sm_90, --offload-arch=gfx90a, ...
  std::vector<std::string> (*target_flags)(const VerifierOptions& options);
  // Include folders of the shipped runtime it compiles against.
  std::vector<std::string> (*include_flags)(const std::string& runtime_dir);
  // The names a task records it under: cuda -> {"cuda-sm90"}, hip-amd -> one per arch.
  std::vector<std::string> (*labels)(const VerifierOptions& options);

  bool gpu() const { return vendor != GpuVendor::None; }
  bool takes(Dialect d) const { return takes_both_dialects || d == dialect; }
  // True for the backends that run HIP: a CUDA unit reaches them as its HIP translation.
  bool runs_hip() const { return !takes_both_dialects && dialect == Dialect::Hip; }
};

// Every backend, in the order of the table above.
const std::vector<Backend>& backend_table();

// The backend called `name`, or nullptr.
const Backend* find_backend(std::string_view name);

// The backend called `name`; throws kq::UsageError naming the known ones.
const Backend& backend_named(std::string_view name);

// The names, in table order, and as one comma-separated line for messages.
std::vector<std::string> backend_names();
std::string backend_name_list();

// The backend that checks goldens and task tests everywhere: cpu-sim.
const Backend& host_backend();

}  // namespace kq::verify
