#pragma once
// The funnel of a run: how many kernels reached each step, from discovered
// to exported, and the most common reasons for each drop.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace kq::curation {

struct FunnelStep {
  std::string name;                    // discovered, extracted, standalone, synthesized, verified, exported
  std::int64_t count = 0;              // kernels that reached it
  std::int64_t dropped = 0;            // reached it but not the next step
  std::vector<std::pair<std::string, std::int64_t>> top_reasons;  // up to 3, most common first
};

std::vector<FunnelStep> compute_funnel(db::Database& db);

nlohmann::json funnel_to_json(const std::vector<FunnelStep>& funnel);

// A plain-text table for the terminal.
std::string funnel_table(const std::vector<FunnelStep>& funnel);

// Share of discovered kernels that were exported, in [0, 1].
double export_share(const std::vector<FunnelStep>& funnel);

}  // namespace kq::curation
