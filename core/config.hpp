#pragma once
// Effective configuration: built-in defaults, then kquarry.toml, then KQ_*
// environment variables, then command-line flags, in rising precedence. Every
// value remembers where it came from, so `kquarry config show` can say.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kq {

enum class ConfigOrigin { Default, File, Environment, CommandLine };
std::string_view to_string(ConfigOrigin o);

struct ConfigKey {
  std::string name;           // dotted: "llm.base_url"
  std::string default_value;  // as text; lists are comma-separated
  std::string help;
  bool is_path = false;       // resolved to an absolute path when set
};

// The table of every known key (core/config_keys.cpp).
const std::vector<ConfigKey>& config_keys();

bool is_path_key(std::string_view key);

// "llm.base_url" -> "KQ_LLM_BASE_URL"
std::string config_env_name(std::string_view key);

struct ConfigValue {
  std::string value;
  ConfigOrigin origin = ConfigOrigin::Default;
  std::string source;  // file path, variable name or flag
};

class Config {
 public:
  Config();  // defaults only

  // Applies the TOML file (when it exists; a file named explicitly must exist)
  // and then the environment. Unknown keys in the file are a UsageError.
  static Config load(const std::filesystem::path& toml_file, bool file_required);

  void apply_toml(const std::filesystem::path& file);
  void apply_environment();
  void set(std::string_view key, std::string value, ConfigOrigin origin, std::string source);

  const std::string& get(std::string_view key) const;
  long long get_int(std::string_view key) const;
  double get_double(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  std::vector<std::string> get_list(std::string_view key) const;
  const ConfigValue& entry(std::string_view key) const;
  const std::map<std::string, ConfigValue, std::less<>>& entries() const { return values_; }

 private:
  std::map<std::string, ConfigValue, std::less<>> values_;
};

}  // namespace kq
