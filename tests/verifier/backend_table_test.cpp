// The backend table is the one description every stage derives from.
#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "verifier/backend.hpp"
#include "verifier/toolchain.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify {
namespace {

TEST(BackendTable, NamesAreUniqueAndFound) {
  std::set<std::string> names;
  for (const auto& b : backend_table()) {
    EXPECT_TRUE(names.insert(std::string(b.name)).second) << b.name;
    EXPECT_EQ(find_backend(b.name), &b);
    EXPECT_FALSE(b.summary.empty());
    EXPECT_FALSE(b.wrapper_file.empty());
    EXPECT_EQ(b.gpu(), !b.device_variable.empty()) << b.name;
  }
  EXPECT_EQ(backend_names(), (std::vector<std::string>{"cpu-sim", "cuda", "hip-amd", "hip-nvidia"}));
  EXPECT_EQ(host_backend().name, "cpu-sim");
  EXPECT_EQ(find_backend("opencl"), nullptr);
}

TEST(BackendTable, AnUnknownNameIsAUsageErrorListingTheKnownOnes) {
  try {
    backend_named("metal");
    FAIL();
  } catch (const UsageError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("'metal'"), std::string::npos);
    EXPECT_NE(what.find(backend_name_list()), std::string::npos);
  }
}

TEST(BackendTable, DialectsEachBackendTakes) {
  EXPECT_TRUE(backend_named("cpu-sim").takes(Dialect::Cuda));
  EXPECT_TRUE(backend_named("cpu-sim").takes(Dialect::Hip));
  EXPECT_TRUE(backend_named("cuda").takes(Dialect::Cuda));
  EXPECT_FALSE(backend_named("cuda").takes(Dialect::Hip));
  EXPECT_TRUE(backend_named("hip-nvidia").runs_hip());
  EXPECT_TRUE(backend_named("hip-amd").runs_hip());
  EXPECT_FALSE(backend_named("cpu-sim").runs_hip());
  VerifierOptions o;
  EXPECT_THROW(toolchain_for("cuda", Dialect::Hip, o), UsageError);
  EXPECT_THROW(toolchain_for("hip-amd", Dialect::Cuda, o), UsageError);
}

TEST(BackendTable, LabelsAndTargetsFollowTheOptions) {
  VerifierOptions o;
  o.cuda_arch = "sm_80";
  o.hip_archs = {"gfx90a", "gfx1030"};
  EXPECT_EQ(backend_named("cuda").labels(o), (std::vector<std::string>{"cuda-sm80"}));
  EXPECT_EQ(backend_named("hip-nvidia").labels(o), (std::vector<std::string>{"hip-nvidia-sm80"}));
  EXPECT_EQ(backend_named("hip-amd").labels(o), (std::vector<std::string>{"hip-gfx90a", "hip-gfx1030"}));
  EXPECT_EQ(backend_named("cuda").target_flags(o), (std::vector<std::string>{"-arch=sm_80"}));
  EXPECT_EQ(backend_named("hip-amd").target_flags(o).size(), 2u);
  auto t = toolchain_for("hip-nvidia", Dialect::Hip, o);
  EXPECT_TRUE(t.gpu);
  EXPECT_EQ(t.spec, find_backend("hip-nvidia"));
  bool hip_on_cuda = false;
  for (const auto& f : t.flags) hip_on_cuda |= f.find("hip_on_cuda") != std::string::npos;
  EXPECT_TRUE(hip_on_cuda);
}

}  // namespace
}  // namespace kq::verify
