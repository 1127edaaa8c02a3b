#pragma once
// HIP half precision on NVIDIA: CUDA's __half and __half2 (HIP spells them
// the same; `half` and `half2` are the short names).
#include <cuda_fp16.h>

typedef __half half;
typedef __half2 half2;
