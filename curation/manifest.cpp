#include "curation/manifest.hpp"

#include <algorithm>
#include <sstream>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/subprocess.hpp"

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

std::string toolchain_version(const std::string& tool) {
  if (find_program(tool).empty()) return "";
  RunOptions o;
  o.timeout = std::chrono::seconds(30);
  auto r = run_process({tool, "--version"}, o);
  std::istringstream in(r.out + r.err);
  std::string line, first;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (first.empty()) first = line;
    if (line.find("release") != std::string::npos || line.find("HIP version") != std::string::npos) return line;
  }
  return first;
}

json toolchain_versions() {
  json out = json::object();
  for (const char* tool : {"g++", "nvcc", "hipcc"}) {
    std::string v = toolchain_version(tool);
    out[tool] = v.empty() ? json(nullptr) : json(v);
  }
  return out;
}

json file_entries(const fs::path& release_dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(release_dir))
    if (e.is_regular_file() && e.path().filename() != "MANIFEST.json") files.push_back(e.path());
  std::vector<std::string> rel;
  for (const auto& f : files) rel.push_back(fs::relative(f, release_dir).generic_string());
  std::sort(rel.begin(), rel.end());
  json out = json::array();
  for (const auto& r : rel)
    out.push_back({{"path", r}, {"sha256", sha256_file_hex(release_dir / r)},
                   {"bytes", static_cast<std::uint64_t>(fs::file_size(release_dir / r))}});
  return out;
}

std::string release_incomplete_reason(const fs::path& release_dir) {
  std::error_code ec;
  auto manifest_path = release_dir / "MANIFEST.json";
  if (!fs::is_regular_file(manifest_path, ec)) return "no MANIFEST.json";
  json manifest = json::parse(read_file(manifest_path), nullptr, false);
  if (manifest.is_discarded() || !manifest.contains("files")) return "MANIFEST.json is damaged";
  try {
    json actual = file_entries(release_dir);
    if (actual != manifest["files"]) return "files differ from MANIFEST.json";
  } catch (const std::exception& e) {
    return std::string("cannot read the release: ") + e.what();
  }
  return "";
}

}  // namespace kq::curation
