// Launch search, the HIP renamer and fingerprints.
#include <gtest/gtest.h>

#include "core/hash.hpp"
#include "extractor/fingerprint.hpp"
#include "extractor/hipify.hpp"
#include "extractor/launches.hpp"

namespace kq::extractor {
namespace {

TEST(Launches, FindsChevronsHipAndRuntimeLaunches) {
  const char* src = R"(
void host(float* x, int n, cudaStream_t s) {
  saxpy<<<(n + 255) / 256, 256>>>(n, 2.0f, x, x);
  // commented<<<1, 1>>>(x);
  ns::fill<float, 4><<<dim3(g, 1), dim3(32, 8), 64 * sizeof(float), s>>>(x, 1.0f, n);
  hipLaunchKernelGGL(HIP_KERNEL_NAME(scale<float>), dim3(4), dim3(64), 0, 0, x, n);
  cudaLaunchKernel((void*)relu, grid, block, args, 0, s);
}
)";
  auto ls = find_launches(src, "a.cu");
  ASSERT_EQ(ls.size(), 4u);
  EXPECT_EQ(ls[0].kernel, "saxpy");
  EXPECT_EQ(ls[0].grid, "(n + 255) / 256");
  EXPECT_EQ(ls[0].block, "256");
  EXPECT_EQ(ls[0].line, 3);
  EXPECT_EQ(ls[1].kernel, "fill");
  EXPECT_EQ(ls[1].template_args, "<float, 4>");
  EXPECT_EQ(ls[1].block, "dim3(32, 8)");
  EXPECT_EQ(ls[1].shared, "64 * sizeof(float)");
  EXPECT_EQ(ls[1].stream, "s");
  EXPECT_EQ(ls[2].kernel, "scale");
  EXPECT_EQ(ls[2].via, "hipLaunchKernelGGL");
  EXPECT_EQ(ls[2].grid, "dim3(4)");
  EXPECT_EQ(ls[3].kernel, "relu");
  EXPECT_EQ(ls[3].via, "cudaLaunchKernel");
  EXPECT_EQ(ls[3].stream, "s");
}

TEST(Hipify, RenamesHeadersAndRuntimeApi) {
  std::string cuda = "#include <cuda_runtime.h>\n#include <cuda_fp16.h>\n#include <cub/cub.cuh>\n"
                     "void f(float* p) { cudaError_t e = cudaMalloc(&p, 4); cudaMemcpyAsync(p, p, 4, "
                     "cudaMemcpyDeviceToDevice, 0); cub::WarpReduce<float> r; (void)e; }\n"
                     "__global__ void k(float* x) { x[0] = __shfl_down_sync(0xffffffffu, x[0], 1); }\n";
  std::string hip = hipify(cuda);
  EXPECT_NE(hip.find("#include <hip/hip_runtime.h>"), std::string::npos);
  EXPECT_NE(hip.find("#include <hip/hip_fp16.h>"), std::string::npos);
  EXPECT_NE(hip.find("#include <hipcub/hipcub.hpp>"), std::string::npos);
  EXPECT_NE(hip.find("hipError_t e = hipMalloc(&p, 4)"), std::string::npos);
  EXPECT_NE(hip.find("hipMemcpyAsync(p, p, 4, hipMemcpyDeviceToDevice, 0)"), std::string::npos);
  EXPECT_NE(hip.find("hipcub::WarpReduce"), std::string::npos);
  EXPECT_EQ(hip.find("cuda"), std::string::npos);
  EXPECT_NE(hip.find("__shfl_down(x[0], 1)"), std::string::npos) << "ROCm before 6.2 has no masked forms";
  EXPECT_FALSE(uses_sync_warp_intrinsics(hip));
}

TEST(Hipify, AddsTheRuntimeHeaderWhenMissing) {
  std::string hip = hipify("// unit\n__global__ void k(int* x) { x[threadIdx.x] = 0; }\n");
  EXPECT_NE(hip.find("#include <hip/hip_runtime.h>"), std::string::npos);
}

TEST(Hipify, DropsHostLibraryIncludesTheUnitDoesNotUse) {
  std::string hip = hipify("#include <cuda_runtime.h>\n#include <cublas_v2.h>\n#include <cublasLt.h>\n"
                           "#include \"nvtx3/nvToolsExt.h\"\n#include <cufft.h>\n"
                           "__global__ void k(float* x) { x[0] = 1; }\nvoid h(cufftHandle p) { (void)p; }\n");
  EXPECT_EQ(hip.find("cublas"), std::string::npos) << hip;
  EXPECT_EQ(hip.find("nvToolsExt"), std::string::npos) << hip;
  EXPECT_NE(hip.find("#include <cufft.h>"), std::string::npos) << "a library the unit uses stays";
}

TEST(Hipify, RefusesCudaOnlyFeatures) {
  EXPECT_TRUE(cuda_only_feature("__global__ void k() { asm volatile(\"membar.gl;\"); }"));
  EXPECT_TRUE(cuda_only_feature("using namespace nvcuda; wmma::fragment<> f;"));
  EXPECT_FALSE(cuda_only_feature("__global__ void k(float* x) { x[0] = 1; }"));
}

TEST(Fingerprint, RenamedCopiesShareTheNormalizedHash) {
  std::vector<Token> a = {{CXToken_Identifier, "dst"}, {CXToken_Punctuation, "["}, {CXToken_Identifier, "idx"},
                          {CXToken_Punctuation, "]"}, {CXToken_Punctuation, "="}, {CXToken_Literal, "2"},
                          {CXToken_Comment, "// c"}};
  std::vector<Token> b = {{CXToken_Identifier, "out"}, {CXToken_Punctuation, "["}, {CXToken_Identifier, "k"},
                          {CXToken_Punctuation, "]"}, {CXToken_Punctuation, "="}, {CXToken_Literal, "2"}};
  std::vector<Token> c = b;
  c[5].text = "3";
  EXPECT_EQ(norm_hash(normalized_tokens(a)), norm_hash(normalized_tokens(b)));
  EXPECT_NE(norm_hash(normalized_tokens(b)), norm_hash(normalized_tokens(c)));
  auto ma = minhash(normalized_tokens(a)), mc = minhash(normalized_tokens(c));
  EXPECT_EQ(ma.size(), kMinhashSize);
  EXPECT_DOUBLE_EQ(minhash_similarity(ma, minhash(normalized_tokens(b))), 1.0);
  EXPECT_LT(minhash_similarity(ma, mc), 1.0);
}

}  // namespace
}  // namespace kq::extractor
