#pragma once
// License detection: the SPDX id of a repository from its license file (or
// its README), by distinctive phrases of each license text.
#include <filesystem>
#include <string>
#include <string_view>

namespace kq::miner {

struct LicenseInfo {
  std::string spdx = "NOASSERTION";
  std::string file;  // relative path of the file it came from; empty when none
};

// The SPDX id whose phrases all occur in `text`, or "NOASSERTION".
std::string identify_license_text(std::string_view text);

// Looks at LICENSE/LICENCE/COPYING (optionally .md/.txt) at the root, then README files.
LicenseInfo detect_license(const std::filesystem::path& root);

}  // namespace kq::miner
