#include "miner/file_license.hpp"

#include <regex>

#include "core/fs.hpp"
#include "core/text.hpp"

namespace kq::miner {
namespace fs = std::filesystem;
namespace {

// Tags and copyright statements sit in a file's opening comment.
constexpr std::size_t kHeaderLines = 200;
constexpr std::size_t kMaxCopyrightChars = 200;

std::string_view header_of(std::string_view text) {
  std::size_t pos = 0;
  for (std::size_t line = 0; line < kHeaderLines && pos < text.size(); ++line) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return text;
    pos = nl + 1;
  }
  return text.substr(0, pos);
}

// A line without the comment markers around it: "// ", "/* ", " * ", "# ", " */".
std::string without_comment_markers(std::string_view line) {
  std::string s = trim(line);
  for (std::string_view lead : {"//", "/*", "*", "#", "--", ";"})
    if (s.starts_with(lead)) s = trim(std::string_view(s).substr(lead.size()));
  for (std::string_view tail : {"*/", "-->"})
    if (s.ends_with(tail)) s = trim(std::string_view(s).substr(0, s.size() - tail.size()));
  return s;
}

std::string read_head(const fs::path& p) {
  try {
    return read_file(p, 64 * 1024);
  } catch (...) {
    return {};
  }
}

}  // namespace

std::string spdx_tag_expression(std::string_view text) {
  static const std::regex tag(R"(SPDX-License-Identifier:[ \t]*([A-Za-z0-9.+:() \t-]+))");
  std::string head(header_of(text));
  std::smatch m;
  if (!std::regex_search(head, m, tag)) return {};
  // A closing comment ("*/") stops the character class already; blanks and a
  // trailing "-" of "-->" are what may remain.
  return trim(m[1].str(), " \t-");
}

std::string copyright_line(std::string_view text) {
  static const std::regex statement(R"((copyright\s*(\(c\)|©)?\s*[0-9]{4})|(copyright\s*(\(c\)|©))|(^\s*(\(c\)|©)\s*[0-9]{4}))",
                                    std::regex::icase);
  std::string_view head = header_of(text);
  std::size_t pos = 0;
  while (pos < head.size()) {
    auto nl = head.find('\n', pos);
    auto line = head.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? head.size() : nl + 1;
    auto clean = without_comment_markers(line);
    if (!std::regex_search(clean, statement)) continue;
    return clean.substr(0, kMaxCopyrightChars);
  }
  return {};
}

FileLicenseResolver::FileLicenseResolver(fs::path root, LicenseInfo repository)
    : root_(std::move(root)), repository_(std::move(repository)) {}

const FileLicenseResolver::Decided& FileLicenseResolver::folder_license(const fs::path& relative_folder) {
  auto key = relative_folder.generic_string();
  if (auto it = folders_.find(key); it != folders_.end()) return it->second;
  Decided d;
  auto files = license_files_in(root_, root_ / relative_folder);
  if (!files.empty()) {
    d.found = true;
    d.info = license_of_files(files, root_);
    if (!d.info.file.empty()) d.copyright = copyright_line(read_head(root_ / d.info.file));
  }
  return folders_.emplace(key, std::move(d)).first->second;
}

FileLicense FileLicenseResolver::resolve(const std::string& relative_path) {
  FileLicense out;
  const std::string text = read_head(root_ / relative_path);
  out.copyright = copyright_line(text);
  if (auto tag = spdx_tag_expression(text); !tag.empty()) {
    out.spdx = tag;
    out.source = "spdx-tag";
    return out;
  }
  // The nearest folder below the root with license files decides; the root's
  // own are the repository's license, which README files may also state.
  for (fs::path folder = fs::path(relative_path).parent_path(); !folder.empty(); folder = folder.parent_path()) {
    const auto& d = folder_license(folder);
    if (!d.found) continue;
    out.spdx = d.info.spdx;
    out.source = "license-file";
    out.license_file = d.info.file;
    if (out.copyright.empty()) out.copyright = d.copyright;
    return out;
  }
  out.spdx = repository_.spdx;
  out.source = "repository";
  out.license_file = repository_.file;
  if (out.copyright.empty() && !repository_.file.empty()) out.copyright = copyright_line(read_head(root_ / repository_.file));
  return out;
}

}  // namespace kq::miner
