#include "testgen/launch_sites.hpp"

#include "core/text.hpp"
#include "testgen/site_callers.hpp"
#include "testgen/source_facts.hpp"

namespace kq::testgen {
namespace {

using nlohmann::json;

// Splits on top-level commas (not inside (), <>, {}, []).
std::vector<std::string> split_top(const std::string& s) { return split_top_level(s, "(<{[", ")>}]"); }

std::string text_of(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  return "";
}

std::string field(const json& j, std::initializer_list<const char*> names) {
  for (auto* n : names)
    if (j.contains(n)) return text_of(j[n]);
  return "";
}

std::vector<std::string> string_list(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j) out.push_back(e.is_string() ? e.get<std::string>() : e.dump());
  return out;
}

}  // namespace

std::vector<std::string> split_template_args(const std::string& text) {
  auto lt = text.find('<');
  auto gt = text.rfind('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) return {};
  return split_top(text.substr(lt + 1, gt - lt - 1));
}

std::vector<LaunchSite> read_launch_sites(const json& launches) {
  std::vector<LaunchSite> sites;
  if (!launches.is_array()) return sites;
  for (const auto& l : launches) {
    LaunchSite s;
    if (l.is_string()) {
      // "name<<<grid, block, shared>>>(...)" as written.
      std::string t = l.get<std::string>();
      auto b = t.find("<<<"), e = t.find(">>>");
      if (b != std::string::npos && e != std::string::npos) {
        auto parts = split_top(t.substr(b + 3, e - b - 3));
        if (parts.size() > 0) s.grid = parts[0];
        if (parts.size() > 1) s.block = parts[1];
        if (parts.size() > 2) s.shared = parts[2];
        s.template_args = split_template_args(t.substr(0, b));
        auto open = t.find('(', e);
        auto close = t.rfind(')');
        if (open != std::string::npos && close != std::string::npos && close > open)
          s.args = split_top(t.substr(open + 1, close - open - 1));
      }
      sites.push_back(s);
      continue;
    }
    if (!l.is_object()) continue;
    s.grid = field(l, {"grid", "grid_expr", "blocks"});
    s.block = field(l, {"block", "block_expr", "threads"});
    s.shared = field(l, {"shared", "shared_bytes", "smem", "shared_expr"});
    if (l.contains("config") && l["config"].is_array()) {
      auto c = string_list(l["config"]);
      if (c.size() > 0 && s.grid.empty()) s.grid = c[0];
      if (c.size() > 1 && s.block.empty()) s.block = c[1];
      if (c.size() > 2 && s.shared.empty()) s.shared = c[2];
    }
    if (l.contains("args")) s.args = string_list(l["args"]);
    if (l.contains("context") && l["context"].is_string()) s.context = l["context"].get<std::string>();
    if (l.contains("function_params")) s.function_params = string_list(l["function_params"]);
    if (l.contains("callers") && l["callers"].is_array())
      for (const auto& c : l["callers"]) {
        if (!c.is_object()) continue;
        SiteCaller caller;
        if (c.contains("args")) caller.args = string_list(c["args"]);
        if (c.contains("context") && c["context"].is_string()) caller.context = c["context"].get<std::string>();
        s.callers.push_back(std::move(caller));
      }
    if (l.contains("template_args")) {
      const auto& t = l["template_args"];
      s.template_args = t.is_string() ? split_template_args(t.get<std::string>()) : string_list(t);
    }
    for (auto& lifted : lift_through_callers(s)) sites.push_back(std::move(lifted));
    sites.push_back(s);
  }
  return sites;
}

std::vector<std::vector<std::string>> read_instantiations(const json& inst) {
  std::vector<std::vector<std::string>> out;
  if (!inst.is_array()) return out;
  for (const auto& i : inst) {
    if (i.is_string()) {
      auto args = split_template_args(i.get<std::string>());
      if (!args.empty()) out.push_back(args);
    } else if (i.is_array()) {
      out.push_back(string_list(i));
    } else if (i.is_object()) {
      for (const char* k : {"template_args", "args", "arguments"})
        if (i.contains(k) && i[k].is_array()) {
          out.push_back(string_list(i[k]));
          break;
        }
      if (i.contains("text") && i["text"].is_string()) {
        auto args = split_template_args(i["text"].get<std::string>());
        if (!args.empty()) out.push_back(args);
      }
    }
  }
  return out;
}

std::optional<std::array<unsigned, 3>> resolve_dims(const std::string& text, const std::string& unit_source) {
  std::string t = trim(text);
  if (t.empty()) return std::nullopt;
  if (t.rfind("dim3", 0) == 0) t = trim(t.substr(4));
  if (!t.empty() && (t.front() == '(' || t.front() == '{') && (t.back() == ')' || t.back() == '}'))
    t = t.substr(1, t.size() - 2);
  auto parts = split_top(t);
  if (parts.empty() || parts.size() > 3) return std::nullopt;
  std::array<unsigned, 3> d{1, 1, 1};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto v = int_constant(unit_source, parts[i]);
    if (!v || *v <= 0 || *v > 1024) return std::nullopt;
    d[i] = static_cast<unsigned>(*v);
  }
  return d;
}

}  // namespace kq::testgen
