#pragma once
// The curation filters (DESIGN.md, "curation/"): a kernel reaches a release
// only when it was verified and stayed deterministic, is not a duplicate
// (exact or near) of an earlier kernel, does not reach the host from the code
// cpu-sim compiles, carries an allowed license (or a
// person accepted it), and is not held in the review queue.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/curation.hpp"

namespace kq {
class Config;
}

namespace kq::curation {

struct CurationPolicy {
  std::vector<std::string> allowed_licenses;  // SPDX ids (license_policy.hpp: "GPL-*" matches a family)
  std::vector<std::string> review_licenses;   // wait for a person
  std::vector<std::string> denied_licenses;   // rejected whatever else says
  double near_duplicate_threshold = 0.9;      // MinHash Jaccard at or above: near duplicate

  static CurationPolicy from_config(const Config& config);
};

struct FilterDecision {
  std::int64_t kernel_id = 0;
  bool keep = false;
  std::string reason;   // why dropped: "duplicate of kernel 3", "license GPL-3.0 not allowed", ...
  std::string review;   // "needs_review" when the license calls for a person
};

// Whether the verifications say the kernel passed and stayed deterministic;
// `why` gets the reason when not.
bool verified_ok(const std::vector<db::VerificationRow>& rows, std::string& why);

// License decision: "accept", "reject" or "needs_review", with the reason.
std::string license_decision(const std::string& spdx, const CurationPolicy& policy, std::string& reason);

// "reaches the host from its CPU path: fopen (file, line 12)" when the unit's
// host-compiled code calls process, file, network, time or environment APIs
// (core/host_reach.hpp); empty when it is inert.
std::string host_reach_reason(const db::CurationKernel& k);

// Decides every kernel (given in id order; the earliest of duplicates is kept).
// `reviews` holds the decisions already recorded, by kernel id.
std::vector<FilterDecision> decide(const std::vector<db::CurationKernel>& kernels,
                                   const std::map<std::int64_t, std::vector<db::VerificationRow>>& verifications,
                                   const std::map<std::int64_t, db::ReviewRow>& reviews,
                                   const CurationPolicy& policy);

}  // namespace kq::curation
