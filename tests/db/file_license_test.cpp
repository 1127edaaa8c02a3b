// Per-file licenses in the database: a database from before the "file
// licenses" migration opens, its kernels keep the repository's license, and
// a file's own license, once recorded, takes over.
#include <gtest/gtest.h>

#include "db/curation.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "db/repos.hpp"
#include "tests/support/curation_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::db {
namespace {

int migration_index(const std::string& name) {
  const auto& all = migrations();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].name == name) return static_cast<int>(i);
  return -1;
}

// A database at the schema version just before per-file licenses.
void create_previous_schema(const std::filesystem::path& path) {
  int before = migration_index("file licenses");
  ASSERT_GT(before, 0);
  Database db(path, true, false);
  for (int i = 0; i < before; ++i) db.exec(migrations()[static_cast<std::size_t>(i)].sql);
  db.exec("PRAGMA user_version=" + std::to_string(before));
}

TEST(FileLicenseSchema, DatabaseFromBeforeOpensAndKeepsTheRepositoryLicense) {
  test::TempDir dir;
  const auto path = dir / "old.db";
  create_previous_schema(path);
  std::int64_t id = 0;
  {
    Database old(path, true, false);
    auto fixture = test::saxpy_fixture();
    fixture.license = "Apache-2.0";
    id = test::insert_fixture_kernel(old, fixture);
    old.exec("UPDATE repos SET license_file='LICENSE'");
  }
  Database db(path);
  EXPECT_EQ(db.schema_version(), latest_schema_version());
  auto k = load_curation_kernel(db, id);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->license, "Apache-2.0");
  EXPECT_EQ(k->license_source, "repository");
  EXPECT_EQ(k->license_file, "LICENSE");
  EXPECT_EQ(k->copyright, "");
}

TEST(FileLicenseSchema, FileLicenseOverridesTheRepositoryOne) {
  test::TempDir dir;
  Database db(dir / "kq.db");
  auto fixture = test::saxpy_fixture();
  auto id = test::insert_fixture_kernel(db, fixture);
  auto q = db.prepare("SELECT s.id FROM snapshots s");
  ASSERT_TRUE(q.step());
  auto snapshot = q.int64(0);
  EXPECT_EQ(files_without_license(db, snapshot), std::vector<std::string>{fixture.path});
  set_file_licenses(db, snapshot,
                    {{fixture.path, {"GPL-3.0-only", "license-file", "gpl/COPYING", "Copyright 2021 G Authors"}}});
  EXPECT_TRUE(files_without_license(db, snapshot).empty());
  auto k = load_curation_kernel(db, id);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->license, "GPL-3.0-only");
  EXPECT_EQ(k->license_source, "license-file");
  EXPECT_EQ(k->license_file, "gpl/COPYING");
  EXPECT_EQ(k->copyright, "Copyright 2021 G Authors");
  // A tag names no license file, and the repository's does not stand in for it.
  db.exec("UPDATE repos SET license_file='LICENSE'");
  set_file_licenses(db, snapshot, {{fixture.path, {"MIT", "spdx-tag", "", ""}}});
  k = load_curation_kernel(db, id);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->license, "MIT");
  EXPECT_EQ(k->license_source, "spdx-tag");
  EXPECT_EQ(k->license_file, "");
}

}  // namespace
}  // namespace kq::db
