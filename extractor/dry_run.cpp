#include "extractor/dry_run.hpp"

#include <sstream>

#include "core/error.hpp"
#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "extractor/includers.hpp"
#include "extractor/language_standard.hpp"
#include "extractor/unit_defines.hpp"
#include "extractor/languages.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

static fs::path guess_root(const fs::path& file) {
  for (fs::path d = file.parent_path(); !d.empty(); d = d.parent_path()) {
    std::error_code ec;
    if (fs::exists(d / ".git", ec)) return d;
    if (d == d.parent_path()) break;
  }
  return file.parent_path();
}

FileResult dry_run_file(const fs::path& file_in, int timeout_s) {
  std::error_code ec;
  if (!fs::is_regular_file(file_in, ec)) throw UsageError("extract --dry-run: no such file: " + file_in.string());
  fs::path file = fs::canonical(file_in);
  ParseRequest rq;
  rq.root = guess_root(file);
  rq.file = file;
  rq.dialect = dialect_for_file("", file);
  auto repo = guess_repo_includes(rq.root);
  rq.include_dirs = include_dirs_for(rq.root, file, repo);
  rq.defines = repo.defines;
  set_build_defines(rq, repo.build_defines);
  rq.build_standard = build_standard_for(rq.root, file, repo.standards);
  rq.includers = IncludeGraph(rq.root, repo.dirs).includers_of(file);
  return extract_file_isolated(rq, fs::relative(file, rq.root).string(), std::chrono::seconds(timeout_s));
}

std::string describe_file_result(const FileResult& r) {
  std::ostringstream out;
  out << r.path << ": " << (r.ok ? "parsed" : "FAILED: " + r.error) << ", " << r.kernels.size() << " kernel(s)";
  if (!r.stubbed.empty()) out << ", " << r.stubbed.size() << " stubbed include(s)";
  if (!r.rejected.empty()) out << ", " << r.rejected.size() << " include(s) outside the tree read as empty";
  out << "\n";
  for (const auto& k : r.kernels) {
    out << "\n== " << k.qualified_name << "  (lines " << k.line_begin << "-" << k.line_end << ")\n";
    out << "signature: " << k.signature << "\n";
    out << "deps:";
    for (const auto& d : k.deps) out << " " << d.kind << ":" << d.name;
    out << "\nanalysis: " << analysis_to_json(k.analysis).dump() << "\n";
    out << "--- unit ---\n" << k.unit << "\n";
  }
  return out.str();
}

}  // namespace kq::extractor
