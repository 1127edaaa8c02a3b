#pragma once
// What extraction needs to know about a whole repository snapshot, computed
// once and shared by every file of it: include folders and the launches
// written anywhere in its sources.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/kernels.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/includers.hpp"
#include "extractor/launches.hpp"
#include "extractor/parser.hpp"

namespace kq::extractor {

class RepoContext {
 public:
  RepoContext(const std::filesystem::path& db_path, const db::SourceFile& any_file);
  ParseRequest request_for(const db::SourceFile& f, int stub_retries) const;
  nlohmann::json launches_of(const std::string& kernel_name) const;
  std::vector<std::string> instantiations_of(const std::string& template_name) const;

 private:
  std::filesystem::path root_;
  RepoIncludes includes_;
  std::unique_ptr<IncludeGraph> include_graph_;
  std::multimap<std::string, Launch> launches_;
  std::multimap<std::string, std::string> instantiations_;
};

class RepoContexts {
 public:
  explicit RepoContexts(std::filesystem::path db_path) : db_path_(std::move(db_path)) {}
  RepoContext& get(const db::SourceFile& f);

 private:
  std::filesystem::path db_path_;
  std::mutex mutex_;
  std::map<std::int64_t, std::unique_ptr<RepoContext>> by_snapshot_;
};

}  // namespace kq::extractor
