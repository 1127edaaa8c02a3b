#include "curation/license_policy.hpp"

#include <algorithm>
#include <sstream>

namespace kq::curation {

namespace {

bool is_unknown(const std::string& id) { return id.empty() || id == "NOASSERTION" || id == "NONE"; }

// One SPDX id (no operators).
LicenseVerdict decide_id(const std::string& id, const LicensePolicy& p, std::string& reason) {
  if (license_listed(id, p.deny)) {
    reason = "license " + id + " denied";
    return LicenseVerdict::reject;
  }
  if (license_listed(id, p.allow)) return LicenseVerdict::accept;
  if (is_unknown(id)) {
    reason = "license unknown (" + (id.empty() ? std::string("none found") : id) + ")";
    return LicenseVerdict::needs_review;
  }
  if (license_listed(id, p.review) || id.starts_with("LicenseRef-")) {
    reason = "license " + id + " needs review";
    return LicenseVerdict::needs_review;
  }
  reason = "license " + id + " not allowed";
  return LicenseVerdict::reject;
}

std::vector<std::string> words(const std::string& expr) {
  std::string s = expr;
  std::replace(s.begin(), s.end(), '(', ' ');
  std::replace(s.begin(), s.end(), ')', ' ');
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

bool license_listed(const std::string& id, const std::vector<std::string>& list) {
  for (const auto& e : list) {
    if (e == id) return true;
    if (e.size() > 1 && e.back() == '*' && id.starts_with(std::string_view(e).substr(0, e.size() - 1))) return true;
  }
  return false;
}

LicenseVerdict decide_license(const std::string& spdx, const LicensePolicy& policy, std::string& reason) {
  auto w = words(spdx);
  if (w.size() <= 1) return decide_id(w.empty() ? "" : w[0], policy, reason);
  // OR binds looser than AND: the expression is a choice among AND-groups.
  LicenseVerdict best = LicenseVerdict::reject;
  std::string best_reason;
  bool first_group = true;
  LicenseVerdict group = LicenseVerdict::accept;
  std::string group_reason;
  auto close_group = [&] {
    if (first_group || group > best) {
      best = group;
      best_reason = group_reason;
    }
    first_group = false;
    group = LicenseVerdict::accept;
    group_reason.clear();
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == "OR" || w[i] == "or") {
      close_group();
      continue;
    }
    if (w[i] == "AND" || w[i] == "and") continue;
    if (w[i] == "WITH" || w[i] == "with") {
      ++i;  // the exception only widens what the license allows
      continue;
    }
    std::string why;
    LicenseVerdict v = decide_id(w[i], policy, why);
    if (v < group) {
      group = v;
      group_reason = why;
    }
  }
  close_group();
  if (best != LicenseVerdict::accept) reason = best_reason;
  return best;
}

}  // namespace kq::curation
