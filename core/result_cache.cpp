#include "core/result_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/hash.hpp"

namespace kq {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kRecord = "record.json";

std::string hash_tree(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) {
    all += f.lexically_relative(dir).string() + "\n";
    try {
      all += xxh64_hex(read_file(f)) + "\n";
    } catch (const Error&) {
    }
  }
  return xxh64_hex(all);
}

}  // namespace

ResultCache::ResultCache(const fs::path& cache_dir)
    : root_((cache_dir.empty() ? default_cache_dir() : cache_dir) / "results") {}

fs::path ResultCache::entry_dir(const std::string& key) const {
  return root_ / key.substr(0, 2) / key;
}

std::optional<json> ResultCache::get(const std::string& key, const fs::path& restore_dir) const {
  const fs::path dir = entry_dir(key);
  std::error_code ec;
  if (!fs::exists(dir / kRecord, ec)) return std::nullopt;
  json record;
  try {
    record = json::parse(read_file(dir / kRecord));
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged entry is produced again
  }
  if (restore_dir.empty()) return record;
  fs::create_directories(restore_dir, ec);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().filename() == kRecord) continue;
    fs::copy_file(e.path(), restore_dir / e.path().filename(), fs::copy_options::overwrite_existing, ec);
    if (ec) return std::nullopt;
  }
  return ec ? std::nullopt : std::optional<json>(record);
}

void ResultCache::put(const std::string& key, const json& record, const fs::path& from_dir,
                      const std::vector<std::string>& files) const {
  static std::atomic<unsigned> counter{0};
  const fs::path final_dir = entry_dir(key);
  const fs::path tmp = root_ / (".tmp-" + key + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::error_code ec;
  try {
    fs::create_directories(tmp);
    for (const auto& name : files)
      if (fs::exists(from_dir / name, ec)) fs::copy_file(from_dir / name, tmp / name);
    write_file_atomic(tmp / kRecord, record.dump() + "\n");
    fs::create_directories(final_dir.parent_path());
    fs::rename(tmp, final_dir, ec);  // fails when another writer was first: theirs stands
  } catch (const std::exception&) {
  }
  fs::remove_all(tmp, ec);
}

std::string result_key(std::string_view kind, std::initializer_list<std::string_view> parts) {
  std::string text(kind);
  text += '\n';
  for (auto p : parts) {
    text += std::to_string(p.size()) + ':';
    text += p;
    text += '\n';
  }
  return sha256_hex(text);
}

std::string runtime_hash(const fs::path& runtime) {
  static std::mutex mutex;
  static std::map<fs::path, std::string> hashes;
  const fs::path dir = runtime.empty() ? runtime_dir() : runtime;
  std::lock_guard lock(mutex);
  auto it = hashes.find(dir);
  if (it == hashes.end()) it = hashes.emplace(dir, hash_tree(dir)).first;
  return it->second;
}

}  // namespace kq
