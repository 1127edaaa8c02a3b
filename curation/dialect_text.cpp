#include "curation/dialect_text.hpp"

#include <regex>
#include <utility>

#include "core/hip_warp.hpp"

namespace kq::curation {

namespace {

const std::pair<const char*, const char*> kHeaders[] = {
    {"cuda_runtime.h", "hip/hip_runtime.h"},
    {"cuda_runtime_api.h", "hip/hip_runtime_api.h"},
    {"cuda.h", "hip/hip_runtime.h"},
    {"cuda_fp16.h", "hip/hip_fp16.h"},
    {"cuda_bf16.h", "hip/hip_bf16.h"},
    {"cooperative_groups.h", "hip/hip_cooperative_groups.h"},
    {"curand_kernel.h", "hiprand/hiprand_kernel.h"},
    {"cub/cub.cuh", "hipcub/hipcub.hpp"},
};

std::string swap_headers(std::string text, bool to_hip) {
  for (const auto& [cuda, hip] : kHeaders) {
    const std::string from = to_hip ? cuda : hip;
    const std::string to = to_hip ? hip : cuda;
    for (const char* open : {"<", "\""}) {
      const std::string close = open[0] == '<' ? ">" : "\"";
      const std::string needle = std::string(open) + from + close;
      for (std::size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) {
        std::size_t ls = text.rfind('\n', p);
        std::size_t line = ls == std::string::npos ? 0 : ls + 1;
        if (text.find("include", line) < p) text.replace(p, needle.size(), "<" + to + ">");
      }
    }
  }
  return text;
}

}  // namespace

std::string cuda_to_hip_text(const std::string& cuda) {
  static const std::regex api(R"(\bcuda([A-Z]\w*))");
  return drop_warp_sync_masks(std::regex_replace(swap_headers(cuda, true), api, "hip$1"));
}

std::string hip_to_cuda_text(const std::string& hip) {
  // HIP's legacy index macros (hipBlockIdx_x) are CUDA's built-in variables.
  static const std::regex legacy(R"(\bhip(Thread|Block|Grid)(Idx|Dim)_([xyz])\b)");
  static const std::regex api(R"(\bhip([A-Z]\w*))");
  std::string text = std::regex_replace(swap_headers(hip, false), legacy, "hip_legacy_$1$2.$3");
  text = std::regex_replace(text, api, "cuda$1");
  for (auto [from, to] : {std::pair{"hip_legacy_ThreadIdx", "threadIdx"}, {"hip_legacy_BlockIdx", "blockIdx"},
                          {"hip_legacy_BlockDim", "blockDim"}, {"hip_legacy_GridDim", "gridDim"}})
    for (std::size_t p = text.find(from); p != std::string::npos; p = text.find(from, p)) text.replace(p, std::string(from).size(), to);
  return text;
}

}  // namespace kq::curation
