#include "llm/openai_synth_parse.hpp"

#include <set>

#include "llm/client.hpp"
#include "llm/prompt_vars.hpp"

namespace kq::llm {
namespace {

using nlohmann::json;

std::string require_string(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || !j[field].is_string() || j[field].get<std::string>().empty())
    throw MalformedReply(where + ": missing text field \"" + field + "\"");
  return j[field].get<std::string>();
}

const json& require_array(const json& j, const char* field, const std::string& where) {
  if (!j.contains(field) || !j[field].is_array())
    throw MalformedReply(where + ": missing array field \"" + field + "\"");
  return j[field];
}

// Every parameter named once, in signature order.
void check_param_names(const std::vector<std::string>& got, const synth::KernelInput& kernel,
                       const std::string& where) {
  auto want = kernel_param_names(kernel);
  if (want.empty() || got == want) return;
  std::string w, g;
  for (const auto& s : want) w += (w.empty() ? "" : ", ") + s;
  for (const auto& s : got) g += (g.empty() ? "" : ", ") + s;
  throw MalformedReply(where + ": parameters must be exactly [" + w + "] in this order, got [" + g + "]");
}

}  // namespace

json parse_json_reply(const std::string& content) {
  std::string text = fenced_block(content, "json");
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    // Some models wrap the object in prose without a fence: take the outermost braces.
    auto b = content.find('{');
    auto e = content.rfind('}');
    if (b != std::string::npos && e != std::string::npos && e > b)
      j = json::parse(content.substr(b, e - b + 1), nullptr, false);
  }
  if (j.is_discarded() || !j.is_object())
    throw MalformedReply("the reply is not a JSON object (expected one object, in a ```json block)");
  return j;
}

json parse_contract(const std::string& content, const synth::KernelInput& kernel) {
  json j = parse_json_reply(content);
  const std::string where = "contract";
  require_string(j, "summary", where);
  require_string(j, "contract", where);
  require_string(j, "launch", where);
  std::vector<std::string> names;
  for (const auto& p : require_array(j, "params", where)) {
    if (!p.is_object() || !p.contains("name") || !p["name"].is_string())
      throw MalformedReply(where + ": every entry of params needs a name");
    names.push_back(p["name"].get<std::string>());
  }
  check_param_names(names, kernel, where + ".params");
  return j;
}

std::vector<LaunchSpec> parse_cases(const std::string& content, const synth::KernelInput& kernel) {
  json j = parse_json_reply(content);
  const json& cases = require_array(j, "cases", "launch specs");
  if (cases.empty()) throw MalformedReply("launch specs: \"cases\" is empty");
  if (cases.size() > 16) throw MalformedReply("launch specs: more than 16 cases");
  std::vector<LaunchSpec> specs;
  std::set<std::string> names;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::string where = "cases[" + std::to_string(i) + "]";
    json c = cases[i];
    if (c.is_object() && !c.contains("kernel")) c["kernel"] = kernel.name;
    LaunchSpec spec;
    try {
      spec = launch_spec_from_json(c);
    } catch (const Error& e) {
      throw MalformedReply(where + ": " + e.what());
    }
    if (spec.kernel != kernel.name)
      throw MalformedReply(where + ": kernel is '" + spec.kernel + "', expected '" + kernel.name + "'");
    std::vector<std::string> arg_names;
    for (const auto& a : spec.args) arg_names.push_back(a.name);
    check_param_names(arg_names, kernel, where + ".args");
    if (spec.name.empty() || names.count(spec.name)) spec.name = "case" + std::to_string(i + 1);
    names.insert(spec.name);
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::string parse_golden(const std::string& content) {
  std::string code = fenced_block(content, "cpp");
  if (code.find("kq_golden") == std::string::npos)
    throw MalformedReply("the reply has no function kq_golden (expected the C++ source in a ```cpp block)");
  if (code.find("__global__") != std::string::npos || code.find("<<<") != std::string::npos)
    throw MalformedReply("the reference must be plain C++ for the CPU: no __global__ functions or launches");
  return code;
}

json parse_doc(const std::string& content, const synth::KernelInput& kernel, const json& contract) {
  json j = parse_json_reply(content);
  const std::string where = "doc";
  json doc = {{"summary", require_string(j, "summary", where)}, {"launch", require_string(j, "launch", where)}};
  std::vector<std::string> names;
  json params = json::array();
  const json& given = require_array(j, "params", where);
  for (std::size_t i = 0; i < given.size(); ++i) {
    const json& p = given[i];
    if (!p.is_object() || !p.contains("name") || !p["name"].is_string())
      throw MalformedReply(where + ": every entry of params needs a name");
    json entry = {{"name", p["name"]}, {"description", p.value("description", "")}};
    // Role, type and shape come from the contract: one source for the facts.
    if (contract.contains("params") && i < contract["params"].size()) {
      const json& c = contract["params"][i];
      for (const char* k : {"role", "type", "shape"})
        if (c.contains(k)) entry[k] = c[k];
    }
    names.push_back(p["name"].get<std::string>());
    params.push_back(entry);
  }
  check_param_names(names, kernel, where + ".params");
  doc["params"] = params;
  return doc;
}

}  // namespace kq::llm
