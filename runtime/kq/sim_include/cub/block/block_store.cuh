#pragma once
// CUB/hipCUB block and warp primitives on the CPU execution runtime.
#include "kq/cpu_sim.hpp"
#include "kq/sim/cub.hpp"
