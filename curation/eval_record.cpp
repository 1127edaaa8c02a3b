#include "curation/eval_record.hpp"

#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kq::curation {

using nlohmann::json;

std::set<std::string> expected_case_names(const std::string& harness) {
  static const std::regex test(R"(\bTEST\(\s*(\w+)\s*,\s*(\w+)\s*\))");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(harness.begin(), harness.end(), test); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str() + "." + (*it)[2].str());
  return out;
}

namespace {

RecordVerdict failed(const std::string& reason) {
  RecordVerdict v;
  v.reason = reason;
  return v;
}

std::string listed(const std::set<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

RecordVerdict read_result_record(const std::filesystem::path& file, const std::string& nonce,
                                 const std::set<std::string>& expected) {
  std::ifstream in(file);
  if (!in) return failed("no result record: the program ended before the harness wrote it");
  std::stringstream ss;
  ss << in.rdbuf();
  json r = json::parse(ss.str(), nullptr, false);
  if (r.is_discarded() || !r.is_object() || !r.contains("cases") || !r["cases"].is_array())
    return failed("result record unreadable (not the harness's JSON)");
  if (r.value("nonce", "") != nonce) return failed("result record without this run's nonce (forged or stale)");
  std::set<std::string> seen, failing;
  for (const auto& c : r["cases"]) {
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) return failed("result record: a case without a name");
    std::string name = c["name"];
    if (!seen.insert(name).second) return failed("result record names case " + name + " twice");
    if (!expected.count(name)) return failed("result record has a case the test does not: " + name);
    if (!(c.contains("passed") && c["passed"].is_boolean() && c["passed"].get<bool>())) failing.insert(name);
  }
  std::set<std::string> missing;
  for (const auto& e : expected)
    if (!seen.count(e)) missing.insert(e);
  if (!missing.empty()) return failed("result record lacks case(s) " + listed(missing));
  if (!failing.empty()) return failed("case(s) failed: " + listed(failing));
  RecordVerdict v;
  v.passed = true;
  for (const auto& t : r.value("timing", json::array())) {
    RecordTiming rt;
    rt.name = t.value("name", "");
    rt.candidate_us = t.value("candidate_us", 0.0);
    rt.reference_us = t.value("reference_us", 0.0);
    rt.reference2_us = t.value("reference2_us", 0.0);
    rt.repeats = t.value("repeats", 1);
    rt.trials = t.value("trials", 0);
    v.timing.push_back(rt);
  }
  return v;
}

std::string make_nonce() {
  std::random_device rd;
  char buf[33];
  std::snprintf(buf, sizeof buf, "%08x%08x%08x%08x", rd(), rd(), rd(), rd());
  return buf;
}

std::uint64_t make_seed() {
  std::random_device rd;
  std::uint64_t s = 0;
  while (s == 0) s = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  return s;
}

}  // namespace kq::curation
