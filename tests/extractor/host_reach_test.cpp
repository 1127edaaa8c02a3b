// The host-reach check (core/host_reach.hpp): what cpu-sim compiles of a
// unit must not call process, file, network, time or environment APIs.
#include <gtest/gtest.h>

#include "core/host_reach.hpp"

namespace kq::extractor {
namespace {

std::vector<std::string> apis(std::string_view unit) {
  std::vector<std::string> out;
  for (const auto& c : find_host_reach(unit)) out.push_back(c.api);
  return out;
}

// The kernel of the hostile corpus: an ordinary copy on the device, the host
// reached from its CPU path.
constexpr const char* kHostileCopy = R"(#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <sys/socket.h>
__global__ void copy(const float* in, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
#ifndef __CUDA_ARCH__
  FILE* f = fopen("/tmp/stolen", "w");
  int s = socket(2, 1, 0);
  if (fork() == 0) _exit(0);
#endif
  if (i < n) out[i] = in[i];
}
)";

TEST(HostReach, FindsCallsInAHostOnlyBranch) {
  auto calls = find_host_reach(kHostileCopy);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].api, "fopen");
  EXPECT_EQ(calls[0].kind, "file");
  EXPECT_EQ(calls[0].line, 8);
  EXPECT_EQ(calls[1].kind, "network");
  EXPECT_EQ(calls[2].api, "fork");
  EXPECT_EQ(calls[2].kind, "process");
  EXPECT_EQ(describe_host_reach(calls), "fopen (file, line 8), socket (network, line 9), fork (process, line 10)");
}

TEST(HostReach, EveryFormOfAHostOnlyBlock) {
  EXPECT_EQ(apis("#if !defined(__CUDA_ARCH__)\nsystem(\"id\");\n#endif\n"), std::vector<std::string>{"system"});
  EXPECT_EQ(apis("#ifdef __CUDA_ARCH__\nx = 1;\n#else\nauto e = getenv(\"HOME\");\n#endif\n"),
            std::vector<std::string>{"getenv"});
  EXPECT_EQ(apis("#if !__HIP_DEVICE_COMPILE__\nstd::ofstream out(\"x\");\n#endif\n"),
            std::vector<std::string>{"std::ofstream"});
  // A __host__ __device__ helper in the unit is compiled for the host as it is.
  EXPECT_EQ(apis("__host__ __device__ float now() { return (float)time(nullptr); }\n"),
            std::vector<std::string>{"time"});
  EXPECT_EQ(apis("void f() { struct timeval tv; gettimeofday(&tv, 0); std::popen(\"ls\", \"r\"); }\n"),
            (std::vector<std::string>{"gettimeofday", "popen"}));
  EXPECT_EQ(apis("auto t = std::chrono::system_clock::now();\n"), std::vector<std::string>{"std::system_clock"});
}

TEST(HostReach, DeviceOnlyCodeAndLookalikesAreInert) {
  // Only the device pass compiles these blocks.
  EXPECT_TRUE(apis("#ifdef __CUDA_ARCH__\nfopen(\"x\", \"r\");\n#endif\n").empty());
  EXPECT_TRUE(apis("#if __CUDA_ARCH__ >= 700\nfork();\n#endif\n").empty());
  EXPECT_TRUE(apis("#ifndef __CUDA_ARCH__\nint a;\n#else\nsocket(1, 2, 3);\n#endif\n").empty());
  // Members, other namespaces, comments, strings, and CUDA's device clock().
  EXPECT_TRUE(apis("x.open(1); p->connect(); mylib::system(2); // fopen(\n").empty());
  EXPECT_TRUE(apis("const char* s = \"fork() and exec\"; /* getenv( */\n").empty());
  EXPECT_TRUE(apis("long long t0 = clock64(); long long t1 = clock();\n").empty());
  // A project's own function of the same name.
  EXPECT_TRUE(apis("__device__ float truncate(float x) { return x; }\n__global__ void k(float* a) { a[0] = truncate(a[0]); }\n")
                  .empty());
}

TEST(HostReach, ToJsonListsEveryCall) {
  auto j = host_reach_to_json(find_host_reach(kHostileCopy));
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[1]["api"], "socket");
  EXPECT_EQ(j[1]["line"], 9);
}

}  // namespace
}  // namespace kq::extractor
