#pragma once
// Numbered schema migrations. A migration, once released, never changes: new
// columns and tables come as new entries at the end of the list.
#include <string>
#include <vector>

namespace kq::db {

struct Migration {
  std::string name;
  std::string sql;
};

const std::vector<Migration>& migrations();

}  // namespace kq::db
