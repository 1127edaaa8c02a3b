#include "extractor/include_paths.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "core/fs.hpp"
#include "extractor/language_standard.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxHeaderDirs = 256;

bool is_header_ext(const fs::path& p) {
  static const std::set<std::string> exts = {".h", ".hh", ".hpp", ".hxx", ".cuh", ".inl", ".inc", ".tcc"};
  return exts.count(p.extension().string()) > 0;
}

bool is_skipped_dir(const fs::path& p) {
  auto name = p.filename().string();
  return name == ".git" || name == "build" || name == "node_modules" || name.starts_with(".");
}

void add_unique(std::vector<fs::path>& out, const fs::path& p) {
  if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
}

// Folders named include/ or inc/ first, then every folder holding a header.
void scan_header_dirs(const fs::path& root, std::vector<fs::path>& include_named,
                      std::vector<fs::path>& holding) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; it != end && !ec; it.increment(ec)) {
    const auto& entry = *it;
    if (entry.is_symlink(ec)) {
      if (entry.is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_directory(ec)) {
      if (is_skipped_dir(entry.path())) {
        it.disable_recursion_pending();
        continue;
      }
      auto name = entry.path().filename().string();
      if (name == "include" || name == "inc") add_unique(include_named, entry.path());
      continue;
    }
    if (is_header_ext(entry.path()) && holding.size() < kMaxHeaderDirs)
      add_unique(holding, entry.path().parent_path());
  }
}

// -I and -D flags of compile_commands.json, keeping only folders inside the tree.
void read_compile_commands(const fs::path& root, RepoIncludes& out) {
  for (const auto& candidate : {root / "compile_commands.json", root / "build" / "compile_commands.json"}) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec) || !is_within(root, candidate)) continue;
    nlohmann::json j = nlohmann::json::parse(std::ifstream(candidate), nullptr, false);
    if (!j.is_array()) continue;
    std::set<std::string> defines;
    for (const auto& entry : j) {
      std::string dir = entry.value("directory", root.string());
      std::vector<std::string> args;
      if (entry.contains("arguments")) {
        for (const auto& a : entry["arguments"]) args.push_back(a.get<std::string>());
      } else {
        std::istringstream in(entry.value("command", ""));
        for (std::string a; in >> a;) args.push_back(a);
      }
      if (int year = standard_in_flags(args); year > 0 && entry.contains("file")) {
        fs::path file = entry["file"].get<std::string>();
        if (file.is_relative()) file = fs::path(dir) / file;
        out.standards[fs::weakly_canonical(file, ec)] = year;
      }
      for (std::size_t i = 0; i < args.size(); ++i) {
        std::string a = args[i];
        if ((a == "-I" || a == "-isystem") && i + 1 < args.size()) a = "-I" + args[++i];
        if (a.starts_with("-I")) {
          fs::path p = a.substr(2);
          if (p.is_relative()) p = fs::path(dir) / p;
          if (fs::is_directory(p, ec) && is_within(root, p)) add_unique(out.dirs, fs::weakly_canonical(p));
        } else if (a.starts_with("-D") && a.size() > 2) {
          defines.insert(a.substr(2));
        }
      }
    }
    out.defines.assign(defines.begin(), defines.end());
    return;
  }
}

}  // namespace

RepoIncludes guess_repo_includes(const fs::path& root) {
  RepoIncludes out;
  read_compile_commands(root, out);
  BuildFlags build = read_build_flags(root);
  out.build_defines = std::move(build.defines);
  for (const auto& d : build.include_dirs) add_unique(out.dirs, d);
  std::vector<fs::path> include_named, holding;
  scan_header_dirs(root, include_named, holding);
  for (const auto& d : include_named) add_unique(out.dirs, d);
  add_unique(out.dirs, root);
  for (const auto& d : holding) add_unique(out.dirs, d);
  return out;
}

std::vector<fs::path> include_dirs_for(const fs::path& root, const fs::path& file, const RepoIncludes& repo) {
  std::vector<fs::path> dirs;
  for (fs::path d = file.parent_path(); !d.empty(); d = d.parent_path()) {
    add_unique(dirs, d);
    if (d == root || !is_within(root, d) || d == d.parent_path()) break;
  }
  for (const auto& d : repo.dirs) add_unique(dirs, d);
  return dirs;
}

bool is_gpu_runtime_header(std::string_view name) {
  static const std::array<std::string_view, 16> prefixes = {
      "cuda", "cub/", "hipcub/", "thrust/", "rocprim/", "hip/", "cooperative_groups", "curand",
      "cublas", "cufft", "cusparse", "nvrtc", "crt/", "sm_", "hiprand", "rocrand"};
  static const std::set<std::string_view, std::less<>> names = {
      "device_launch_parameters.h", "device_functions.h", "vector_types.h", "vector_functions.h",
      "math_constants.h", "mma.h", "texture_fetch_functions.h", "builtin_types.h", "driver_types.h",
      "cuComplex.h", "nvToolsExt.h", "host_defines.h", "surface_functions.h", "math_functions.h",
      "hiprand/hiprand_kernel.h", "rocrand/rocrand_kernel.h", "hip_runtime.h", "nvtx3/nvToolsExt.h"};
  if (names.count(name)) return true;
  for (auto p : prefixes)
    if (name.starts_with(p)) return true;
  return false;
}

bool is_external_header(std::string_view name) {
  if (is_gpu_runtime_header(name)) return true;
  static const std::set<std::string_view, std::less<>> c_headers = {
      "assert.h", "ctype.h", "errno.h", "float.h", "limits.h", "math.h", "stdarg.h", "stddef.h",
      "stdint.h", "stdio.h", "stdlib.h", "string.h", "time.h", "stdbool.h", "inttypes.h", "fenv.h",
      "complex.h", "wchar.h", "signal.h", "setjmp.h", "locale.h", "iso646.h"};
  if (c_headers.count(name)) return true;
  // C++ standard headers have no extension and no folder.
  if (name.find('.') == std::string_view::npos && name.find('/') == std::string_view::npos) {
    for (const auto& dir : system_include_dirs()) {
      std::error_code ec;
      if (fs::is_regular_file(dir / std::string(name), ec)) return true;
    }
  }
  return false;
}

std::vector<std::string> scan_includes(std::string_view text) {
  static const std::regex re(R"(^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"])", std::regex::multiline);
  std::vector<std::string> out;
  std::string s(text);
  for (std::sregex_iterator it(s.begin(), s.end(), re), end; it != end; ++it) out.push_back((*it)[1].str());
  return out;
}

const std::vector<fs::path>& system_include_dirs() {
  static const std::vector<fs::path> dirs = [] {
    std::vector<fs::path> d;
    std::error_code ec;
    for (const char* base : {"/usr/include/c++", "/usr/include/x86_64-linux-gnu/c++"}) {
      if (!fs::is_directory(base, ec)) continue;
      std::vector<fs::path> versions;
      for (const auto& e : fs::directory_iterator(base, ec)) versions.push_back(e.path());
      std::sort(versions.begin(), versions.end());
      if (!versions.empty()) d.push_back(versions.back());
    }
    d.push_back("/usr/include/x86_64-linux-gnu");
    d.push_back("/usr/include");
    return d;
  }();
  return dirs;
}

}  // namespace kq::extractor
