#pragma once
// CUB's block and warp primitives for the CPU execution runtime (the real
// headers need PTX); hipCUB's names are the same ones.
#include "kq/sim/cub/block_data.hpp"
#include "kq/sim/cub/block_reduce_scan.hpp"
#include "kq/sim/cub/radix_sort.hpp"
#include "kq/sim/cub/warp.hpp"

namespace hipcub {
using namespace cub;
}
