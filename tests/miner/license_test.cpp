#include <gtest/gtest.h>

#include "miner/license.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

using test::TempDir;
using test::write_text;

// Short texts carrying each license's distinctive wording (headers and a clause or two).
struct Sample {
  const char* spdx;
  const char* text;
};

const Sample kSamples[] = {
    {"MIT",
     "MIT License\nCopyright (c) 2020 X\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"
     "of this software...\nThe above copyright notice and this permission notice shall be included in\nall copies."},
    {"Apache-2.0", "                                 Apache License\n                           Version 2.0, January 2004\n"
                   "                        http://www.apache.org/licenses/\n   TERMS AND CONDITIONS FOR USE"},
    {"BSD-2-Clause",
     "Copyright (c) X\nRedistribution and use in source and binary forms, with or without\nmodification, are permitted...\n"
     "1. Redistributions of source code must retain the above copyright notice.\n"
     "2. Redistributions in binary form must reproduce the above copyright notice."},
    {"BSD-3-Clause",
     "Redistribution and use in source and binary forms, with or without modification...\n"
     "2. Redistributions in binary form must reproduce the above copyright notice.\n"
     "3. Neither the name of the copyright holder nor the names of its contributors may be used to endorse"},
    {"GPL-2.0", "GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991\n Copyright (C) 1989, 1991 FSF"},
    {"GPL-3.0", "GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation"},
    {"LGPL-2.1", "GNU LESSER GENERAL PUBLIC LICENSE\n Version 2.1, February 1999\n [This is the first released version "
                 "of the Lesser GPL.  It also counts as the successor of the GNU Library Public License, version 2]"},
    {"LGPL-3.0", "GNU LESSER GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n This version of the GNU Lesser General "
                 "Public License incorporates the terms and conditions of version 3 of the GNU General Public License"},
    {"MPL-2.0", "Mozilla Public License Version 2.0\n==================================\n1. Definitions"},
    {"BSL-1.0", "Boost Software License - Version 1.0 - August 17th, 2003\n\nPermission is hereby granted, free of "
                "charge, to any person or organization obtaining a copy"},
    {"Unlicense", "This is free and unencumbered software released into the public domain.\n\nAnyone is free to copy"},
};

TEST(License, EveryListedIdFromItsPhrases) {
  for (const auto& s : kSamples) EXPECT_EQ(identify_license_text(s.text), s.spdx) << s.text;
}

TEST(License, UnknownTextIsNoAssertion) {
  EXPECT_EQ(identify_license_text("All rights reserved. Do not distribute."), "NOASSERTION");
  EXPECT_EQ(identify_license_text(""), "NOASSERTION");
}

TEST(License, SpdxTagWins) {
  EXPECT_EQ(identify_license_text("// SPDX-License-Identifier: GPL-2.0-or-later\n"), "GPL-2.0");
  EXPECT_EQ(identify_license_text("SPDX-License-Identifier: Apache-2.0"), "Apache-2.0");
}

TEST(License, FileNamesAndOrder) {
  for (const char* name : {"LICENSE", "LICENCE.txt", "COPYING", "license.md", "COPYING.md"}) {
    TempDir tmp;
    write_text(tmp / name, kSamples[0].text);
    auto info = detect_license(tmp.path());
    EXPECT_EQ(info.spdx, "MIT") << name;
    EXPECT_EQ(info.file, name);
  }
}

TEST(License, ReadmeFallbackAndUnidentifiedFile) {
  TempDir tmp;
  write_text(tmp / "LICENSE", "Proprietary. All rights reserved.");
  write_text(tmp / "README.md", "# Tool\n\n## License\nThis project is licensed under the MIT License.\n");
  auto info = detect_license(tmp.path());
  EXPECT_EQ(info.spdx, "MIT");
  EXPECT_EQ(info.file, "README.md");

  TempDir none;
  write_text(none / "LICENSE", "Proprietary.");
  auto unknown = detect_license(none.path());
  EXPECT_EQ(unknown.spdx, "NOASSERTION");
  EXPECT_EQ(unknown.file, "LICENSE");
  TempDir empty;
  EXPECT_EQ(detect_license(empty.path()).file, "");
}

TEST(License, SymlinkedLicenseOutsideIsIgnored) {
  TempDir outside, repo;
  write_text(outside / "MIT.txt", kSamples[0].text);
  std::filesystem::create_symlink(outside / "MIT.txt", repo / "LICENSE");
  EXPECT_EQ(detect_license(repo.path()).spdx, "NOASSERTION");
}

}  // namespace
}  // namespace kq::miner
