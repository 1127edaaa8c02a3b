#include "verifier/backend.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

std::vector<std::string> no_target(const VerifierOptions&) { return {}; }

std::vector<std::string> nvidia_target(const VerifierOptions& o) { return {"-arch=" + o.cuda_arch}; }

std::vector<std::string> amd_targets(const VerifierOptions& o) {
  std::vector<std::string> out;
  for (const auto& arch : o.hip_archs) out.push_back("--offload-arch=" + arch);
  return out;
}

std::vector<std::string> sim_includes(const std::string& rt) { return {"-I", rt, "-I", rt + "/kq/sim_include"}; }

std::vector<std::string> runtime_include(const std::string& rt) { return {"-I", rt}; }

std::vector<std::string> hip_on_cuda_includes(const std::string& rt) {
  return {"-I", rt + "/kq/hip_on_cuda", "-I", rt};
}

// sm_90 -> sm90
std::string arch_tag(std::string arch) {
  arch.erase(std::remove(arch.begin(), arch.end(), '_'), arch.end());
  return arch;
}

std::vector<std::string> sim_labels(const VerifierOptions&) { return {"cpu-sim"}; }
std::vector<std::string> cuda_labels(const VerifierOptions& o) { return {"cuda-" + arch_tag(o.cuda_arch)}; }
std::vector<std::string> hip_nvidia_labels(const VerifierOptions& o) {
  return {"hip-nvidia-" + arch_tag(o.cuda_arch)};
}
std::vector<std::string> hip_amd_labels(const VerifierOptions& o) {
  std::vector<std::string> out;
  for (const auto& a : o.hip_archs) out.push_back("hip-" + a);
  return out;
}

}  // namespace

const std::vector<Backend>& backend_table() {
  static const std::vector<Backend> table = {
      {"cpu-sim", "host C++ compiler and the cpu-sim runtime, on any CPU", Dialect::Cuda, true, true,
       GpuVendor::None, "", &VerifierOptions::cxx, "wrapper_sim.cpp", "c++", "", no_target, sim_includes,
       sim_labels},
      {"cuda", "nvcc, on an NVIDIA GPU", Dialect::Cuda, false, false, GpuVendor::Nvidia, "CUDA_VISIBLE_DEVICES",
       &VerifierOptions::nvcc, "wrapper.cu", "cu", "no NVIDIA GPU (nvidia-smi -L)", nvidia_target,
       runtime_include, cuda_labels},
      {"hip-amd", "hipcc, on an AMD GPU (ROCm)", Dialect::Hip, false, false, GpuVendor::Amd, "HIP_VISIBLE_DEVICES",
       &VerifierOptions::hipcc, "wrapper.hip", "hip", "no AMD GPU (/dev/kfd and rocminfo)", amd_targets,
       runtime_include, hip_amd_labels},
      {"hip-nvidia", "nvcc and the HIP-on-CUDA header, HIP source on an NVIDIA GPU", Dialect::Hip, false, false,
       GpuVendor::Nvidia, "CUDA_VISIBLE_DEVICES", &VerifierOptions::nvcc, "wrapper.cu", "cu",
       "no NVIDIA GPU (nvidia-smi -L)", nvidia_target, hip_on_cuda_includes, hip_nvidia_labels},
  };
  return table;
}

const Backend* find_backend(std::string_view name) {
  for (const auto& b : backend_table())
    if (b.name == name) return &b;
  return nullptr;
}

const Backend& backend_named(std::string_view name) {
  if (const auto* b = find_backend(name)) return *b;
  throw UsageError("unknown backend '" + std::string(name) + "' (known: " + backend_name_list() + ")");
}

std::vector<std::string> backend_names() {
  std::vector<std::string> out;
  for (const auto& b : backend_table()) out.emplace_back(b.name);
  return out;
}

std::string backend_name_list() {
  std::string out;
  for (const auto& b : backend_table()) out += (out.empty() ? "" : ", ") + std::string(b.name);
  return out;
}

const Backend& host_backend() { return backend_table().front(); }

}  // namespace kq::verify
