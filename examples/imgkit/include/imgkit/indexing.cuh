#pragma once
// Row-major 2-D indexing shared by every imgkit kernel.

// Element (r, c) of a row-major matrix with leading dimension ld.
#define IDX2(r, c, ld) ((r) * (ld) + (c))

#define TILE_DIM 32
#define BLOCK_ROWS 8
