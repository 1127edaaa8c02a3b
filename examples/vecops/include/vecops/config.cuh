#pragma once
// Launch configuration shared by every vecops kernel.

#define BLOCK 256

// Grid-stride loop: every thread walks the data in steps of the whole grid,
// so any grid size covers any n.
#define GRID_STRIDE_LOOP(i, n)                                  \
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
       i += blockDim.x * gridDim.x)

#define CEIL_DIV(a, b) (((a) + (b) - 1) / (b))
