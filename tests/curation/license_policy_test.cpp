// The license policy: allow, review and deny lists, families and SPDX expressions.
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "curation/filters.hpp"
#include "curation/license_policy.hpp"

namespace kq::curation {
namespace {

LicensePolicy policy() { return {{"MIT", "Apache-2.0", "BSD-3-Clause"}, {"GPL-*", "LGPL-*"}, {"SSPL-1.0"}}; }

LicenseVerdict verdict(const std::string& spdx, std::string* why = nullptr) {
  std::string reason;
  auto v = decide_license(spdx, policy(), reason);
  if (why) *why = reason;
  return v;
}

TEST(LicensePolicy, SingleIds) {
  std::string why;
  EXPECT_EQ(verdict("MIT"), LicenseVerdict::accept);
  EXPECT_EQ(verdict("GPL-3.0-only", &why), LicenseVerdict::needs_review);
  EXPECT_EQ(why, "license GPL-3.0-only needs review");
  EXPECT_EQ(verdict("LGPL-2.1-or-later"), LicenseVerdict::needs_review) << "a family entry";
  EXPECT_EQ(verdict("NOASSERTION", &why), LicenseVerdict::needs_review);
  EXPECT_EQ(why, "license unknown (NOASSERTION)");
  EXPECT_EQ(verdict("LicenseRef-Rodinia"), LicenseVerdict::needs_review) << "a custom license needs a person";
  EXPECT_EQ(verdict("SSPL-1.0", &why), LicenseVerdict::reject);
  EXPECT_EQ(why, "license SSPL-1.0 denied");
  EXPECT_EQ(verdict("EUPL-1.2", &why), LicenseVerdict::reject);
  EXPECT_EQ(why, "license EUPL-1.2 not allowed");
}

TEST(LicensePolicy, Expressions) {
  EXPECT_EQ(verdict("MIT OR GPL-3.0-only"), LicenseVerdict::accept) << "the better choice";
  EXPECT_EQ(verdict("(GPL-2.0-only OR EUPL-1.2)"), LicenseVerdict::needs_review);
  EXPECT_EQ(verdict("MIT AND GPL-3.0-only"), LicenseVerdict::needs_review) << "the worse part";
  EXPECT_EQ(verdict("MIT AND SSPL-1.0"), LicenseVerdict::reject);
  EXPECT_EQ(verdict("Apache-2.0 WITH LLVM-exception"), LicenseVerdict::accept);
}

TEST(LicensePolicy, ConfigDefaultsSendTheGplFamilyToReview) {
  Config config;
  auto p = CurationPolicy::from_config(config);
  std::string why;
  EXPECT_EQ(license_decision("GPL-3.0-only", p, why), "needs_review") << why;
  EXPECT_EQ(license_decision("MIT", p, why), "accept");
  config.set("curation.denied_licenses", "MIT", ConfigOrigin::CommandLine, "test");
  EXPECT_EQ(license_decision("MIT", CurationPolicy::from_config(config), why), "reject");
}

}  // namespace
}  // namespace kq::curation
