// `kquarry db stats` and `kquarry db merge` (filled in by the miner work).
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace kq::cli {

void add_db_stats_commands(CLI::App&, Context&) {}

}  // namespace kq::cli
