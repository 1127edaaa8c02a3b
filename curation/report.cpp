#include "curation/report.hpp"

#include <algorithm>
#include <cstdio>

#include "curation/template.hpp"

namespace kq::curation {

using nlohmann::json;

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string number_text(double v) {
  char buf[32];
  if (v == static_cast<long long>(v)) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// The stats with every text escaped for HTML (the template engine writes strings as is).
json escaped(const json& j) {
  if (j.is_string()) return html_escape(j.get<std::string>());
  if (j.is_array() || j.is_object()) {
    json out = j;
    for (auto& [k, v] : out.items()) v = escaped(v);
    return out;
  }
  return j;
}

std::vector<std::pair<std::string, double>> pairs(const json& list, const char* label, const char* value) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& e : list) out.emplace_back(e.value(label, ""), e.value(value, 0.0));
  return out;
}

}  // namespace

std::string svg_bar_chart(const std::string& title, const std::vector<std::pair<std::string, double>>& bars) {
  const int label_w = 220, bar_max = 360, row = 22;
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.second);
  json ctx;
  ctx["title"] = html_escape(title);
  ctx["width"] = label_w + bar_max + 80;
  ctx["height"] = std::max<int>(row, static_cast<int>(bars.size()) * row + 4);
  ctx["bars"] = json::array();
  for (std::size_t i = 0; i < bars.size(); ++i) {
    int w = max > 0 ? static_cast<int>(bars[i].second / max * bar_max + 0.5) : 0;
    int y = static_cast<int>(i) * row + 2;
    ctx["bars"].push_back({{"label", html_escape(bars[i].first.substr(0, 34))},
                           {"y", y},
                           {"text_y", y + 13},
                           {"bar_x", label_w},
                           {"bar_width", std::max(w, 1)},
                           {"value_x", label_w + std::max(w, 1) + 6},
                           {"value", number_text(bars[i].second)}});
  }
  return render_template_file("bar_chart.svg", ctx);
}

std::string render_report_html(const json& stats) {
  json ctx = escaped(stats);
  for (auto& f : ctx["funnel"]) {
    std::string reasons;
    for (const auto& r : f["top_reasons"])
      reasons += (reasons.empty() ? "" : "; ") + r["reason"].get<std::string>() + " (" + r["count"].dump() + ")";
    f["reasons"] = reasons;
  }
  ctx["funnel_chart"] = svg_bar_chart("funnel", pairs(stats["funnel"], "step", "count"));
  ctx["tags_chart"] = svg_bar_chart("tags", pairs(stats["tags"], "name", "count"));
  ctx["licenses_chart"] = svg_bar_chart("licenses", pairs(stats["licenses"], "name", "count"));
  ctx["timings_chart"] = svg_bar_chart("seconds per stage", pairs(stats["timings"], "name", "seconds"));
  return render_template_file("report.html", ctx);
}

std::string render_dataset_card(const json& stats) {
  json ctx = stats;
  for (std::size_t i = 0; i < ctx["tags"].size(); ++i) ctx["tags"][i]["last"] = i + 1 == ctx["tags"].size();
  return render_template_file("dataset_card.md", ctx);
}

}  // namespace kq::curation
