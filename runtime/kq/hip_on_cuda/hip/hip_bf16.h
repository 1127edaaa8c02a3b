#pragma once
// HIP bfloat16 on NVIDIA: __hip_bfloat16 is CUDA's __nv_bfloat16.
#include <cuda_bf16.h>

#include "hip/hip_bfloat16.h"

typedef __nv_bfloat16 __hip_bfloat16;
typedef __nv_bfloat162 __hip_bfloat162;
