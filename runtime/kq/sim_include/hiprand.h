#pragma once
// Older spelling of hiprand/hiprand.h.
#include "hiprand/hiprand_kernel.h"
