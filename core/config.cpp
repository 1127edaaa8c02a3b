#include "core/config.hpp"

#include <toml++/toml.h>

#include <cctype>
#include <cstdlib>
#include <sstream>

#include "core/error.hpp"
#include "core/paths.hpp"

namespace kq {
namespace {

bool is_known(std::string_view key) {
  for (const auto& k : config_keys())
    if (k.name == key) return true;
  return false;
}

std::string toml_to_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (auto i = node.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = node.value_exact<double>()) {
    std::ostringstream os;
    os << *d;
    return os.str();
  }
  if (auto arr = node.as_array()) {
    std::string out;
    for (const auto& el : *arr) {
      if (!out.empty()) out += ",";
      out += toml_to_text(el);
    }
    return out;
  }
  throw UsageError("unsupported value type");
}

void flatten(const toml::table& table, const std::string& prefix,
             std::vector<std::pair<std::string, const toml::node*>>& out) {
  for (const auto& [k, v] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (auto sub = v.as_table()) {
      flatten(*sub, key, out);
    } else {
      out.emplace_back(key, &v);
    }
  }
}

}  // namespace

std::string_view to_string(ConfigOrigin o) {
  switch (o) {
    case ConfigOrigin::Default: return "default";
    case ConfigOrigin::File: return "file";
    case ConfigOrigin::Environment: return "environment";
    case ConfigOrigin::CommandLine: return "command line";
  }
  return "unknown";
}

bool is_path_key(std::string_view key) {
  for (const auto& k : config_keys())
    if (k.name == key) return k.is_path;
  return false;
}

std::string config_env_name(std::string_view key) {
  std::string out = "KQ_";
  for (char c : key) out += (c == '.') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Config::Config() {
  for (const auto& k : config_keys())
    values_[k.name] = ConfigValue{k.default_value, ConfigOrigin::Default, "built-in"};
}

Config Config::load(const std::filesystem::path& toml_file, bool file_required) {
  Config c;
  std::error_code ec;
  if (std::filesystem::exists(toml_file, ec)) {
    c.apply_toml(toml_file);
  } else if (file_required) {
    throw UsageError("config file '" + toml_file.string() + "' does not exist");
  }
  c.apply_environment();
  return c;
}

void Config::apply_toml(const std::filesystem::path& file) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << "config file '" << file.string() << "': " << e.description() << " at line "
       << e.source().begin.line;
    throw UsageError(os.str());
  }
  std::vector<std::pair<std::string, const toml::node*>> flat;
  flatten(table, "", flat);
  for (const auto& [key, node] : flat) {
    if (!is_known(key))
      throw UsageError("config file '" + file.string() + "': unknown key '" + key +
                       "' (see `kquarry config show`)");
    try {
      set(key, toml_to_text(*node), ConfigOrigin::File, file.string());
    } catch (const UsageError& e) {
      throw UsageError("config file '" + file.string() + "': key '" + key + "': " + e.what());
    }
  }
}

void Config::apply_environment() {
  for (const auto& k : config_keys()) {
    auto name = config_env_name(k.name);
    if (const char* v = std::getenv(name.c_str())) set(k.name, v, ConfigOrigin::Environment, name);
  }
  // The ecosystem's own variables, for keys that nothing else has set.
  // (llm.api_key_env already defaults to OPENAI_API_KEY.)
  static const std::pair<const char*, const char*> conventional[] = {{"llm.base_url", "OPENAI_BASE_URL"}};
  for (const auto& [key, variable] : conventional) {
    const char* v = std::getenv(variable);
    if (v && *v && entry(key).origin == ConfigOrigin::Default) set(key, v, ConfigOrigin::Environment, variable);
  }
}

void Config::set(std::string_view key, std::string value, ConfigOrigin origin, std::string source) {
  auto it = values_.find(key);
  if (it == values_.end()) throw UsageError("unknown configuration key '" + std::string(key) + "'");
  if (is_path_key(key) && !value.empty()) {
    // A path in a file is relative to that file; one from a flag or the
    // environment, to the current folder.
    auto base = origin == ConfigOrigin::File ? std::filesystem::path(source).parent_path() : std::filesystem::path();
    value = absolute_path(value, base).string();
  }
  it->second = ConfigValue{std::move(value), origin, std::move(source)};
}

const ConfigValue& Config::entry(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw Error("unknown configuration key '" + std::string(key) + "'");
  return it->second;
}

const std::string& Config::get(std::string_view key) const { return entry(key).value; }

long long Config::get_int(std::string_view key) const {
  const auto& e = entry(key);
  try {
    std::size_t pos = 0;
    long long v = std::stoll(e.value, &pos);
    if (pos != e.value.size()) throw std::invalid_argument("trailing text");
    return v;
  } catch (const std::exception&) {
    throw UsageError("configuration '" + std::string(key) + "' = '" + e.value + "' (from " +
                     e.source + ") is not an integer");
  }
}

double Config::get_double(std::string_view key) const {
  const auto& e = entry(key);
  try {
    return std::stod(e.value);
  } catch (const std::exception&) {
    throw UsageError("configuration '" + std::string(key) + "' = '" + e.value + "' (from " +
                     e.source + ") is not a number");
  }
}

bool Config::get_bool(std::string_view key) const {
  const auto& v = entry(key).value;
  if (v == "true" || v == "1" || v == "on" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "off" || v == "no" || v.empty()) return false;
  throw UsageError("configuration '" + std::string(key) + "' = '" + v + "' is not a boolean");
}

std::vector<std::string> Config::get_list(std::string_view key) const {
  std::vector<std::string> out;
  std::stringstream ss(get(key));
  std::string item;
  while (std::getline(ss, item, ',')) {
    auto b = item.find_first_not_of(" \t");
    auto e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

}  // namespace kq
