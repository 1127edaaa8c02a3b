#pragma once
// License detection: the SPDX id of a repository from its license file (or
// its README), by distinctive phrases of each license text.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kq::miner {

struct LicenseInfo {
  std::string spdx = "NOASSERTION";
  std::string file;  // relative path of the file it came from; empty when none
};

// The SPDX id whose phrases all occur in `text`, or "NOASSERTION".
std::string identify_license_text(std::string_view text);

// Whether a file name is a license file's: LICENSE, LICENCE or COPYING, in
// any case, alone or with a suffix ("LICENSE.md", "LICENSE-MIT", "COPYING.LIB"),
// but not a program about licenses ("license_check.py").
bool is_license_file_name(std::string_view filename);

// The license files directly in `folder` (within `root`: links that lead
// outside are skipped), LICENSE/LICENCE before COPYING, then by name.
std::vector<std::filesystem::path> license_files_in(const std::filesystem::path& root,
                                                    const std::filesystem::path& folder);

// What the license files of one folder say together: the distinct ids they
// name, joined with AND (each file's terms may apply, so each must be
// allowed); "NOASSERTION" when none is identified. `file` is the first file
// identified, or the first file when none is.
LicenseInfo license_of_files(const std::vector<std::filesystem::path>& files, const std::filesystem::path& root);

// The license files at the root (license_of_files), then README files.
LicenseInfo detect_license(const std::filesystem::path& root);

}  // namespace kq::miner
