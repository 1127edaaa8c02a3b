#include "testgen/site_facts.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <regex>

#include "core/text.hpp"
#include "testgen/allocations.hpp"
#include "testgen/expr.hpp"
#include "testgen/site_locals.hpp"

namespace kq::testgen {
namespace {

constexpr int kSamples = 6;

using Values = std::vector<long long>;  // one value per sample

std::uint64_t mix(std::string_view name, int sample) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  h ^= static_cast<std::uint64_t>(sample + 1) * 0x9E3779B97F4A7C15ULL;
  h *= 0xff51afd7ed558ccdULL;
  return h ^ (h >> 33);
}

// Sample values of every free variable: a function of its name alone, so a
// variable has one value across all formulas of a sample. A tensor's numel()
// is the product of the extents the site reads of it, when it reads two or
// more (one extent read says nothing of the others).
class Sampler {
 public:
  explicit Sampler(const std::set<std::string>& vocabulary) {
    for (int s = 0; s < kSamples; ++s) {
      Bindings b;
      for (const auto& v : vocabulary) b[v] = 3 + static_cast<long long>(mix(v, s) % 29);
      for (const auto& v : vocabulary) {
        if (!v.ends_with("__numel")) continue;
        std::string tensor = v.substr(0, v.size() - 7);
        long long product = 1;
        int extents = 0;
        for (const auto& w : vocabulary)
          if (w.starts_with(tensor + "__size")) product *= b[w], ++extents;
        if (extents >= 2) b[v] = product;
      }
      samples_.push_back(std::move(b));
    }
  }

  std::optional<Values> eval(const std::string& formula) const {
    Values out;
    for (const auto& b : samples_) {
      auto v = eval_size(formula, b);
      if (!v) return std::nullopt;
      out.push_back(*v);
    }
    return out;
  }

 private:
  std::vector<Bindings> samples_;
};

bool constant(const Values& v) {
  for (long long x : v)
    if (x != v.front()) return false;
  return true;
}

bool powers_of_two(const Values& v) {
  for (long long x : v)
    if (x <= 0 || (x & (x - 1)) != 0) return false;
  return true;
}

struct Known {
  std::string name;
  Values values;
};

// The simplest formula over `terms` equal to `target` at every sample:
// q, q + c, q - r, q + r, k*q, q*r, k*q*r, q*r*s; "" when none.
std::string match_formula(const Values& target, const std::vector<Known>& terms) {
  auto all = [&](auto&& pred) {
    for (int s = 0; s < kSamples; ++s)
      if (!pred(s)) return false;
    return true;
  };
  for (const auto& q : terms)
    if (all([&](int s) { return q.values[s] == target[s]; })) return q.name;
  for (const auto& q : terms) {
    long long c = target[0] - q.values[0];
    if (c != 0 && std::llabs(c) <= 65536 && all([&](int s) { return q.values[s] + c == target[s]; }))
      return q.name + (c > 0 ? "+" : "") + std::to_string(c);
  }
  for (const auto& q : terms)
    for (const auto& r : terms) {
      if (q.name == r.name) continue;
      if (all([&](int s) { return q.values[s] - r.values[s] == target[s]; })) return q.name + "-" + r.name;
      if (q.name < r.name && all([&](int s) { return q.values[s] + r.values[s] == target[s]; }))
        return q.name + "+" + r.name;
    }
  auto scaled = [&](const Values& p, const std::string& name) -> std::string {
    if (p[0] == 0 || target[0] % p[0] != 0) return "";
    long long k = target[0] / p[0];
    if (k < 1 || k > 64) return "";
    if (!all([&](int s) { return p[s] * k == target[s]; })) return "";
    return k == 1 ? name : std::to_string(k) + "*" + name;
  };
  for (const auto& q : terms)
    if (auto f = scaled(q.values, q.name); !f.empty()) return f;
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (std::size_t j = i; j < terms.size(); ++j) {
      Values p(kSamples);
      for (int s = 0; s < kSamples; ++s) p[s] = terms[i].values[s] * terms[j].values[s];
      if (auto f = scaled(p, terms[i].name + "*" + terms[j].name); !f.empty()) return f;
    }
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (std::size_t j = i + 1; j < terms.size(); ++j)
      for (std::size_t k = j + 1; k < terms.size(); ++k) {
        Values p(kSamples);
        for (int s = 0; s < kSamples; ++s) p[s] = terms[i].values[s] * terms[j].values[s] * terms[k].values[s];
        if (auto f = scaled(p, terms[i].name + "*" + terms[j].name + "*" + terms[k].name); !f.empty()) return f;
      }
  return "";
}

// A floating-point literal the argument names, through the site's locals.
std::optional<double> float_literal(std::string text, const LaunchSite& site) {
  auto locals = read_site_locals(site.context);
  for (int depth = 0; depth < 4; ++depth) {
    text = trim(text);
    while (text.size() > 2 && text.front() == '(' && text.back() == ')') text = trim(text.substr(1, text.size() - 2));
    auto it = locals.scalars.find(text);
    if (it == locals.scalars.end()) break;
    text = it->second;
  }
  if (text.empty()) return std::nullopt;
  std::string t = text;
  if (t.back() == 'f' || t.back() == 'F') t.pop_back();
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool plain_variable(std::string f) {
  while (f.size() > 2 && f.front() == '(' && f.back() == ')') f = f.substr(1, f.size() - 2);
  auto ids = expr_identifiers(f);
  return ids.size() == 1 && trim(f) == ids.front();
}

// The host loop whose variable `var` is: `for (t = A; t < L; t += S)`.
struct HostLoop {
  std::string limit;  // L as a free formula (`<=` gives L + 1)
  long long step = 1;
  long long start = 0;
};

std::optional<HostLoop> host_loop(const std::string& context, const std::string& var, const std::string& unit) {
  if (var.empty() || expr_identifiers(var).size() != 1 || expr_identifiers(var)[0] != var) return std::nullopt;
  const std::regex loop(R"(for\s*\(\s*(?:(?:unsigned\s+|const\s+)?(?:int|long|size_t|unsigned)\s+)?)" + var +
                        R"(\s*=\s*(\d+)\s*;\s*)" + var + R"(\s*(<=?)\s*([^;]+);\s*([^)]*)\))");
  std::smatch m;
  if (!std::regex_search(context, m, loop)) return std::nullopt;
  LaunchSite probe;
  probe.context = context.substr(0, static_cast<std::size_t>(m.position()));
  auto f = site_free_formula(m[3].str(), probe, unit);
  if (!f) return std::nullopt;
  HostLoop out{m[2].str() == "<=" ? "(" + *f + ")+1" : *f, 1, std::stoll(m[1].str())};
  std::smatch st;
  const std::regex stride(var + R"(\s*\+=\s*(\w+))");
  std::string update = m[4].str();
  if (std::regex_search(update, st, stride)) {
    auto k = eval_size(site_free_formula(st[1].str(), probe, unit).value_or(""), {});
    if (!k || *k < 1) return std::nullopt;
    out.step = *k;
  }
  return out;
}

// One site's reading: the formulas of its arguments and allocations, then
// the relations among integer parameters, then the buffers' counts.
class SiteReader {
 public:
  SiteReader(const LaunchSite& site, const std::string& unit, const FactsQuery& q) : site_(site), unit_(unit), q_(q) {
    facts_.through_caller = site.through_caller;
    std::set<std::string> vocabulary;
    for (std::size_t i = 0; i < q.params.size() && i < site.args.size(); ++i) {
      // 0 and ±1 would hide a kernel that ignores the value from its tests
      // (x * a against x), so the planner's own choice stays for them.
      if (q.floating[i])
        if (auto v = float_literal(site.args[i], site); v && *v != 0 && std::fabs(*v) != 1)
          facts_.values[q.params[i]] = *v;
      std::optional<std::string> f;
      if (q.integer[i]) {
        if ((f = site_free_formula(site.args[i], site, unit))) formulas_[q.params[i]] = *f;
      } else if (q.elem_bytes[i]) {
        auto a = site_allocation(site, i);
        if (a && (f = site_free_formula(a->size, site, unit))) allocations_[q.params[i]] = {*f, a->bytes, a->how};
      }
      if (f)
        for (const auto& id : expr_identifiers(*f)) vocabulary.insert(id);
    }
    sampler_.emplace(vocabulary);
  }

  SiteFacts read() {
    relate_in_order();
    relate_loop_variables();
    relate_composites();
    free_.insert(free_.end(), loop_terms_.begin(), loop_terms_.end());
    for (std::size_t i = 0; i < q_.params.size(); ++i) count_buffer(i);
    return std::move(facts_);
  }

 private:
  std::vector<Known> others_than(const std::string& name, std::vector<Known> out = {}) const {
    for (const auto& o : free_)
      if (o.name != name) out.push_back(o);
    return out;
  }

  // Constants, powers of two, and parameters equal to or made of earlier
  // ones that stay free; a host loop's variable is left to its loop.
  void relate_in_order() {
    for (const auto& name : q_.params) {
      auto it = formulas_.find(name);
      if (it == formulas_.end()) continue;
      auto v = sampler_->eval(it->second);
      if (!v) continue;
      if (constant(*v)) {
        facts_.values[name] = v->front();
        continue;
      }
      if (powers_of_two(*v)) facts_.pow2.insert(name);
      bool loop_variable = host_loop(site_.context, it->second, unit_).has_value();
      if (auto rel = loop_variable ? "" : match_formula(*v, free_); !rel.empty()) facts_.relations[name] = rel;
      else free_.push_back({name, *v});
    }
  }

  // A host loop's variable (`for (t = 0; t < Size - 1; t++) k<<<...>>>(..., t)`)
  // takes one value of its range, in the middle, as a relation to the sizes.
  void relate_loop_variables() {
    for (auto it = free_.begin(); it != free_.end();) {
      auto loop = host_loop(site_.context, formulas_[it->name], unit_);
      std::optional<Values> lv = loop ? sampler_->eval(loop->limit) : std::nullopt;
      std::string rel = lv ? match_formula(*lv, others_than(it->name)) : "";
      if (rel.empty()) {
        ++it;
        continue;
      }
      // The middle of A, A + S, A + 2S, ... below the limit (A when the range is empty).
      std::string a = std::to_string(loop->start), k = std::to_string(loop->step);
      std::string half = "max(0, (" + rel + "-1-" + a + ")/2)";
      facts_.relations[it->name] = loop->step == 1 ? a + "+" + half : a + "+" + half + "/" + k + "*" + k;
      loop_terms_.push_back(*it);
      it = free_.erase(it);
    }
  }

  // A parameter made of others that come later (n before rows and cols, or
  // j = Size - t before t). Only one the host computes is derived: a plain
  // variable it passes (Size) is where the others come from.
  void relate_composites() {
    for (auto it = free_.begin(); it != free_.end();) {
      std::string rel = plain_variable(formulas_[it->name]) ? "" : match_formula(it->values, others_than(it->name, loop_terms_));
      bool composite = rel.find_first_of("*+-") != std::string::npos && rel.find_first_of("0123456789") == std::string::npos;
      if (!composite) {
        ++it;
        continue;
      }
      facts_.relations[it->name] = rel;
      it = free_.erase(it);
    }
  }

  void count_buffer(std::size_t i) {
    auto it = allocations_.find(q_.params[i]);
    if (it == allocations_.end()) return;
    auto count = sampler_->eval(it->second.size);
    if (!count || (it->second.bytes && q_.elem_bytes[i] == 0)) return;
    if (it->second.bytes)
      for (auto& c : *count) {
        if (c % static_cast<long long>(q_.elem_bytes[i]) != 0) return;  // not whole elements
        c /= static_cast<long long>(q_.elem_bytes[i]);
      }
    if (constant(*count) && expr_identifiers(it->second.size).empty()) {
      // A fixed size next to a fixed integer argument may be that argument's
      // size (n = 1024 and 1024 elements): the cases vary n, so it is no count.
      bool fixed_argument = false;
      for (const auto& [name, f] : formulas_) fixed_argument |= expr_identifiers(f).empty();
      if (count->front() > 0 && !fixed_argument) facts_.counts[q_.params[i]] = std::to_string(count->front());
      return;
    }
    std::vector<Known> terms = free_;
    for (const auto& [name, rel] : facts_.relations)
      if (auto v = sampler_->eval(formulas_[name])) terms.insert(terms.begin(), Known{name, *v});
    if (auto f = match_formula(*count, terms); !f.empty()) facts_.counts[q_.params[i]] = f;
  }

  const LaunchSite& site_;
  const std::string& unit_;
  const FactsQuery& q_;
  SiteFacts facts_;
  std::map<std::string, std::string> formulas_;   // integer parameter -> its value
  std::map<std::string, Allocation> allocations_;  // buffer -> its allocation, size as a formula
  std::optional<Sampler> sampler_;
  std::vector<Known> free_;        // integer parameters that vary with the host's variables
  std::vector<Known> loop_terms_;  // host loop variables, related to the sizes
};

}  // namespace

SiteFacts site_facts(const LaunchSite& site, const std::string& unit_source, const FactsQuery& q) {
  return SiteReader(site, unit_source, q).read();
}

SiteFacts best_site_facts(const std::vector<LaunchSite>& sites, const std::string& unit_source,
                          const FactsQuery& query) {
  SiteFacts best;
  for (const auto& s : sites) {
    auto f = site_facts(s, unit_source, query);
    if (f.weight() > best.weight()) best = std::move(f);
  }
  return best;
}

}  // namespace kq::testgen
