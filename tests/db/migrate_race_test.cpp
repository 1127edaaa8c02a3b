// Several connections that open one fresh database at the same moment (the
// parallel workers of a stage) all succeed, and the schema is applied once.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "tests/support/test_support.hpp"

namespace kq::db {
namespace {

TEST(Migrate, ConnectionsOpeningAFreshDatabaseAtOnceAllSucceed) {
  for (int round = 0; round < 10; ++round) {
    test::TempDir dir;
    const auto path = dir / "fresh.db";
    std::atomic<int> failures{0};
    std::string first_error;
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i)
      workers.emplace_back([&] {
        try {
          Database db(path);
        } catch (const std::exception& e) {
          if (failures++ == 0) first_error = e.what();
        }
      });
    for (auto& w : workers) w.join();
    ASSERT_EQ(failures.load(), 0) << "round " << round << ": " << first_error;
    Database db(path);
    EXPECT_EQ(db.schema_version(), latest_schema_version());
  }
}

}  // namespace
}  // namespace kq::db
