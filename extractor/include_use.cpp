#include "extractor/include_use.hpp"

#include <regex>
#include <string_view>

namespace kq::extractor {

namespace {

struct LibraryHeaders {
  std::vector<std::string_view> headers;  // exact names, or prefixes ending in '/'
  std::regex uses;                        // a name the library declares, in the closure's text
};

bool names_header(const LibraryHeaders& lib, std::string_view include) {
  for (auto h : lib.headers)
    if (h.ends_with('/') ? include.starts_with(h) : include == h) return true;
  return false;
}

const std::vector<LibraryHeaders>& libraries() {
  static const std::vector<LibraryHeaders> libs = [] {
    std::vector<LibraryHeaders> l;
    auto add = [&l](std::vector<std::string_view> h, const char* pattern) {
      l.push_back({std::move(h), std::regex(pattern)});
    };
    add({"curand.h", "curand_kernel.h", "curand_philox4x32_x.h", "curand_mtgp32_kernel.h", "curand_normal.h",
         "curand_uniform.h"},
        R"(\b(?:curand|CURAND_)\w*)");
    add({"hiprand.h", "hiprand_kernel.h", "hiprand/"}, R"(\b(?:hiprand|HIPRAND_)\w*)");
    add({"rocrand.h", "rocrand_kernel.h", "rocrand/"}, R"(\b(?:rocrand|ROCRAND_)\w*)");
    add({"cub/"}, R"(\b(?:cub\b|CUB_\w+))");
    add({"hipcub/"}, R"(\b(?:hipcub\b|HIPCUB_\w+))");
    add({"rocprim/"}, R"(\b(?:rocprim\b|ROCPRIM_\w+))");
    add({"thrust/"}, R"(\b(?:thrust\b|THRUST_\w+))");
    add({"cublas.h", "cublas_v2.h", "cublasLt.h", "cublas_api.h"}, R"(\b(?:cublas|CUBLAS_)\w*)");
    add({"cufft.h", "cufftXt.h"}, R"(\b(?:cufft|CUFFT_)\w*)");
    add({"cusparse.h", "cusparse_v2.h"}, R"(\b(?:cusparse|CUSPARSE_)\w*)");
    add({"nvrtc.h"}, R"(\b(?:nvrtc|NVRTC_)\w*)");
    add({"nvToolsExt.h", "nvtx3/nvToolsExt.h", "nvtx3/"}, R"(\b(?:nvtx|NVTX_)\w*)");
    add({"mma.h"}, R"(\b(?:nvcuda|wmma)\b)");
    add({"cuComplex.h"}, R"(\b(?:cu(?:Double|Float)?Complex|make_cu(?:Double|Float)?Complex|cuC(?:real|imag|add|sub|mul|div|abs|fma)f?|cuConj)f?\b)");
    // The group collectives live in their own headers; the groups themselves in cooperative_groups.h.
    add({"cooperative_groups/reduce.h"}, R"(\b(?:reduce|reduce_update_async|reduce_store_async)\s*\()");
    add({"cooperative_groups/scan.h"}, R"(\b(?:inclusive_scan|exclusive_scan)(?:_update)?\s*\()");
    add({"cooperative_groups/memcpy_async.h"}, R"(\b(?:memcpy_async|wait|wait_prior)\b)");
    add({"cooperative_groups.h", "hip/hip_cooperative_groups.h"}, R"(\b(?:cooperative_groups|this_thread_block|this_grid|tiled_partition|thread_block_tile|coalesced_threads)\b)");
    return l;
  }();
  return libs;
}

bool is_used(std::string_view include, const std::string& code) {
  for (const auto& lib : libraries())
    if (names_header(lib, include)) return std::regex_search(code, lib.uses);
  return true;
}

}  // namespace

std::vector<std::string> used_includes(const std::vector<std::string>& includes, const std::string& code) {
  std::vector<std::string> kept;
  for (const auto& inc : includes)
    if (is_used(inc, code)) kept.push_back(inc);
  return kept;
}

}  // namespace kq::extractor
