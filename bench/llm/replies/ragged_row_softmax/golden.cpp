// CPU reference for ragged_row_softmax: same order of operations as the kernel.
#include <cmath>
#include <cstddef>

void kq_golden(int rows, int width, const int* lengths, float* vals) {
  for (int r = 0; r < rows; ++r) {
    float* row = vals + static_cast<std::size_t>(r) * width;
    const int n = lengths[r];
    float peak = -INFINITY;
    for (int j = 0; j < n; ++j) peak = std::fmax(peak, row[j]);
    float total = 0.0f;
    for (int j = 0; j < n; ++j) {
      row[j] = std::exp(row[j] - peak);
      total += row[j];
    }
    for (int j = 0; j < n; ++j) row[j] /= total;
  }
}
