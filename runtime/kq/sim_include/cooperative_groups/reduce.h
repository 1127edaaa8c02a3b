#pragma once
// cg::reduce lives in cooperative_groups.h in the CPU execution runtime.
#include "kq/cpu_sim.hpp"
