// Near-duplicate fingerprints of kernels parsed from fixture files: copies that
// differ in names and layout share the normalized hash, near copies have close
// MinHash signatures, unrelated kernels do not, and no signature is empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <set>

#include "extractor/file_extract.hpp"
#include "core/hash.hpp"
#include "extractor/fingerprint.hpp"
#include "extractor/include_paths.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::write_text;

FileResult extract(const fs::path& root, const std::string& rel) {
  ParseRequest rq;
  rq.root = fs::canonical(root);
  rq.file = rq.root / rel;
  rq.include_dirs = include_dirs_for(rq.root, rq.file, guess_repo_includes(rq.root));
  return extract_file(rq, rel);
}

const Kernel& kernel(const FileResult& r, const std::string& name) {
  for (const auto& k : r.kernels)
    if (k.name == name) return k;
  ADD_FAILURE() << "no kernel " << name;
  static Kernel none;
  return none;
}

bool all_max(const std::vector<std::uint32_t>& sig) {
  return std::all_of(sig.begin(), sig.end(), [](auto v) { return v == std::numeric_limits<std::uint32_t>::max(); });
}

// `__global__` is a macro of the parse prelude: a kernel's extent starts in
// another file, and its tokens must still be the kernel's own.
constexpr const char* kKernels = R"(#include <cuda_runtime.h>
#define TILE 16

/// Tiled transpose.
__global__ void transpose_tiled(const float* in, float* out, int rows, int cols) {
  __shared__ float tile[TILE][TILE + 1];
  int x = blockIdx.x * TILE + threadIdx.x;
  int y = blockIdx.y * TILE + threadIdx.y;
  if (x < cols && y < rows) tile[threadIdx.y][threadIdx.x] = in[y * cols + x];
  __syncthreads();
  x = blockIdx.y * TILE + threadIdx.x;
  y = blockIdx.x * TILE + threadIdx.y;
  if (x < rows && y < cols) out[y * rows + x] = tile[threadIdx.x][threadIdx.y];
}

// Same kernel, other names, other layout, comments.
__global__ void
flip(const float* src,
     float* dst, int h, int w)
{
  __shared__ float buf[TILE][TILE + 1];   // padded against bank conflicts
  int i = blockIdx.x * TILE + threadIdx.x;  int j = blockIdx.y * TILE + threadIdx.y;
  if (i < w && j < h) buf[threadIdx.y][threadIdx.x] = src[j * w + i];
  __syncthreads();
  i = blockIdx.y * TILE + threadIdx.x;
  j = blockIdx.x * TILE + threadIdx.y;
  if (i < h && j < w) dst[j * h + i] = buf[threadIdx.x][threadIdx.y];
}

// A near copy: one statement differs.
__global__ void transpose_scaled(const float* in, float* out, int rows, int cols) {
  __shared__ float tile[TILE][TILE + 1];
  int x = blockIdx.x * TILE + threadIdx.x;
  int y = blockIdx.y * TILE + threadIdx.y;
  if (x < cols && y < rows) tile[threadIdx.y][threadIdx.x] = in[y * cols + x];
  __syncthreads();
  x = blockIdx.y * TILE + threadIdx.x;
  y = blockIdx.x * TILE + threadIdx.y;
  if (x < rows && y < cols) out[y * rows + x] = 0.5f * tile[threadIdx.x][threadIdx.y];
}

// Unrelated: a histogram.
__global__ void histogram(const unsigned char* data, unsigned* bins, long long n) {
  __shared__ unsigned local[256];
  for (int b = threadIdx.x; b < 256; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (long long k = blockIdx.x * (long long)blockDim.x + threadIdx.x; k < n; k += (long long)gridDim.x * blockDim.x)
    atomicAdd(&local[data[k]], 1u);
  __syncthreads();
  for (int b = threadIdx.x; b < 256; b += blockDim.x) atomicAdd(&bins[b], local[b]);
}

__global__ void empty_body() {}

// Same shape, different helper called: different kernels.
__device__ float dot3(const float* a, const float* b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
__device__ float cross_z(const float* a, const float* b) { return a[0] * b[1] - a[1] * b[0]; }
__global__ void dots(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = dot3(a + 3 * i, b + 3 * i);
}
__global__ void crosses(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = cross_z(a + 3 * i, b + 3 * i);
}
)";

class FingerprintFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    repo_ = new TempDir;
    write_text(*repo_ / "src/k.cu", kKernels);
    result_ = new FileResult(extract(repo_->path(), "src/k.cu"));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete repo_;
  }
  static const FileResult& result() { return *result_; }

 private:
  static inline TempDir* repo_ = nullptr;
  static inline FileResult* result_ = nullptr;
};

TEST_F(FingerprintFixture, NoSignatureOfANonEmptyKernelIsAtItsMaximum) {
  ASSERT_TRUE(result().ok) << result().error;
  ASSERT_EQ(result().kernels.size(), 7u);
  for (const auto& k : result().kernels) {
    EXPECT_EQ(k.minhash.size(), kMinhashSize) << k.name;
    EXPECT_FALSE(all_max(k.minhash)) << k.name;
    EXPECT_NE(k.norm_hash, norm_hash({})) << k.name;
  }
}

TEST_F(FingerprintFixture, CopiesDifferingInNamesAndLayoutShareTheNormalizedHash) {
  const auto& a = kernel(result(), "transpose_tiled");
  const auto& b = kernel(result(), "flip");
  EXPECT_EQ(a.norm_hash, b.norm_hash);
  EXPECT_DOUBLE_EQ(minhash_similarity(a.minhash, b.minhash), 1.0);
}

TEST_F(FingerprintFixture, DifferentKernelsHaveDifferentNormalizedHashes) {
  std::set<std::string> hashes;
  for (const auto& k : result().kernels)
    if (k.name != "flip") hashes.insert(k.norm_hash);
  EXPECT_EQ(hashes.size(), 6u);
}

TEST_F(FingerprintFixture, NearCopiesAreCloseAndUnrelatedKernelsFar) {
  const auto& a = kernel(result(), "transpose_tiled");
  const auto& near = kernel(result(), "transpose_scaled");
  const auto& other = kernel(result(), "histogram");
  EXPECT_NE(a.norm_hash, near.norm_hash);
  EXPECT_GT(minhash_similarity(a.minhash, near.minhash), 0.8);
  EXPECT_LT(minhash_similarity(a.minhash, other.minhash), 0.3);
}

TEST_F(FingerprintFixture, KernelsCallingDifferentHelpersStayApart) {
  const auto& a = kernel(result(), "dots");
  const auto& b = kernel(result(), "crosses");
  EXPECT_NE(a.norm_hash, b.norm_hash);
  EXPECT_LT(minhash_similarity(a.minhash, b.minhash), 0.9);  // curation's default threshold
}

TEST(Fingerprint, ShortStreamsStillGiveASignature) {
  auto norm = normalized_tokens({{CXToken_Identifier, "k"}, {CXToken_Punctuation, "("}, {CXToken_Punctuation, ")"}});
  EXPECT_FALSE(all_max(minhash(norm)));
  EXPECT_TRUE(all_max(minhash({})));
}

}  // namespace
}  // namespace kq::extractor
