#include "core/fs.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>

#include "core/error.hpp"

namespace kq {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) throw Error("cannot read '" + path.string() + "': " + ec.message());
  if (size > max_bytes)
    throw Error("'" + path.string() + "' is " + std::to_string(size) + " bytes, over the limit of " +
                std::to_string(max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open '" + path.string() + "'");
  std::string data(size, '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

void write_file_atomic(const fs::path& path, std::string_view data) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  auto tmp = path;
  tmp += ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("cannot write '" + tmp.string() + "'");
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) throw Error("write to '" + tmp.string() + "' failed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error("cannot rename '" + tmp.string() + "' to '" + path.string() + "': " + ec.message());
}

bool is_within(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  auto r = fs::weakly_canonical(root, ec);
  if (ec) return false;
  auto p = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto rel = p.lexically_relative(r);
  return !rel.empty() && *rel.begin() != "..";
}

bool looks_binary(std::string_view data) {
  return data.substr(0, 8192).find('\0') != std::string_view::npos;
}

fs::path make_temp_dir(const fs::path& parent, std::string_view prefix) {
  fs::create_directories(parent);
  std::random_device rd;
  std::mt19937_64 rng(rd());
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto p = parent / (std::string(prefix) + std::to_string(rng() % 1000000000ULL));
    std::error_code ec;
    if (fs::create_directory(p, ec)) return p;
  }
  throw Error("cannot create a temporary folder under '" + parent.string() + "'");
}

}  // namespace kq
