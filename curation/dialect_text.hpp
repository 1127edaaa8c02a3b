#pragma once
// The text of a unit in the other dialect when the extractor did not provide
// one: the runtime includes and the runtime API prefix are swapped; kernel
// code (threadIdx, __syncthreads) is spelled the same in both, except the
// masked warp intrinsics, which older ROCm lacks (core/hip_warp.hpp).
#include <string>

namespace kq::curation {

std::string cuda_to_hip_text(const std::string& cuda);
std::string hip_to_cuda_text(const std::string& hip);

}  // namespace kq::curation
