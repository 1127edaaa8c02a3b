#pragma once
// A content-addressed store of results: what a compile or a run produced,
// filed under a key hashed over everything that determines it (sources, spec,
// compiler and its version, flags, runtime headers). Every stage that compiles
// or runs something asks it first, so a rerun with nothing changed, into any
// output folder, compiles and runs nothing.
//
// An entry is <cache>/results/<key[0..1]>/<key>/ holding record.json and the
// files stored with it. Entries are written to a private folder and renamed
// into place, so a reader never sees half an entry and two writers of one key
// (threads, processes, machines sharing the cache) both succeed.
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq {

class ResultCache {
 public:
  // `cache_dir` is the --cache folder (empty: the default one).
  explicit ResultCache(const std::filesystem::path& cache_dir);

  // The record stored under `key`, or none. When `restore_dir` is given, the
  // entry's files are copied into it first (created); a file that cannot be
  // copied makes the entry count as absent.
  std::optional<nlohmann::json> get(const std::string& key, const std::filesystem::path& restore_dir = {}) const;

  // Stores `record` and the named files of `from_dir` (missing ones are left
  // out). A cache that cannot be written is only a cache: failures are ignored.
  void put(const std::string& key, const nlohmann::json& record, const std::filesystem::path& from_dir = {},
           const std::vector<std::string>& files = {}) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path entry_dir(const std::string& key) const;
  std::filesystem::path root_;
};

// A key from its parts: each part is length-prefixed, so ("ab","c") and
// ("a","bc") differ. `kind` names what is cached ("run", "task-test") and
// carries its format version.
std::string result_key(std::string_view kind, std::initializer_list<std::string_view> parts);

// Hash of every file under a runtime folder (path and content; default
// kq::runtime_dir()): a runtime change must not reuse results built with the
// old headers. Computed once per folder and process.
std::string runtime_hash(const std::filesystem::path& runtime = {});

}  // namespace kq
