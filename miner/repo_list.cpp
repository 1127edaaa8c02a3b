#include "miner/repo_list.hpp"

#include <charconv>
#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"
#include "miner/repo_name.hpp"

namespace kq::miner {
namespace fs = std::filesystem;
namespace {

bool starts_with_scheme(std::string_view s) {
  auto p = s.find("://");
  if (p == std::string_view::npos || p == 0) return false;
  for (char c : s.substr(0, p))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  return true;
}

// `user@host:path`, as ssh and git understand it (no scheme, a colon before any slash).
bool is_scp_like(std::string_view s) {
  static const std::regex re(R"(^[A-Za-z0-9._~-]+@[A-Za-z0-9._-]+:.*)");
  return !starts_with_scheme(s) && std::regex_match(std::string(s), re);
}

void check_scheme(std::string_view s) {
  auto scheme = s.substr(0, s.find("://"));
  for (std::string_view ok : {"https", "http", "ssh", "git", "file", "git+ssh", "ssh+git"})
    if (scheme == ok) return;
  throw UsageError("unsupported URL scheme '" + std::string(scheme) +
                   "://' (use https, http, ssh, git, file or a local path)");
}

// Index where the repository path starts: after "scheme://authority" for URLs,
// after "host:" for the ssh shorthand, 0 for local paths. An '@' before it
// belongs to credentials, never to a ref.
std::size_t path_start(std::string_view s) {
  if (starts_with_scheme(s)) {
    auto after = s.find("://") + 3;
    if (s.substr(0, after) == "file://") return after;
    auto slash = s.find('/', after);
    return slash == std::string_view::npos ? s.size() : slash;
  }
  if (is_scp_like(s)) return s.find(':') + 1;
  return 0;
}

// Splits "LOCATION@REF". The '@' must lie in the path part; for a local path
// that exists as written, no split happens at all.
std::pair<std::string, std::string> split_ref(const std::string& text, const fs::path& base_dir) {
  auto start = path_start(text);
  auto at = text.rfind('@');
  if (at == std::string::npos || at < start) return {text, ""};
  if (start == 0 && !starts_with_scheme(text)) {
    fs::path p(text);
    std::error_code ec;
    if (fs::exists(p.is_absolute() ? p : base_dir / p, ec)) return {text, ""};
  }
  auto location = text.substr(0, at);
  auto ref = text.substr(at + 1);
  if (ref.empty()) throw UsageError("'" + text + "': empty ref after '@'");
  if (location.empty() || location.size() == start) throw UsageError("'" + text + "': missing location before '@'");
  return {location, ref};
}

RepoEntry make_entry(const std::string& location, const std::string& ref, const std::string& name,
                     const fs::path& base_dir) {
  if (location.empty()) throw UsageError("empty repository location");
  if (location.find_first_of(" \t") != std::string::npos && (starts_with_scheme(location) || is_scp_like(location)))
    throw UsageError("'" + location + "': whitespace inside a URL");
  RepoEntry e;
  e.ref = ref;
  if (starts_with_scheme(location)) {
    check_scheme(location);
    e.kind = SourceKind::Remote;
    e.url = location;
  } else if (is_scp_like(location)) {
    e.kind = SourceKind::Remote;
    e.url = location;
  } else {
    e.kind = SourceKind::LocalPath;
    fs::path p(location);
    if (p.is_relative()) p = base_dir / p;
    std::error_code ec;
    auto canon = fs::weakly_canonical(p, ec);
    e.url = (ec ? p.lexically_normal() : canon).string();
    while (e.url.size() > 1 && e.url.back() == '/') e.url.pop_back();
  }
  if (!name.empty()) e.name = default_repo_name(name);
  else e.name = e.kind == SourceKind::LocalPath ? local_repo_name(e.url) : default_repo_name(e.url);
  return e;
}

std::string json_string_field(const nlohmann::json& j, const char* key, bool required) {
  if (!j.contains(key)) {
    if (required) throw UsageError(std::string("JSON entry without \"") + key + "\"");
    return {};
  }
  if (!j[key].is_string()) throw UsageError(std::string("JSON field \"") + key + "\" must be a string");
  return j[key].get<std::string>();
}

RepoEntry parse_json_line(std::string_view line, const fs::path& base_dir) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError(std::string("invalid JSON: ") + e.what());
  }
  if (!j.is_object()) throw UsageError("JSON entry must be an object");
  for (const auto& [key, value] : j.items())
    if (key != "url" && key != "ref" && key != "name")
      throw UsageError("unknown JSON field \"" + key + "\" (known: url, ref, name)");
  return make_entry(trim(json_string_field(j, "url", true)), json_string_field(j, "ref", false),
                    json_string_field(j, "name", false), base_dir);
}

}  // namespace

std::string default_repo_name(std::string_view location) {
  std::string s(location);
  while (!s.empty() && (s.back() == '/' || s.back() == '\\')) s.pop_back();
  auto cut = s.find_last_of("/:");
  if (cut != std::string::npos) s = s.substr(cut + 1);
  if (s.size() > 4 && s.ends_with(".git")) s.resize(s.size() - 4);
  std::string out;
  for (char c : s)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
  if (out.empty() || out == "." || out == "..") out = "repo";
  return out;
}

RepoEntry parse_repo_line(std::string_view raw, const fs::path& base_dir) {
  auto line = trim(raw);
  if (line.empty()) throw UsageError("empty entry");
  if (line.front() == '{') return parse_json_line(line, base_dir);
  if (line.find_first_of(" \t") != std::string::npos)
    throw UsageError("'" + line + "': one location a line (whitespace found)");
  auto [location, ref] = split_ref(line, base_dir);
  return make_entry(location, ref, "", base_dir);
}

std::vector<RepoEntry> parse_repo_list(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw UsageError("cannot read repository list '" + file.string() + "'");
  auto base_dir = fs::absolute(file).parent_path();
  std::vector<RepoEntry> entries;
  std::map<std::string, std::string> seen;  // url -> origin
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    auto origin = file.string() + ":" + std::to_string(number);
    // Entries are URLs and paths that name things on disk: decoding would
    // change what they name, so bytes that are not UTF-8 are refused.
    if (!is_valid_utf8(t)) throw UsageError(origin + ": '" + to_utf8(t) + "' is not UTF-8 text");
    RepoEntry e;
    try {
      e = parse_repo_line(t, base_dir);
    } catch (const UsageError& err) {
      throw UsageError(origin + ": " + err.what());
    }
    e.origin = origin;
    auto [it, fresh] = seen.emplace(e.url, origin);
    if (!fresh) throw UsageError(origin + ": '" + e.url + "' is already listed at " + it->second);
    entries.push_back(std::move(e));
  }
  make_names_unique(entries);
  return entries;
}

std::vector<RepoEntry> select_shard(const std::vector<RepoEntry>& entries, unsigned k, unsigned n) {
  std::vector<RepoEntry> out;
  for (const auto& e : entries)
    if (stable_shard(e.url, n) == k) out.push_back(e);
  return out;
}

std::pair<unsigned, unsigned> parse_shard(std::string_view text) {
  auto slash = text.find('/');
  unsigned k = 0, n = 0;
  auto bad = [&] { return UsageError("--shard '" + std::string(text) + "': expected K/N with 0 <= K < N"); };
  if (slash == std::string_view::npos) throw bad();
  auto a = text.substr(0, slash), b = text.substr(slash + 1);
  if (std::from_chars(a.data(), a.data() + a.size(), k).ptr != a.data() + a.size() || a.empty()) throw bad();
  if (std::from_chars(b.data(), b.data() + b.size(), n).ptr != b.data() + b.size() || b.empty()) throw bad();
  if (n == 0 || k >= n) throw bad();
  return {k, n};
}

}  // namespace kq::miner
