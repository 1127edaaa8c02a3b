#include "curation/filters.hpp"

#include <algorithm>
#include <cstring>
#include <set>
#include <sstream>

#include "core/config.hpp"
#include "core/hash.hpp"
#include "core/host_reach.hpp"
#include "curation/license_policy.hpp"

namespace kq::curation {

CurationPolicy CurationPolicy::from_config(const Config& config) {
  CurationPolicy p;
  p.allowed_licenses = config.get_list("curation.allowed_licenses");
  p.review_licenses = config.get_list("curation.review_licenses");
  p.denied_licenses = config.get_list("curation.denied_licenses");
  p.near_duplicate_threshold = config.get_double("curation.near_duplicate_threshold");
  return p;
}

bool verified_ok(const std::vector<db::VerificationRow>& rows, std::string& why) {
  bool any_pass = false;
  for (const auto& r : rows) {
    if (r.status == "nondeterministic") {
      why = "nondeterministic on " + r.backend + (r.case_name.empty() ? "" : " (case " + r.case_name + ")");
      return false;
    }
    if (r.status == "pass") any_pass = true;
  }
  if (!any_pass) {
    why = rows.empty() ? "not verified: no verification recorded" : "not verified: no passing run";
    return false;
  }
  // A backend that ran some case and failed it is a failed verification there.
  std::set<std::string> failed;
  for (const auto& r : rows)
    if (r.status != "pass" && r.status != "compile_error" && r.status != "link_error") failed.insert(r.backend);
  for (const auto& b : failed) {
    for (const auto& r : rows)
      if (r.backend == b && r.status != "pass") {
        why = "not verified: " + r.status + " on " + b + (r.case_name.empty() ? "" : " (case " + r.case_name + ")");
        return false;
      }
  }
  return true;
}

std::string license_decision(const std::string& spdx, const CurationPolicy& policy, std::string& reason) {
  LicensePolicy lp{policy.allowed_licenses, policy.review_licenses, policy.denied_licenses};
  switch (decide_license(spdx, lp, reason)) {
    case LicenseVerdict::accept: return "accept";
    case LicenseVerdict::needs_review: return "needs_review";
    case LicenseVerdict::reject: break;
  }
  return "reject";
}

std::string host_reach_reason(const db::CurationKernel& k) {
  for (const auto* unit : {&k.unit_source, &k.hip_source}) {
    auto calls = find_host_reach(*unit);
    if (!calls.empty()) return "reaches the host from its CPU path: " + describe_host_reach(calls);
  }
  return "";
}

namespace {

bool has_fingerprint(const db::CurationKernel& k) {
  if (k.minhash.empty()) return !k.norm_hash.empty();
  for (unsigned char b : k.minhash)
    if (b != 0xFF) return true;
  return false;
}

// Earlier kept kernels, to find duplicates against.
struct Seen {
  std::map<std::string, std::int64_t> content, norm;
  std::vector<std::pair<std::int64_t, const std::vector<unsigned char>*>> signatures;
};

std::string duplicate_reason(const db::CurationKernel& k, const Seen& seen, const CurationPolicy& policy) {
  if (auto it = seen.content.find(k.content_hash); it != seen.content.end())
    return "exact duplicate of kernel " + std::to_string(it->second);
  // A fingerprint made from no tokens (every slot at its maximum) says
  // nothing; neither it nor the normalized hash made with it is compared.
  if (!has_fingerprint(k)) return "";
  if (!k.norm_hash.empty())
    if (auto it = seen.norm.find(k.norm_hash); it != seen.norm.end())
      return "duplicate (normalized) of kernel " + std::to_string(it->second);
  for (const auto& [id, sig] : seen.signatures) {
    double j = minhash_similarity(k.minhash, *sig);
    if (j >= policy.near_duplicate_threshold) {
      std::ostringstream os;
      os.precision(2);
      os << std::fixed << "near duplicate of kernel " << id << " (Jaccard " << j << ")";
      return os.str();
    }
  }
  return "";
}

}  // namespace

std::vector<FilterDecision> decide(const std::vector<db::CurationKernel>& kernels,
                                   const std::map<std::int64_t, std::vector<db::VerificationRow>>& verifications,
                                   const std::map<std::int64_t, db::ReviewRow>& reviews,
                                   const CurationPolicy& policy) {
  static const std::vector<db::VerificationRow> kNone;
  std::vector<FilterDecision> out;
  Seen seen;
  for (const auto& k : kernels) {
    FilterDecision d;
    d.kernel_id = k.kernel_id;
    // Checked first: such a kernel may also have failed verification (the
    // sandbox denies it those calls), but this is the reason that matters.
    d.reason = host_reach_reason(k);
    if (!d.reason.empty()) {
      out.push_back(d);
      continue;
    }
    auto vit = verifications.find(k.kernel_id);
    if (!verified_ok(vit == verifications.end() ? kNone : vit->second, d.reason)) {
      out.push_back(d);
      continue;
    }
    d.reason = duplicate_reason(k, seen, policy);
    if (!d.reason.empty()) {
      out.push_back(d);
      continue;
    }
    // A kernel that passed is the one kept among later duplicates, whatever its review.
    seen.content.emplace(k.content_hash, k.kernel_id);
    if (has_fingerprint(k) && !k.norm_hash.empty()) seen.norm.emplace(k.norm_hash, k.kernel_id);
    if (has_fingerprint(k) && !k.minhash.empty()) seen.signatures.emplace_back(k.kernel_id, &k.minhash);

    auto rit = reviews.find(k.kernel_id);
    bool by_person = rit != reviews.end() && rit->second.reviewer != "policy";
    if (by_person) {
      d.keep = rit->second.decision == "accept";
      if (!d.keep) d.reason = "rejected in review" + (rit->second.reason.empty() ? "" : ": " + rit->second.reason);
      if (rit->second.decision == "needs_review") d.reason = "awaiting review";
      out.push_back(d);
      continue;
    }
    std::string why;
    std::string lic = license_decision(k.license, policy, why);
    d.keep = lic == "accept";
    if (lic == "needs_review") {
      d.review = "needs_review";
      d.reason = "awaiting review: " + why;
    } else if (lic == "reject") {
      d.reason = why;
    }
    out.push_back(d);
  }
  return out;
}

}  // namespace kq::curation
