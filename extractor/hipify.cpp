#include "extractor/hipify.hpp"

#include <regex>
#include <utility>
#include <vector>

#include "core/hip_warp.hpp"

namespace kq::extractor {
namespace {

// Whole-word renames, applied in order. Runtime API names not listed here
// follow the general rule cudaXxx -> hipXxx.
const std::vector<std::pair<std::string, std::string>>& rename_table() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"<cuda_runtime.h>", "<hip/hip_runtime.h>"},
      {"<cuda_runtime_api.h>", "<hip/hip_runtime_api.h>"},
      {"<cuda.h>", "<hip/hip_runtime.h>"},
      {"<device_launch_parameters.h>", "<hip/hip_runtime.h>"},
      {"<cuda_fp16.h>", "<hip/hip_fp16.h>"},
      {"<cuda_bf16.h>", "<hip/hip_bf16.h>"},
      {"<cooperative_groups.h>", "<hip/hip_cooperative_groups.h>"},
      {"<cub/cub.cuh>", "<hipcub/hipcub.hpp>"},
      {"<curand_kernel.h>", "<hiprand/hiprand_kernel.h>"},
      {"<curand.h>", "<hiprand/hiprand.h>"},
      {"<math_constants.h>", "<hip/hip_math_constants.h>"},
      {"<vector_types.h>", "<hip/hip_vector_types.h>"},
      {"<cuComplex.h>", "<hip/hip_complex.h>"},
  };
  return table;
}

const std::vector<std::pair<std::regex, std::string>>& word_rules() {
  static const std::vector<std::pair<std::regex, std::string>> rules = {
      {std::regex(R"(\bcub::)"), "hipcub::"},
      {std::regex(R"(\bcurand_(\w+))"), "hiprand_$1"},
      {std::regex(R"(\bcurandState(\w*))"), "hiprandState$1"},
      {std::regex(R"(\bCUDART_(INF|NAN|PI)(_F)?\b)"), "HIP_$1$2"},
      {std::regex(R"(\bcudaMemcpyToSymbol\b)"), "hipMemcpyToSymbol"},
      {std::regex(R"(\bcuda([A-Z]\w*))"), "hip$1"},
  };
  return rules;
}

// Host libraries a unit often includes only because the file it came from
// does (a shared common header): the include line, and the library's name prefix.
const std::vector<std::pair<std::regex, std::string>>& library_includes() {
  static const std::vector<std::pair<std::regex, std::string>> libs = [] {
    const std::pair<const char*, const char*> headers[] = {
        {R"(cublas\w*\.h)", "cublas"},     {R"(cufft\w*\.h)", "cufft"}, {R"(cusparse\w*\.h)", "cusparse"},
        {R"(cusolver\w*\.h)", "cusolver"}, {R"(cudnn\w*\.h)", "cudnn"}, {R"(nccl\.h)", "nccl"},
        {R"((nvtx3/)?nvToolsExt\.h)", "nvtx"}};
    std::vector<std::pair<std::regex, std::string>> out;
    for (const auto& [header, prefix] : headers)
      out.emplace_back(std::regex(std::string(R"(^[ \t]*#[ \t]*include[ \t]*[<"])") + header + R"([>"][^\n]*\n)",
                                  std::regex::multiline),
                       prefix);
    return out;
  }();
  return libs;
}

// Drops the includes of host libraries whose names the unit never uses: ROCm
// may lack the library, and the kernel does not need it.
void drop_unused_library_includes(std::string& s) {
  for (const auto& [include, prefix] : library_includes()) {
    std::string without = std::regex_replace(s, include, "");
    if (without.size() == s.size()) continue;
    std::regex use("\\b" + prefix + "\\w*", std::regex::icase);
    if (!std::regex_search(without, use)) s = std::move(without);
  }
}

}  // namespace

std::string hipify(std::string_view cuda_source) {
  std::string s(cuda_source);
  drop_unused_library_includes(s);
  for (const auto& [from, to] : rename_table()) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  }
  for (const auto& [re, to] : word_rules()) s = std::regex_replace(s, re, to);
  // hipcc, unlike nvcc, does not include the runtime header by itself.
  if (s.find("<hip/hip_runtime.h>") == std::string::npos) {
    auto first_include = s.find("#include");
    auto at = first_include == std::string::npos ? s.find('\n') + 1 : first_include;
    s.insert(at, "#include <hip/hip_runtime.h>\n");
  }
  return drop_warp_sync_masks(s);
}

std::optional<std::string> cuda_only_feature(std::string_view src) {
  static const std::vector<std::pair<std::regex, std::string>> checks = {
      {std::regex(R"(\basm\s*(volatile\s*)?\()"), "inline PTX assembly"},
      {std::regex(R"(\b(nvcuda::|wmma::))"), "WMMA tensor-core API"},
      {std::regex(R"(\bcuda::)"), "libcu++ (cuda::)"},
      {std::regex(R"(#\s*include\s*<cuda/)"), "libcu++ headers"},
      {std::regex(R"(\b__nv_fp8|\bcuda_fp8\.h)"), "FP8 types"},
      {std::regex(R"(\b(__ldcg|__ldcs|__ldlu|__ldcv|__stcg|__stcs|__stwt|__stwb)\b)"), "cache-hint loads/stores"},
      {std::regex(R"(\b(cudaGraph|cuGraph|CUtensorMap|cp\.async|__pipeline_)\w*)"), "CUDA-only runtime API"},
      {std::regex(R"(\b(__cluster_dims__|cluster_group|this_cluster)\b)"), "thread block clusters"},
      {std::regex(R"(\b(cuda_pipeline|cuda_awbarrier|__mma_)\w*)"), "CUDA-only intrinsics"},
  };
  std::string s(src);
  for (const auto& [re, why] : checks)
    if (std::regex_search(s, re)) return why;
  return std::nullopt;
}

bool uses_sync_warp_intrinsics(std::string_view source) {
  static const std::regex re(R"(\b__(shfl|shfl_up|shfl_down|shfl_xor|ballot|any|all|match_any|match_all)_sync\b)");
  std::string s(source);
  return std::regex_search(s, re);
}

}  // namespace kq::extractor
