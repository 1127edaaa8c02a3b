#pragma once
// hipRAND's device API on the CPU execution runtime (the cuRAND generators).
#include "kq/cpu_sim.hpp"
#include "kq/sim/curand/hip_names.hpp"
