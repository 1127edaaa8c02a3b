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

}  // namespace kq::cli
