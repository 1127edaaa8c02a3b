// Sparse matrix formats shared by the kernels and their host code.
#pragma once

#define SPARSE_BLOCK 128
#define SPARSE_CEIL_DIV(a, b) (((a) + (b) - 1) / (b))

// The column index of an empty ELLPACK slot.
#define ELL_PAD (-1)
