#include "extractor/repo_context.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/source_scan.hpp"
#include "core/utf8.hpp"
#include "extractor/instantiations.hpp"
#include "extractor/language_standard.hpp"
#include "extractor/launch_callers.hpp"
#include "extractor/unit_defines.hpp"
#include "extractor/languages.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

RepoContext::RepoContext(const fs::path& db_path, const db::SourceFile& any) {
  std::error_code ec;
  if (any.worktree.empty() || !fs::is_directory(any.worktree, ec))
    throw Error("snapshot of " + any.repo_name + " has no readable worktree ('" + any.worktree + "')");
  root_ = fs::canonical(any.worktree);
  includes_ = guess_repo_includes(root_);
  include_graph_ = std::make_unique<IncludeGraph>(root_, includes_.dirs);
  db::Database db(db_path);
  std::vector<std::pair<std::string, std::string>> texts;  // path -> text without comments
  for (const auto& f : db::snapshot_files(db, any.snapshot_id)) {
    fs::path p = root_ / f.path;
    if (!is_within(root_, p)) continue;
    try {
      std::string text = to_utf8(read_file(p, 8u << 20));
      for (auto& l : find_launches(text, f.path)) launches_.emplace(l.kernel, std::move(l));
      instantiations_.merge(find_explicit_instantiations(text));
      texts.emplace_back(f.path, blank_comments(text));
    } catch (const std::exception&) {
      // An unreadable file has no launches; its extraction reports the error.
    }
  }
  // Host code that launches kernels, or calls a function that does, may sit
  // in a file that declares no kernel (a main.cu including its kernels).
  std::set<std::string> seen;
  for (const auto& [path, text] : texts) seen.insert(path);
  for (const auto& src : sources_under(root_)) {
    std::string rel = fs::relative(src, root_).generic_string();
    if (seen.count(rel)) continue;
    try {
      std::string text = to_utf8(read_file(src, 4u << 20));
      for (auto& l : find_launches(text, rel)) launches_.emplace(l.kernel, std::move(l));
      texts.emplace_back(rel, blank_comments(text));
    } catch (const std::exception&) {
      // Unreadable host code only means fewer launches and callers.
    }
  }
  std::vector<Launch*> all;
  for (auto& [name, l] : launches_) all.push_back(&l);
  attach_callers(all, texts);
}

ParseRequest RepoContext::request_for(const db::SourceFile& f, int stub_retries) const {
  fs::path file = root_ / f.path;
  if (!is_within(root_, file)) throw Error(f.path + ": resolves outside the repository " + root_.string());
  ParseRequest rq;
  rq.root = root_;
  rq.file = file;
  rq.dialect = dialect_for_file(f.language, file);
  rq.include_dirs = include_dirs_for(root_, file, includes_);
  rq.defines = includes_.defines;
  set_build_defines(rq, includes_.build_defines);
  rq.build_standard = build_standard_for(root_, fs::weakly_canonical(file), includes_.standards);
  rq.stub_retries = stub_retries;
  rq.includers = include_graph_->includers_of(file);
  return rq;
}

nlohmann::json RepoContext::launches_of(const std::string& kernel_name) const {
  nlohmann::json out = nlohmann::json::array();
  auto [b, e] = launches_.equal_range(kernel_name);
  for (auto it = b; it != e && out.size() < 32; ++it) out.push_back(to_json(it->second));
  return out;
}

std::vector<std::string> RepoContext::instantiations_of(const std::string& template_name) const {
  std::vector<std::string> out;
  auto [b, e] = instantiations_.equal_range(template_name);
  for (auto it = b; it != e; ++it)
    if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
  return out;
}

RepoContext& RepoContexts::get(const db::SourceFile& f) {
  std::lock_guard lock(mutex_);
  auto& slot = by_snapshot_[f.snapshot_id];
  if (!slot) slot = std::make_unique<RepoContext>(db_path_, f);
  return *slot;
}

}  // namespace kq::extractor
