#pragma once
// Mechanical CUDA -> HIP translation of a unit, driven by a renaming table
// (headers, runtime API, library namespaces), as hipify does it; and the
// checks that say when a unit uses CUDA-only features that cannot be renamed.
#include <optional>
#include <string>
#include <string_view>

namespace kq::extractor {

std::string hipify(std::string_view cuda_source);

// Why the unit cannot be translated mechanically (inline PTX, WMMA, libcu++...), or nullopt.
std::optional<std::string> cuda_only_feature(std::string_view cuda_source);

// Warp intrinsics with a mask (`__shfl_down_sync`...) that the source uses; ROCm 5.2 lacks them.
bool uses_sync_warp_intrinsics(std::string_view source);

}  // namespace kq::extractor
