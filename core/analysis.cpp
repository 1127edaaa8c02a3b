#include "core/analysis.hpp"

namespace kq {

using nlohmann::json;

const ParamAnalysis* KernelAnalysis::find_param(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

bool KernelAnalysis::has(const std::string& feature) const {
  auto it = features.find(feature);
  return it != features.end() && it->second;
}

json analysis_to_json(const KernelAnalysis& a) {
  json params = json::array();
  for (const auto& p : a.params) {
    params.push_back({{"name", p.name}, {"type", p.type}, {"elem_type", p.elem_type},
                      {"is_pointer", p.is_pointer}, {"is_const", p.is_const}, {"reads", p.reads},
                      {"writes", p.writes}, {"atomic", p.atomic}, {"size_like", p.size_like},
                      {"bounds", p.bounds}, {"index_exprs", p.index_exprs}});
  }
  return {{"params", params},
          {"template_params", a.template_params},
          {"index_pattern", a.index_pattern},
          {"stores", a.stores},
          {"features", a.features},
          {"metrics", {{"lines", a.lines}, {"statements", a.statements}, {"cyclomatic", a.cyclomatic}}},
          {"extra", a.extra}};
}

KernelAnalysis analysis_from_json(const json& j) {
  KernelAnalysis a;
  for (const auto& p : j.value("params", json::array())) {
    ParamAnalysis pa;
    pa.name = p.value("name", "");
    pa.type = p.value("type", "");
    pa.elem_type = p.value("elem_type", "");
    pa.is_pointer = p.value("is_pointer", false);
    pa.is_const = p.value("is_const", false);
    pa.reads = p.value("reads", false);
    pa.writes = p.value("writes", false);
    pa.atomic = p.value("atomic", false);
    pa.size_like = p.value("size_like", false);
    pa.bounds = p.value("bounds", std::vector<std::string>{});
    pa.index_exprs = p.value("index_exprs", std::vector<std::string>{});
    a.params.push_back(std::move(pa));
  }
  a.template_params = j.value("template_params", std::vector<std::string>{});
  a.index_pattern = j.value("index_pattern", "other");
  a.stores = j.value("stores", std::vector<std::string>{});
  a.features = j.value("features", std::map<std::string, bool>{});
  if (j.contains("metrics")) {
    a.lines = j["metrics"].value("lines", 0);
    a.statements = j["metrics"].value("statements", 0);
    a.cyclomatic = j["metrics"].value("cyclomatic", 1);
  }
  a.extra = j.value("extra", json::object());
  return a;
}

}  // namespace kq
