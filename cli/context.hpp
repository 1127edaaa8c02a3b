#pragma once
// What every subcommand receives: the global flags, the effective
// configuration, and helpers for the paths every command shares.
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace CLI {
class App;
}

namespace kq::cli {

struct GlobalOptions {
  std::string db;           // --db
  std::string cache;        // --cache
  std::string config_file;  // --config
  std::string log_file;     // --log-file
  int verbose = 0;          // -v (repeatable)
  bool quiet = false;       // -q
  bool json = false;        // --json
  std::vector<std::string> set;  // --set key=value
};

struct Context {
  GlobalOptions opts;
  Config config;
  std::function<int(Context&)> run;  // set by the chosen subcommand

  std::filesystem::path db_path() const;
  std::filesystem::path cache_dir() const;
  unsigned jobs() const;
};

// The global flags to hand to a kquarry process this one starts elsewhere
// (a cluster job): the configuration file, --set, --cache, --db, -v.
std::vector<std::string> child_args(const Context& ctx);

// Each subcommand lives in its own file and registers itself here.
using CommandAdder = void (*)(CLI::App&, Context&);
const std::vector<CommandAdder>& command_adders();

}  // namespace kq::cli
