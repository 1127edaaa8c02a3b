// Mining records each candidate file's license; a database mined before
// licenses were per file gets them when the same commit is mined again.
#include <gtest/gtest.h>

#include "miner_test_util.hpp"
#include "tests/support/test_support.hpp"

namespace kq::miner {
namespace {

using namespace kq::miner::testing;
using test::TempDir;
using test::write_text;

const char* kKernel = "__global__ void k(float* x) { x[threadIdx.x] = 0; }\n";

void write_tree(const std::filesystem::path& dir) {
  write_text(dir / "LICENSE",
             "Copyright (c) 2020 Tree Authors\nPermission is hereby granted, free of charge, to any person obtaining "
             "a copy\nThe above copyright notice and this permission notice shall be included in all copies.\n");
  write_text(dir / "src/own.cu", kKernel);
  write_text(dir / "extern/gplkit/COPYING", "GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n");
  write_text(dir / "extern/gplkit/g.cu", kKernel);
  write_text(dir / "src/tagged.cu", std::string("// SPDX-License-Identifier: BSD-2-Clause\n// Copyright 2024 Tag Co\n") + kKernel);
}

std::string license_row(const std::filesystem::path& db, const std::string& path) {
  return query_text(db, "SELECT license_spdx || '|' || license_source || '|' || COALESCE(license_file,'') || '|' || "
                        "COALESCE(copyright,'') FROM files WHERE path='" + path + "'");
}

TEST(MineLicenses, EachFileCarriesItsOwnLicense) {
  TempDir tmp;
  write_tree(tmp / "tree");
  auto r = mine_repos(tmp / "kq.db", {local_entry(tmp / "tree")}, fixture_options(tmp / "cache")).repos.at(0);
  ASSERT_EQ(r.kind, RepoOutcomeKind::Mined) << r.error;
  EXPECT_EQ(license_row(tmp / "kq.db", "src/own.cu"), "MIT|repository|LICENSE|Copyright (c) 2020 Tree Authors");
  EXPECT_EQ(license_row(tmp / "kq.db", "extern/gplkit/g.cu"), "GPL-3.0|license-file|extern/gplkit/COPYING|");
  EXPECT_EQ(license_row(tmp / "kq.db", "src/tagged.cu"), "BSD-2-Clause|spdx-tag||Copyright 2024 Tag Co");
}

TEST(MineLicenses, RowsMinedBeforeGetLicensesOnTheNextMine) {
  TempDir tmp;
  write_tree(tmp / "tree");
  auto options = fixture_options(tmp / "cache");
  ASSERT_EQ(mine_repos(tmp / "kq.db", {local_entry(tmp / "tree")}, options).repos.at(0).kind, RepoOutcomeKind::Mined);
  {
    db::Database db(tmp / "kq.db");
    db.exec("UPDATE files SET license_spdx=NULL, license_source=NULL, license_file=NULL, copyright=NULL");
  }
  auto again = mine_repos(tmp / "kq.db", {local_entry(tmp / "tree")}, options).repos.at(0);
  EXPECT_EQ(again.kind, RepoOutcomeKind::Unchanged) << again.error;
  EXPECT_EQ(count_rows(tmp / "kq.db", "files", "license_spdx IS NULL"), 0);
  EXPECT_EQ(license_row(tmp / "kq.db", "extern/gplkit/g.cu"), "GPL-3.0|license-file|extern/gplkit/COPYING|");
}

}  // namespace
}  // namespace kq::miner
