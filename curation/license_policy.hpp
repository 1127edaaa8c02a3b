#pragma once
// The license policy: which SPDX licenses a released task may carry. Three
// lists of SPDX ids (a trailing `*` matches a family: "GPL-*"): `deny` rejects,
// `allow` accepts, `review` waits for a person; an unknown license
// (NOASSERTION) waits for review and any other license is rejected. An SPDX
// expression is decided by its parts: `A OR B` as the better of them, `A AND B`
// (and `A WITH exception`) as the worse.
#include <string>
#include <vector>

namespace kq::curation {

struct LicensePolicy {
  std::vector<std::string> allow;
  std::vector<std::string> review;  // GPL family by default
  std::vector<std::string> deny;
};

enum class LicenseVerdict { reject = 0, needs_review = 1, accept = 2 };

// The verdict on `spdx` (an id or expression), with the reason when not accepted.
LicenseVerdict decide_license(const std::string& spdx, const LicensePolicy& policy, std::string& reason);

// Whether `id` matches a list entry ("GPL-3.0-only", or "GPL-*" as a family).
bool license_listed(const std::string& id, const std::vector<std::string>& list);

}  // namespace kq::curation
