#pragma once
// Part of curand_kernel.h on the CPU execution runtime.
#include "curand_kernel.h"
