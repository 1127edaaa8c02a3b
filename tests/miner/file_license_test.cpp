// Per-file licenses: SPDX tags, the nearest license files on the way to the
// root, the repository's license as the fallback, and copyright lines.
#include "miner/file_license.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

using test::TempDir;
using test::write_text;

const char* kMit =
    "MIT License\n\nCopyright (c) 2019 Root Authors\n\nPermission is hereby granted, free of charge, to any person "
    "obtaining a copy\nof this software...\nThe above copyright notice and this permission notice shall be "
    "included in\nall copies.\n";
const char* kBsd3 =
    "Copyright (c) 2015, Vendor Labs\nRedistribution and use in source and binary forms, with or without "
    "modification...\n3. Neither the name of the copyright holder nor the names of its contributors may be used "
    "to endorse\n";
const char* kGpl3 = "GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n";
const char* kApache = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n";
const char* kKernel = "__global__ void k(float* x) { x[threadIdx.x] = 0; }\n";

FileLicenseResolver resolver_for(const TempDir& repo) {
  return FileLicenseResolver(repo.path(), detect_license(repo.path()));
}

TEST(FileLicense, SpdxTagOfTheFileDecidesFirst) {
  TempDir repo;
  write_text(repo / "LICENSE", kMit);
  write_text(repo / "ext/LICENSE", kGpl3);
  write_text(repo / "ext/a.cu", std::string("// SPDX-License-Identifier: Apache-2.0 OR MIT\n") + kKernel);
  auto r = resolver_for(repo).resolve("ext/a.cu");
  EXPECT_EQ(r.spdx, "Apache-2.0 OR MIT");
  EXPECT_EQ(r.source, "spdx-tag");
  EXPECT_EQ(r.license_file, "");
}

TEST(FileLicense, NearestFolderWithLicenseFilesDecides) {
  TempDir repo;
  write_text(repo / "LICENSE", kMit);
  write_text(repo / "third_party/lib/LICENSE.txt", kBsd3);
  write_text(repo / "third_party/lib/src/deep/k.cu", kKernel);
  write_text(repo / "src/k.cu", kKernel);
  auto resolver = resolver_for(repo);
  auto vendored = resolver.resolve("third_party/lib/src/deep/k.cu");
  EXPECT_EQ(vendored.spdx, "BSD-3-Clause");
  EXPECT_EQ(vendored.source, "license-file");
  EXPECT_EQ(vendored.license_file, "third_party/lib/LICENSE.txt");
  EXPECT_EQ(vendored.copyright, "Copyright (c) 2015, Vendor Labs");
  auto own = resolver.resolve("src/k.cu");
  EXPECT_EQ(own.spdx, "MIT");
  EXPECT_EQ(own.source, "repository");
  EXPECT_EQ(own.license_file, "LICENSE");
  EXPECT_EQ(own.copyright, "Copyright (c) 2019 Root Authors");
}

TEST(FileLicense, RepositoryWithSeveralLicensesGivesEachFileItsOwn) {
  // No license at the root: the whole repository used to be NOASSERTION.
  TempDir repo;
  write_text(repo / "gpl_part/COPYING", kGpl3);
  write_text(repo / "gpl_part/g.cu", kKernel);
  write_text(repo / "mit_part/LICENSE.md", kMit);
  write_text(repo / "mit_part/m.cu", kKernel);
  write_text(repo / "loose.cu", kKernel);
  auto resolver = resolver_for(repo);
  EXPECT_EQ(resolver.resolve("gpl_part/g.cu").spdx, "GPL-3.0");
  EXPECT_EQ(resolver.resolve("mit_part/m.cu").spdx, "MIT");
  EXPECT_EQ(resolver.resolve("loose.cu").spdx, "NOASSERTION");
  EXPECT_EQ(resolver.resolve("loose.cu").source, "repository");
}

TEST(FileLicense, SeveralLicenseFilesInOneFolderMustAllAllow) {
  TempDir repo;
  write_text(repo / "LICENSE-MIT", kMit);
  write_text(repo / "LICENSE-APACHE", kApache);
  auto info = detect_license(repo.path());
  EXPECT_EQ(info.spdx, "Apache-2.0 AND MIT");
  EXPECT_EQ(info.file, "LICENSE-APACHE");
}

TEST(FileLicense, UnidentifiedNearestLicenseIsNotReplacedByTheRootOne) {
  TempDir repo;
  write_text(repo / "LICENSE", kMit);
  write_text(repo / "vendor/LICENSE", "Proprietary. All rights reserved by Vendor.\n");
  write_text(repo / "vendor/v.cu", kKernel);
  auto r = resolver_for(repo).resolve("vendor/v.cu");
  EXPECT_EQ(r.spdx, "NOASSERTION");
  EXPECT_EQ(r.license_file, "vendor/LICENSE");
}

TEST(FileLicense, LinkedLicenseFileOutsideTheTreeIsIgnored) {
  TempDir outside, repo;
  write_text(outside / "GPL.txt", kGpl3);
  write_text(repo / "LICENSE", kMit);
  write_text(repo / "sub/k.cu", kKernel);
  std::filesystem::create_symlink(outside / "GPL.txt", repo / "sub/LICENSE");
  auto r = resolver_for(repo).resolve("sub/k.cu");
  EXPECT_EQ(r.spdx, "MIT");
  EXPECT_EQ(r.source, "repository");
}

TEST(FileLicense, LicenseFileNames) {
  for (const char* yes : {"LICENSE", "licence", "COPYING", "LICENSE.md", "LICENSE-MIT", "COPYING.LIB", "License.txt",
                          "LICENSE_APACHE"})
    EXPECT_TRUE(is_license_file_name(yes)) << yes;
  for (const char* no : {"license_check.py", "licenses.cmake", "LICENSEE", "README.md", "copying.sh", "mylicense"})
    EXPECT_FALSE(is_license_file_name(no)) << no;
}

TEST(FileLicense, SpdxTagExpressionsInEveryCommentStyle) {
  EXPECT_EQ(spdx_tag_expression("# SPDX-License-Identifier: GPL-2.0-or-later\n"), "GPL-2.0-or-later");
  EXPECT_EQ(spdx_tag_expression("/* SPDX-License-Identifier: MIT */\nint x;\n"), "MIT");
  EXPECT_EQ(spdx_tag_expression("<!-- SPDX-License-Identifier: BSD-3-Clause -->"), "BSD-3-Clause");
  EXPECT_EQ(spdx_tag_expression("// SPDX-License-Identifier: (MIT OR Apache-2.0) AND BSD-2-Clause\n"),
            "(MIT OR Apache-2.0) AND BSD-2-Clause");
  EXPECT_EQ(spdx_tag_expression("int x; // no tag\n"), "");
  std::string late(300, '\n');
  EXPECT_EQ(spdx_tag_expression(late + "// SPDX-License-Identifier: MIT\n"), "") << "tags live in the header";
}

TEST(FileLicense, CopyrightStatementsNotSentencesAboutThem) {
  EXPECT_EQ(copyright_line("/*\n * Copyright (c) 2022-2024, ACME Corp. All rights reserved.\n */\n"),
            "Copyright (c) 2022-2024, ACME Corp. All rights reserved.");
  EXPECT_EQ(copyright_line("// Copyright 2023 The Authors\n"), "Copyright 2023 The Authors");
  EXPECT_EQ(copyright_line("# (c) 2020 Someone\n"), "(c) 2020 Someone");
  EXPECT_EQ(copyright_line("The above copyright notice and this permission notice shall be included\n"), "");
  EXPECT_EQ(copyright_line("__global__ void k() {}\n"), "");
}

}  // namespace
}  // namespace kq::miner
