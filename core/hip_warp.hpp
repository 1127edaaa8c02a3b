#pragma once
// Warp intrinsics with a lane mask (`__shfl_down_sync(mask, v, d)`) in HIP
// text. ROCm before 6.2 has only the mask-free forms (`__shfl_down(v, d)`),
// and later releases hide the masked forms behind HIP_ENABLE_WARP_SYNC_BUILTINS;
// the mask-free forms exist in every release and in the HIP-on-CUDA header.
#include <string>
#include <string_view>

namespace kq {

// `hip` with every call of __shfl_sync, __shfl_up_sync, __shfl_down_sync,
// __shfl_xor_sync, __ballot_sync, __any_sync and __all_sync rewritten to the
// mask-free intrinsic with the mask argument dropped (the other arguments,
// width included, stay as written). The mask-free forms act on every active
// lane, which is the masked form's meaning for a full mask. A name the text
// defines itself (a macro or function of its own) is left alone.
std::string drop_warp_sync_masks(std::string_view hip);

}  // namespace kq
