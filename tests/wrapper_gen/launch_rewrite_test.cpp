#include <gtest/gtest.h>

#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::wrapper_gen {
namespace {

TEST(LaunchRewrite, ChevronLaunchWithAllFourConfigArguments) {
  EXPECT_EQ(rewrite_launches_for_sim("  saxpy<<<grid, block, 64, stream>>>(n, a, x, y);\n"),
            "  KQ_LAUNCH(saxpy, grid, block, 64, n, a, x, y);\n");
}

TEST(LaunchRewrite, MissingSharedBytesBecomeZeroAndNoArgumentsStayEmpty) {
  EXPECT_EQ(rewrite_launches_for_sim("k<<<1, 32>>>();"), "KQ_LAUNCH(k, 1, 32, 0);");
}

TEST(LaunchRewrite, NestedTemplatesAndQualifiedNames) {
  EXPECT_EQ(rewrite_launches_for_sim("ns::reduce<float, Op<int>><<<dim3(g, 1), b>>>(in, f(a, b));"),
            "KQ_LAUNCH((ns::reduce<float, Op<int>>), dim3(g, 1), b, 0, in, f(a, b));");
  EXPECT_EQ(rewrite_launches_for_sim("k<T> <<< g , b >>> ( x );"), "KQ_LAUNCH(k<T>, g, b, 0, x);");
}

TEST(LaunchRewrite, HipLaunchKernelGGLDropsTheStream) {
  EXPECT_EQ(rewrite_launches_for_sim("hipLaunchKernelGGL(k, dim3(4), dim3(64), 0, 0, n, x);"),
            "KQ_LAUNCH(k, dim3(4), dim3(64), 0, n, x);");
  EXPECT_EQ(rewrite_launches_for_sim("hipLaunchKernelGGL(HIP_KERNEL_NAME(k<float, 2>), g, b, s, st, x);"),
            "KQ_LAUNCH((k<float, 2>), g, b, s, x);");
  EXPECT_EQ(rewrite_launches_for_sim("hipLaunchKernelGGL(k<float, 2>, g, b, s, st, x);"),
            "KQ_LAUNCH((k<float, 2>), g, b, s, x);")
      << "template commas without HIP_KERNEL_NAME";
}

TEST(LaunchRewrite, CommentsAndStringsAreLeftAlone) {
  std::string src =
      "// k<<<1, 2>>>(x);\n"
      "/* hipLaunchKernelGGL(k, 1, 1, 0, 0) */\n"
      "const char* s = \"k<<<1, 2>>>(x);\";\n"
      "k<<<1, 2>>>(\"a,b\", ')');\n";
  std::string want =
      "// k<<<1, 2>>>(x);\n"
      "/* hipLaunchKernelGGL(k, 1, 1, 0, 0) */\n"
      "const char* s = \"k<<<1, 2>>>(x);\";\n"
      "KQ_LAUNCH(k, 1, 2, 0, \"a,b\", ')');\n";
  EXPECT_EQ(rewrite_launches_for_sim(src), want);
}

TEST(LaunchRewrite, SourceWithoutLaunchesIsUnchanged) {
  std::string src = "int a = b << 3; bool c = x >> 2 > 1; template <class T> T f();\n";
  EXPECT_EQ(rewrite_launches_for_sim(src), src);
}

}  // namespace
}  // namespace kq::wrapper_gen
