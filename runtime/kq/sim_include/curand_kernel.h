#pragma once
// cuRAND's device API (XORWOW, Philox4_32_10) on the CPU execution runtime.
#include "kq/cpu_sim.hpp"
#include "kq/sim/curand/host_api.hpp"
#include "kq/sim/curand/distributions.hpp"
