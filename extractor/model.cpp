#include "extractor/model.hpp"

namespace kq::extractor {

nlohmann::json to_json(const Param& p) {
  return {{"name", p.name}, {"type", p.type}, {"is_const", p.is_const}, {"is_pointer", p.is_pointer}};
}

static nlohmann::json kernel_to_json(const Kernel& k) {
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : k.params) params.push_back(to_json(p));
  nlohmann::json deps = nlohmann::json::array();
  for (const auto& d : k.deps) deps.push_back({{"kind", d.kind}, {"name", d.name}, {"source", d.source}});
  return {{"name", k.name},
          {"qualified_name", k.qualified_name},
          {"line_begin", k.line_begin},
          {"line_end", k.line_end},
          {"signature", k.signature},
          {"source", k.source},
          {"is_template", k.is_template},
          {"params", params},
          {"template_params", k.template_params},
          {"instantiations", k.instantiations},
          {"comment", k.comment},
          {"unit", k.unit},
          {"deps", deps},
          {"analysis", analysis_to_json(k.analysis)},
          {"norm_hash", k.norm_hash},
          {"minhash", k.minhash}};
}

static Kernel kernel_from_json(const nlohmann::json& j) {
  Kernel k;
  k.name = j.at("name");
  k.qualified_name = j.at("qualified_name");
  k.line_begin = j.at("line_begin");
  k.line_end = j.at("line_end");
  k.signature = j.at("signature");
  k.source = j.at("source");
  k.is_template = j.at("is_template");
  for (const auto& p : j.at("params"))
    k.params.push_back({p.at("name"), p.at("type"), p.at("is_const"), p.at("is_pointer")});
  k.template_params = j.at("template_params").get<std::vector<std::string>>();
  k.instantiations = j.at("instantiations").get<std::vector<std::string>>();
  k.comment = j.at("comment");
  k.unit = j.at("unit");
  for (const auto& d : j.at("deps")) k.deps.push_back({d.at("kind"), d.at("name"), d.at("source")});
  k.analysis = analysis_from_json(j.at("analysis"));
  k.norm_hash = j.at("norm_hash");
  k.minhash = j.at("minhash").get<std::vector<std::uint32_t>>();
  return k;
}

nlohmann::json to_json(const FileResult& r) {
  nlohmann::json kernels = nlohmann::json::array();
  for (const auto& k : r.kernels) kernels.push_back(kernel_to_json(k));
  return {{"path", r.path},         {"ok", r.ok},
          {"error", r.error},       {"stubbed", r.stubbed},
          {"rejected", r.rejected}, {"errors", r.errors},
          {"kernels", kernels},     {"parse_ms", r.parse_ms},
          {"closure_ms", r.closure_ms}, {"analysis_ms", r.analysis_ms}};
}

FileResult file_result_from_json(const nlohmann::json& j) {
  FileResult r;
  r.path = j.at("path");
  r.ok = j.at("ok");
  r.error = j.at("error");
  r.stubbed = j.at("stubbed").get<std::vector<std::string>>();
  r.rejected = j.at("rejected").get<std::vector<std::string>>();
  r.errors = j.at("errors");
  for (const auto& k : j.at("kernels")) r.kernels.push_back(kernel_from_json(k));
  r.parse_ms = j.value("parse_ms", 0.0);
  r.closure_ms = j.value("closure_ms", 0.0);
  r.analysis_ms = j.value("analysis_ms", 0.0);
  return r;
}

}  // namespace kq::extractor
