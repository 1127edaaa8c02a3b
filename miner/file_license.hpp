#pragma once
// The license of each source file, decided by the most specific statement:
// the file's own SPDX-License-Identifier tag, else the license files of the
// nearest folder on its way up to the root that has any, else the
// repository's license (detect_license). A repository that holds code under
// several licenses thus gets each file's own, not one for all.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "miner/license.hpp"

namespace kq::miner {

struct FileLicense {
  std::string spdx = "NOASSERTION";  // an SPDX id or expression ("MIT OR Apache-2.0")
  std::string source;                // "spdx-tag", "license-file" or "repository"
  std::string license_file;          // relative path of the file that decided; empty for a tag
  std::string copyright;             // first copyright line of the source file, else of its license file
};

// The expression of the first `SPDX-License-Identifier:` tag in the first
// lines of `text`, as written ("GPL-2.0-or-later", "MIT OR Apache-2.0"),
// without the comment that carries it; empty when there is none.
std::string spdx_tag_expression(std::string_view text);

// The first copyright statement in the first lines of `text` ("Copyright (c)
// 2021 NVIDIA Corporation"), without comment markers; empty when none.
// Sentences about copyright ("the above copyright notice") are not statements.
std::string copyright_line(std::string_view text);

// Resolves files of one tree; remembers each folder's license files.
class FileLicenseResolver {
 public:
  FileLicenseResolver(std::filesystem::path root, LicenseInfo repository);
  // `relative_path` is the file's path under the root ("src/ops/a.cu").
  FileLicense resolve(const std::string& relative_path);

 private:
  struct Decided {
    LicenseInfo info;
    std::string copyright;
    bool found = false;  // the folder has license files
  };
  const Decided& folder_license(const std::filesystem::path& relative_folder);

  std::filesystem::path root_;
  LicenseInfo repository_;
  std::map<std::string, Decided> folders_;
};

}  // namespace kq::miner
