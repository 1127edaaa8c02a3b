#pragma once
// Older spelling of hiprand/hiprand_kernel.h.
#include "hiprand/hiprand_kernel.h"
