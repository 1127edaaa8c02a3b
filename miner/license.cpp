#include "miner/license.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <regex>
#include <vector>

#include "core/fs.hpp"

namespace kq::miner {
namespace fs = std::filesystem;
namespace {

// One license: it matches when every phrase of any one alternative occurs in
// the normalized text. The phrases are short, distinctive fragments of each
// license's own wording; order matters where one text quotes another (the
// LGPL names the GPL, BSD-3 contains BSD-2's clauses).
struct LicenseRule {
  const char* spdx;
  std::vector<std::vector<const char*>> alternatives;
};

const std::vector<LicenseRule>& rules() {
  static const std::vector<LicenseRule> table = {
      {"Unlicense", {{"free and unencumbered software released into the public domain"}}},
      {"BSL-1.0", {{"boost software license"}}},
      {"MPL-2.0", {{"mozilla public license version 2.0"}}},
      {"Apache-2.0", {{"apache license version 2.0"}, {"www.apache.org licenses license 2.0"}}},
      {"LGPL-2.1",
       {{"gnu lesser general public license version 2.1"},
        {"gnu lesser general public license as published by the free software foundation either version 2.1"}}},
      {"LGPL-3.0",
       {{"gnu lesser general public license version 3"},
        {"gnu lesser general public license as published by the free software foundation either version 3"}}},
      {"GPL-3.0",
       {{"gnu general public license version 3"},
        {"gnu general public license as published by the free software foundation either version 3"}}},
      {"GPL-2.0",
       {{"gnu general public license version 2"},
        {"gnu general public license as published by the free software foundation either version 2"}}},
      {"BSD-3-Clause",
       {{"redistribution and use in source and binary forms", "neither the name of"},
        {"redistribution and use in source and binary forms", "may be used to endorse or promote products"}}},
      {"BSD-2-Clause",
       {{"redistribution and use in source and binary forms", "redistributions in binary form must reproduce"}}},
      {"MIT",
       {{"permission is hereby granted free of charge to any person obtaining a copy",
         "the above copyright notice and this permission notice shall be included"},
        {"licensed under the mit license"},
        {"released under the mit license"},
        {"under the terms of the mit license"}}},
  };
  return table;
}

// Lower case, every run of other characters than letters, digits and '.'
// becomes one space: line breaks, punctuation and markup stop mattering.
std::string normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = true;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '.') {
      out += static_cast<char>(std::tolower(c));
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  // Drop dots not followed by a digit ("1991." -> "1991").
  std::string cleaned;
  cleaned.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '.' && (i + 1 >= out.size() || !std::isdigit(static_cast<unsigned char>(out[i + 1])))) continue;
    cleaned += out[i];
  }
  return cleaned;
}

// "SPDX-License-Identifier: GPL-2.0-or-later" -> "GPL-2.0" (the ids we report).
std::string spdx_tag(std::string_view text) {
  static const std::regex re(R"(SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+))");
  std::string s(text.substr(0, 64 * 1024));
  std::smatch m;
  if (!std::regex_search(s, m, re)) return {};
  std::string id = m[1];
  for (std::string_view suffix : {"-only", "-or-later", "+"})
    if (id.ends_with(suffix)) id.resize(id.size() - suffix.size());
  for (const auto& r : rules())
    if (id == r.spdx) return id;
  return {};
}

bool contains_all(const std::string& haystack, const std::vector<const char*>& phrases) {
  return std::all_of(phrases.begin(), phrases.end(),
                     [&](const char* p) { return haystack.find(p) != std::string::npos; });
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The regular files directly in `folder` (within `root`: links that lead
// outside are skipped) that `rank` gives a rank, by rank then name.
template <class Rank>
std::vector<fs::path> ranked_files_in(const fs::path& root, const fs::path& folder, Rank rank) {
  std::vector<std::pair<std::size_t, fs::path>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    std::error_code ec2;
    if (!e.is_regular_file(ec2)) continue;  // follows symlinks; checked against the root below
    std::optional<std::size_t> r = rank(e.path().filename().string());
    if (r && is_within(root, e.path())) found.emplace_back(*r, e.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> out;
  for (auto& [r, p] : found) out.push_back(p);
  return out;
}

// README files at the root, in the order of `names`.
std::vector<fs::path> root_files_named(const fs::path& root, const std::vector<std::string>& names) {
  return ranked_files_in(root, root, [&](const std::string& name) -> std::optional<std::size_t> {
    auto it = std::find(names.begin(), names.end(), lower(name));
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
  });
}

// 0 for LICENSE/LICENCE names, 1 for COPYING, 2 for anything else.
int license_name_rank(const std::string& lower_name) {
  if (lower_name.starts_with("license") || lower_name.starts_with("licence")) return 0;
  return lower_name.starts_with("copying") ? 1 : 2;
}

std::string read_prefix(const fs::path& p) {
  try {
    auto size = fs::file_size(p);
    return read_file(p, std::max<std::uintmax_t>(size, 1)).substr(0, 256 * 1024);
  } catch (...) {
    return {};
  }
}

}  // namespace

std::string identify_license_text(std::string_view text) {
  if (auto tag = spdx_tag(text); !tag.empty()) return tag;
  auto norm = normalize(text);
  for (const auto& r : rules())
    for (const auto& alt : r.alternatives)
      if (contains_all(norm, alt)) return r.spdx;
  return "NOASSERTION";
}

bool is_license_file_name(std::string_view filename) {
  // Suffixes of programs and build files: a file so named is about licenses, not one.
  static const std::vector<std::string_view> code = {".py", ".sh", ".c", ".cc", ".cpp", ".cu", ".cuh", ".h", ".hpp",
                                                     ".js", ".ts", ".json", ".yml", ".yaml", ".cmake", ".in", ".rb",
                                                     ".pl", ".go", ".rs", ".java", ".html", ".xml", ".toml"};
  std::string name = lower(std::string(filename));
  if (license_name_rank(name) == 2) return false;
  std::string_view rest = std::string_view(name).substr(7);  // after "license", "licence" or "copying"
  if (rest.empty()) return true;
  if (rest[0] != '.' && rest[0] != '-' && rest[0] != '_') return false;
  return std::none_of(code.begin(), code.end(), [&](std::string_view ext) { return rest.ends_with(ext); });
}

std::vector<fs::path> license_files_in(const fs::path& root, const fs::path& folder) {
  return ranked_files_in(root, folder, [](const std::string& name) -> std::optional<std::size_t> {
    if (!is_license_file_name(name)) return std::nullopt;
    return static_cast<std::size_t>(license_name_rank(lower(name)));
  });
}

LicenseInfo license_of_files(const std::vector<fs::path>& files, const fs::path& root) {
  LicenseInfo info;
  std::vector<std::string> ids;
  for (const auto& p : files) {
    auto id = identify_license_text(read_prefix(p));
    if (id == "NOASSERTION") continue;
    if (ids.empty()) info.file = p.lexically_relative(root).generic_string();
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  if (ids.empty()) {
    if (!files.empty()) info.file = files.front().lexically_relative(root).generic_string();
    return info;
  }
  info.spdx.clear();
  for (const auto& id : ids) info.spdx += (info.spdx.empty() ? "" : " AND ") + id;
  return info;
}

LicenseInfo detect_license(const fs::path& root) {
  static const std::vector<std::string> readme_names = {"readme.md", "readme", "readme.txt", "readme.rst"};
  auto info = license_of_files(license_files_in(root, root), root);
  if (info.spdx != "NOASSERTION") return info;
  for (const auto& p : root_files_named(root, readme_names)) {
    auto id = identify_license_text(read_prefix(p));
    if (id != "NOASSERTION") return {id, p.filename().string()};
  }
  return info;
}

}  // namespace kq::miner
