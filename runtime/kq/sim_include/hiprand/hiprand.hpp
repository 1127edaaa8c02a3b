#pragma once
// hipRAND's C++ host header: the device API names.
#include "hiprand/hiprand_kernel.h"
