#pragma once
// The pre-NVTX3 spelling of the same header.
#include "nvtx3/nvToolsExt.h"
