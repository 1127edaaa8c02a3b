#include "core/analysis.hpp"

#include <array>
#include <utility>

namespace kq {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<Feature, std::string_view>, 14> kFeatureNames{{
    {Feature::shared_static, "shared_static"},
    {Feature::shared_dynamic, "shared_dynamic"},
    {Feature::syncthreads, "syncthreads"},
    {Feature::warp, "warp"},
    {Feature::atomics, "atomics"},
    {Feature::constant, "constant"},
    {Feature::texture, "texture"},
    {Feature::template_kernel, "template"},
    {Feature::recursion, "recursion"},
    {Feature::printf, "printf"},
    {Feature::inline_asm, "inline_asm"},
    {Feature::half, "half"},
    {Feature::index_buffer, "index_buffer"},
    {Feature::math_sqrt_log, "math_sqrt_log"},
}};

// Index buffers as stored: ["idx"], [{"param":"idx","target":"src"}] or {"idx":"src"}.
void read_index_buffers(const json& v, KernelAnalysis& a) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it)
      if (!it.key().empty()) a.add_index_buffer(it.key(), it->is_string() ? it->get<std::string>() : "");
    return;
  }
  if (!v.is_array()) return;
  for (const auto& e : v) {
    std::string param, target;
    if (e.is_string()) param = e.get<std::string>();
    else if (e.is_object()) {
      param = e.value("param", e.value("name", e.value("index", std::string())));
      target = e.value("target", e.value("indexes", e.value("into", std::string())));
    }
    if (!param.empty()) a.add_index_buffer(param, target);
  }
}

json index_buffers_to_json(const std::vector<IndexBuffer>& list) {
  json out = json::array();
  for (const auto& b : list) {
    if (b.target.empty()) out.push_back(b.param);
    else out.push_back({{"param", b.param}, {"target", b.target}});
  }
  return out;
}

json extra_to_json(const KernelAnalysis& a) {
  json extra = json::object();
  if (!a.cxx_std.empty()) extra["cxx_std"] = a.cxx_std;
  if (a.device_runtime) extra["device_runtime"] = true;
  if (!a.index_buffers.empty()) extra["index_buffers"] = index_buffers_to_json(a.index_buffers);
  if (!a.body_expanded.empty()) extra["body_expanded"] = a.body_expanded;
  if (!a.assumptions.empty()) extra["assumptions"] = a.assumptions;
  if (!a.source_encoding.empty()) extra["source_encoding"] = a.source_encoding;
  if (!a.host_reach.empty()) extra["host_reach"] = a.host_reach;
  return extra;
}

void extra_from_json(const json& extra, KernelAnalysis& a) {
  if (!extra.is_object()) return;
  if (extra.contains("cxx_std") && extra["cxx_std"].is_string()) a.cxx_std = extra["cxx_std"].get<std::string>();
  if (extra.contains("device_runtime") && extra["device_runtime"].is_boolean())
    a.device_runtime = extra["device_runtime"].get<bool>();
  for (const char* key : {"index_buffers", "index_buffer"})
    if (extra.contains(key)) read_index_buffers(extra[key], a);
  if (extra.contains("body_expanded") && extra["body_expanded"].is_string())
    a.body_expanded = extra["body_expanded"].get<std::string>();
  if (extra.contains("source_encoding") && extra["source_encoding"].is_string())
    a.source_encoding = extra["source_encoding"].get<std::string>();
  if (extra.contains("host_reach") && extra["host_reach"].is_array()) a.host_reach = extra["host_reach"];
  if (extra.contains("assumptions") && extra["assumptions"].is_array())
    for (const auto& x : extra["assumptions"])
      if (x.is_string()) a.assumptions.push_back(x.get<std::string>());
}

}  // namespace

std::string_view feature_name(Feature f) {
  for (const auto& [feature, name] : kFeatureNames)
    if (feature == f) return name;
  return "unknown";
}

std::optional<Feature> feature_from_name(std::string_view name) {
  for (const auto& [feature, n] : kFeatureNames)
    if (n == name) return feature;
  return std::nullopt;
}

const std::vector<Feature>& all_features() {
  static const std::vector<Feature> all = [] {
    std::vector<Feature> v;
    for (const auto& [feature, name] : kFeatureNames) v.push_back(feature);
    return v;
  }();
  return all;
}

const ParamAnalysis* KernelAnalysis::find_param(const std::string& name) const {
  for (const auto& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

void KernelAnalysis::add_index_buffer(const std::string& param, const std::string& target) {
  for (auto& b : index_buffers)
    if (b.param == param) {
      if (b.target.empty()) b.target = target;
      return;
    }
  index_buffers.push_back({param, target});
}

json analysis_to_json(const KernelAnalysis& a) {
  json params = json::array();
  for (const auto& p : a.params) {
    params.push_back({{"name", p.name}, {"type", p.type}, {"elem_type", p.elem_type},
                      {"is_pointer", p.is_pointer}, {"is_const", p.is_const}, {"reads", p.reads},
                      {"writes", p.writes}, {"atomic", p.atomic}, {"size_like", p.size_like},
                      {"bounds", p.bounds}, {"index_exprs", p.index_exprs}});
  }
  json features = json::object();
  for (Feature f : a.features) features[std::string(feature_name(f))] = true;
  return {{"params", params},
          {"template_params", a.template_params},
          {"index_pattern", a.index_pattern},
          {"stores", a.stores},
          {"features", features},
          {"metrics", {{"lines", a.lines}, {"statements", a.statements}, {"cyclomatic", a.cyclomatic}}},
          {"extra", extra_to_json(a)}};
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
  // Names this build does not know (from a newer extractor) are dropped.
  if (j.contains("features") && j["features"].is_object())
    for (auto it = j["features"].begin(); it != j["features"].end(); ++it)
      if (it->is_boolean() && it->get<bool>())
        if (auto f = feature_from_name(it.key())) a.features.insert(*f);
  if (j.contains("metrics")) {
    a.lines = j["metrics"].value("lines", 0);
    a.statements = j["metrics"].value("statements", 0);
    a.cyclomatic = j["metrics"].value("cyclomatic", 1);
  }
  if (j.contains("extra")) extra_from_json(j["extra"], a);
  return a;
}

}  // namespace kq
