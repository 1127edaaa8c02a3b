#pragma once
// Resolves to the CPU execution runtime in cpu-sim builds.
#include "kq/cpu_sim.hpp"
