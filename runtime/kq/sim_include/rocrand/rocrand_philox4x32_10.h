#pragma once
// Part of rocRAND's device API on the CPU execution runtime.
#include "rocrand/rocrand_kernel.h"
