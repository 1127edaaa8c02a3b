#pragma once
// cuRAND's host API types on the CPU execution runtime.
#include "kq/cpu_sim.hpp"
#include "kq/sim/curand/host_api.hpp"
