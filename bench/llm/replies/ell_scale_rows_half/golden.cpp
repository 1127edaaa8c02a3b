// CPU reference for ell_scale_rows_half, in the runtime's host-side __half.
void kq_golden(const int* num_rows, int width, const int* cols, const __half* row_scale, __half* vals) {
  const int rows = num_rows[0];
  for (int r = 0; r < rows; ++r)
    for (int k = 0; k < width; ++k) {
      const int slot = k * rows + r;
      if (cols[slot] != -1) vals[slot] = __hmul(vals[slot], row_scale[r]);
    }
}
