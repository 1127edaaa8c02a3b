#include "core/disk_space.hpp"

#include "core/error.hpp"

namespace kq {
namespace fs = std::filesystem;

std::uint64_t free_bytes(const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  while (!p.empty() && !fs::exists(p, ec) && p != p.parent_path()) p = p.parent_path();
  auto info = fs::space(p, ec);
  if (ec) throw Error("cannot read the free space of '" + path.string() + "': " + ec.message());
  return info.available;
}

void require_free_space(const std::vector<fs::path>& folders, std::uint64_t min_free_mb, const std::string& what) {
  constexpr std::uint64_t kMiB = 1024ull * 1024ull;
  for (const auto& folder : folders) {
    if (folder.empty()) continue;
    auto free = free_bytes(folder);
    if (free / kMiB >= min_free_mb) continue;
    throw Error("not enough disk space to start " + what + ": '" + folder.string() + "' has " +
                std::to_string(free / kMiB) + " MiB free, " + std::to_string(min_free_mb) +
                " MiB needed (disk.min_free_mb); free some space or lower the setting");
  }
}

}  // namespace kq
