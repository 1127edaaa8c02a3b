// Each task carries its own file's license and attribution, and the license
// policy decides per kernel: one repository may give an accepted task and
// one that waits for review.
#include <gtest/gtest.h>

#include "curation/filters.hpp"
#include "curation/task_record.hpp"

namespace kq::curation {
namespace {

db::CurationKernel kernel_with(const std::string& license, const std::string& source, const std::string& file,
                               const std::string& copyright) {
  db::CurationKernel k;
  k.repo_url = "https://example.org/mixed";
  k.commit = "89abcdef0123456789abcdef0123456789abcdef";
  k.path = "kernels/k.cu";
  k.line_begin = 3;
  k.line_end = 9;
  k.license = license;
  k.license_source = source;
  k.license_file = file;
  k.copyright = copyright;
  return k;
}

TEST(FileLicenseRecord, SourceBlockCarriesLicenseAndAttribution) {
  auto s = source_block(kernel_with("BSD-3-Clause", "license-file", "kernels/LICENSE", "Copyright (c) 2015, Lab"));
  EXPECT_EQ(s["license"], "BSD-3-Clause");
  EXPECT_EQ(s["license_from"], "license-file");
  EXPECT_EQ(s["license_file"], "kernels/LICENSE");
  EXPECT_EQ(s["copyright"], "Copyright (c) 2015, Lab");
  EXPECT_EQ(s["attribution"],
            "kernels/k.cu at 89abcdef0123 of https://example.org/mixed, license BSD-3-Clause (kernels/LICENSE); "
            "Copyright (c) 2015, Lab");
}

TEST(FileLicenseRecord, TagAndRepositoryFallbackAreNamed) {
  auto tagged = source_block(kernel_with("MIT OR Apache-2.0", "spdx-tag", "", ""));
  EXPECT_EQ(tagged["license_from"], "spdx-tag");
  EXPECT_FALSE(tagged.contains("license_file"));
  EXPECT_FALSE(tagged.contains("copyright"));
  EXPECT_NE(tagged["attribution"].get<std::string>().find("(SPDX tag in the file)"), std::string::npos);
  auto old = source_block(kernel_with("MIT", "", "LICENSE", ""));
  EXPECT_EQ(old["license_from"], "repository");
}

TEST(FileLicenseRecord, PolicyDecidesEachKernelOfOneRepository) {
  CurationPolicy p;
  p.allowed_licenses = {"MIT", "Apache-2.0", "BSD-3-Clause"};
  p.review_licenses = {"GPL-*", "LGPL-*"};
  std::string why;
  EXPECT_EQ(license_decision(kernel_with("MIT", "repository", "LICENSE", "").license, p, why), "accept");
  EXPECT_EQ(license_decision(kernel_with("GPL-3.0", "license-file", "gpl/COPYING", "").license, p, why),
            "needs_review");
  EXPECT_EQ(why, "license GPL-3.0 needs review");
  EXPECT_EQ(license_decision("Apache-2.0 AND MIT", p, why), "accept");
  EXPECT_EQ(license_decision("GPL-2.0-or-later AND MIT", p, why), "needs_review");
}

}  // namespace
}  // namespace kq::curation
