// CPU reference for ell_spmv: the same slot layout and summation order as the kernel.
void kq_golden(const int* num_rows, int width, const int* cols, const float* vals, const float* x, float* y) {
  const int rows = num_rows[0];
  for (int r = 0; r < rows; ++r) {
    float sum = 0.0f;
    for (int k = 0; k < width; ++k) {
      const int slot = k * rows + r;
      if (cols[slot] != -1) sum += vals[slot] * x[cols[slot]];
    }
    y[r] = sum;
  }
}
