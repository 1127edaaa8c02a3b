#pragma once
// cg::inclusive_scan and exclusive_scan live in cooperative_groups.h in the CPU execution runtime.
#include "kq/cpu_sim.hpp"
