#include "synth/stage_common.hpp"

#include "core/error.hpp"
#include "db/kernels.hpp"
#include "db/stage_events.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

json parse_or(const std::string& text, json fallback) {
  if (text.empty()) return fallback;
  try {
    return json::parse(text);
  } catch (const json::parse_error&) {
    return fallback;
  }
}

// "unsupported: element type 'X' of ..." -> "unsupported: element type"
std::string reason_key(const std::string& reason) {
  std::string key = reason.substr(0, reason.find_first_of("'(\n0123456789"));
  while (!key.empty() && (key.back() == ' ' || key.back() == ':')) key.pop_back();
  return key.empty() ? reason.substr(0, 60) : key;
}

}  // namespace

StageOptions stage_options_from_config(const Config& config, const std::filesystem::path& cache_dir) {
  StageOptions o;
  o.synthesizer = config.get("synth.synthesizer");
  o.backends = config.get_list("verifier.backends");
  o.max_attempts = static_cast<int>(config.get_int("synth.max_attempts"));
  o.cache_dir = cache_dir;
  o.verifier = verify::VerifierOptions::from_config(config, cache_dir);
  o.config = &config;
  return o;
}

json StageReport::to_json() const {
  json ks = json::array();
  for (const auto& k : kernels)
    ks.push_back({{"kernel_id", k.kernel_id}, {"name", k.name}, {"status", k.status}, {"reason", k.reason},
                  {"synthesizer", k.synthesizer}, {"attempts", k.attempts}});
  return {{"stage", stage},       {"selected", selected},       {"ok", ok},
          {"failed", failed},     {"deferred", deferred},       {"budget_reached", !budget_reason.empty()},
          {"budget", budget_note()}, {"by_status", by_status},  {"top_reasons", top_reasons},
          {"backends", backends}, {"skipped_backends", skipped_backends}, {"kernels", ks}};
}

std::string StageReport::budget_note() const {
  if (budget_reason.empty()) return "";
  return budget_reason + "; " + std::to_string(deferred) + " kernel(s) left at their stage for a later run";
}

KernelInput load_kernel_input(db::Database& db, std::int64_t id) {
  auto k = db::kernel_by_id(db, id);
  if (!k) throw Error("kernel " + std::to_string(id) + " is not in the database");
  auto unit = db::kernel_unit(db, id);
  if (!unit) throw Error("kernel " + std::to_string(id) + " (" + k->name + ") has no standalone unit");
  auto analysis = db::kernel_analysis_json(db, id);
  if (!analysis) throw Error("kernel " + std::to_string(id) + " (" + k->name + ") has no analysis");
  KernelInput in;
  in.kernel_id = id;
  in.name = k->name;
  in.qualified_name = k->qualified_name;
  in.dialect = dialect_from_string(k->dialect).value_or(Dialect::Cuda);
  in.unit_source = unit->source;
  if (unit->hip_source && unit->hip_ok.value_or(false)) in.hip_unit_source = *unit->hip_source;
  in.kernel_source = k->source;
  in.signature = k->signature;
  in.comment = k->comment;
  in.analysis = analysis_from_json(parse_or(*analysis, json::object()));
  in.params = parse_or(k->params_json, json::array());
  in.template_params = parse_or(k->template_params_json, json::array());
  in.instantiations = parse_or(k->instantiations_json, json::array());
  in.launches = parse_or(k->launches_json, json::array());
  return in;
}

std::vector<std::int64_t> select_kernels(const std::filesystem::path& db_path, db::StageQueue queue,
                                         const StageOptions& o) {
  db::Database db(db_path);
  return db::stage_queue(db, queue, {o.retry_failed, o.kernel, o.limit});
}

void tally(StageReport& r, const KernelOutcome& k) {
  r.kernels.push_back(k);
  r.by_status[k.status]++;
  if (k.status == "ok") {
    r.ok++;
  } else if (k.status == kBudgetExhausted) {
    r.deferred++;
    if (r.budget_reason.empty()) r.budget_reason = k.reason;
  } else {
    r.failed++;
    r.top_reasons[reason_key(k.reason)]++;
  }
}

void record_stage_exception(const std::filesystem::path& db_path, std::int64_t kernel_id, Stage stage,
                            const std::exception& error, KernelOutcome& out) {
  out.kernel_id = kernel_id;
  out.status = "failed";
  out.reason = error.what();
  try {
    db::Database db(db_path);
    db::kernel_failed(db, kernel_id, stage, out.reason);
  } catch (const std::exception&) {
  }
}

}  // namespace kq::synth
