#pragma once
// The release's report.html and README.md (dataset card), rendered from
// curation/templates/ with charts as inline SVG (no external assets).
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq::curation {

// A horizontal bar chart as inline SVG (bar_chart.svg); labels are escaped.
std::string svg_bar_chart(const std::string& title, const std::vector<std::pair<std::string, double>>& bars);

std::string html_escape(const std::string& s);

// `stats` is the release summary made by export: version, task_prefix,
// task_count, repo_count, kernel_count, funnel, licenses, tags, repos,
// timings, backends_text, near_duplicate_threshold, kquarry_version.
std::string render_report_html(const nlohmann::json& stats);
std::string render_dataset_card(const nlohmann::json& stats);

}  // namespace kq::curation
