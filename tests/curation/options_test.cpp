// Curation reads the verifier's settings through the verifier's own typed
// options, so a value the verifier refuses is refused here too.
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/error.hpp"
#include "curation/curate.hpp"

namespace kq::curation {
namespace {

TEST(CurateOptions, ABadVerifierValueIsRefusedAsTheVerifierRefusesIt) {
  Config c;
  c.set("verifier.bubblewrap", "sometimes", ConfigOrigin::CommandLine, "--set");
  try {
    CurateOptions::from_config(c, "/tmp/kq-cache");
    FAIL() << "a bad verifier.bubblewrap was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("verifier.bubblewrap"), std::string::npos) << e.what();
  }
}

TEST(CurateOptions, TestBuildsTakeTheVerifiersLimitsAndTargets) {
  Config c;
  c.set("verifier.run_timeout_s", "7", ConfigOrigin::CommandLine, "--set");
  c.set("verifier.cuda_arch", "sm_80", ConfigOrigin::CommandLine, "--set");
  c.set("verifier.hip_archs", "gfx1030,gfx90a", ConfigOrigin::CommandLine, "--set");
  auto o = CurateOptions::from_config(c, "/tmp/kq-cache");
  EXPECT_EQ(o.test.run_timeout, std::chrono::seconds(7));
  EXPECT_EQ(o.test.cuda_arch, "sm_80");
  EXPECT_EQ(o.test.hip_arch, "gfx1030");
  EXPECT_EQ(o.record.hip_archs, (std::vector<std::string>{"gfx1030", "gfx90a"}));
}

}  // namespace
}  // namespace kq::curation
