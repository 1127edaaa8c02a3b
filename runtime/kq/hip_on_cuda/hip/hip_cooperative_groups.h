#pragma once
// HIP cooperative groups on NVIDIA: CUDA's cooperative_groups.
#include <cooperative_groups.h>
