#pragma once
// Older spelling of rocrand/rocrand_kernel.h.
#include "rocrand/rocrand_kernel.h"
