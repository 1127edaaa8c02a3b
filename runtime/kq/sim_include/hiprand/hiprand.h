#pragma once
// hipRAND's host header: the device API names, for kernels that include only this.
#include "hiprand/hiprand_kernel.h"
