#include "cli/context.hpp"

#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/paths.hpp"

namespace kq::cli {

std::filesystem::path Context::db_path() const { return absolute_path(config.get("db")); }

std::filesystem::path Context::cache_dir() const {
  const auto& c = config.get("cache");
  return c.empty() ? default_cache_dir() : absolute_path(c);
}

unsigned Context::jobs() const { return effective_jobs(config.get_int("jobs")); }

std::vector<std::string> child_args(const Context& ctx) {
  namespace fs = std::filesystem;
  std::vector<std::string> args;
  const auto& o = ctx.opts;
  // Paths made absolute: the child may start in another folder.
  fs::path config_file = !o.config_file.empty() ? fs::path(o.config_file) : fs::path("kquarry.toml");
  if (fs::exists(config_file)) args.insert(args.end(), {"--config", fs::absolute(config_file).string()});
  if (!o.cache.empty()) args.insert(args.end(), {"--cache", fs::absolute(o.cache).string()});
  if (!o.db.empty()) args.insert(args.end(), {"--db", fs::absolute(o.db).string()});
  if (!o.log_file.empty()) args.insert(args.end(), {"--log-file", fs::absolute(o.log_file).string()});
  for (const auto& kv : o.set) args.insert(args.end(), {"--set", kv});
  for (int i = 0; i < o.verbose; ++i) args.push_back("-v");
  return args;
}

}  // namespace kq::cli
