#pragma once
// Border handling for image filters.
#include "imgkit/indexing.cuh"

// Clamps an index into [0, n - 1]; only load_clamped uses it.
#define CLAMP_INDEX(x, n) ((x) < 0 ? 0 : ((x) >= (n) ? (n) - 1 : (x)))

/// Reads img(r, c) with coordinates clamped to the image (replicate border).
__device__ inline float load_clamped(const float* img, int r, int c, int rows, int cols) {
  int rr = CLAMP_INDEX(r, rows);
  int cc = CLAMP_INDEX(c, cols);
  return img[IDX2(rr, cc, cols)];
}
