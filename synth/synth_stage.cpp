#include "synth/synth_stage.hpp"

#include <atomic>
#include <mutex>
#include <set>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "db/llm_calls.hpp"
#include "db/stage_events.hpp"
#include "db/syntheses.hpp"
#include "synth/synthesizer_factory.hpp"
#include "synth/verify_stage.hpp"
#include "testgen/cases.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::synth {
namespace {

using nlohmann::json;

std::string rendered_wrapper(const Synthesis& s, Dialect dialect) {
  if (s.cases.empty()) return "";
  try {
    wrapper_gen::WrapperOptions w;
    w.dialect = dialect;
    return wrapper_gen::render_wrapper(s.cases.front(), w);
  } catch (const std::exception&) {
    return "";  // the verifier reports the same problem when it runs the case
  }
}

db::SynthesisRow row_of(const KernelInput& k, const Synthesis& s, const std::optional<Feedback>& previous) {
  db::SynthesisRow r;
  r.kernel_id = k.kernel_id;
  r.synthesizer = s.synthesizer;
  r.attempt = s.attempt;
  r.wrapper = rendered_wrapper(s, k.dialect);
  r.golden = s.golden;
  r.tests = testgen::cases_to_json(s.cases).dump();
  json doc = s.doc;
  if (!s.extra.empty()) {
    doc["synthesis"] = s.extra;
  }
  r.doc_json = doc.dump();
  r.status = s.status;
  r.reason = s.reason;
  if (previous) r.feedback = json{{"attempt", previous->attempt}, {"stage", previous->stage},
                                  {"status", previous->status}, {"message", previous->message}}.dump();
  return r;
}

// One synthesizer instance per worker thread and name: model clients keep
// per-kernel conversations, so they are not shared across threads.
class SynthesizerCache {
 public:
  explicit SynthesizerCache(const StageOptions& o) : options_(o) {}
  Synthesizer& get(const std::string& name) {
    auto it = made_.find(name);
    if (it != made_.end()) return *it->second;
    static const Config defaults;
    FactoryContext c{options_.config ? *options_.config : defaults, options_.cache_dir, options_.verifier};
    return *(made_[name] = make_synthesizer(name, c));
  }

 private:
  const StageOptions& options_;
  std::map<std::string, std::unique_ptr<Synthesizer>> made_;
};

struct Attempts {
  bool ok = false;
  bool budget = false;  // stopped because the model budget is spent
  std::string reason;
  int count = 0;
};

// The synthesizers whose budget ran out during this stage: none of them is
// asked again, so the kernels left wait for a later run instead of failing.
class SpentBudgets {
 public:
  bool spent(const std::string& name) const {
    std::lock_guard lock(mu_);
    return names_.count(name) > 0;
  }
  void mark(const std::string& name, const std::string& reason) {
    std::lock_guard lock(mu_);
    names_.insert(name);
    if (reason_.empty()) reason_ = reason;
  }
  std::string reason() const {
    std::lock_guard lock(mu_);
    return reason_;
  }

 private:
  mutable std::mutex mu_;
  std::set<std::string> names_;
  std::string reason_;
};

// Runs one synthesizer on one kernel through its repair attempts.
Attempts run_synthesizer(db::Database& db, Synthesizer& synth, const KernelInput& input, const StageOptions& o,
                         bool verify_here) {
  Attempts a;
  std::optional<Feedback> previous;
  int max = synth.can_repair() ? std::max(1, o.max_attempts) : 1;
  for (int attempt = 1; attempt <= max; ++attempt) {
    Synthesis s = synth.synthesize(input, previous);
    s.attempt = attempt;
    if (s.synthesizer.empty()) s.synthesizer = synth.name();
    ++a.count;
    auto id = db.transaction([&] {
      auto sid = db::insert_synthesis(db, row_of(input, s, previous));
      db::store_llm_calls(db, sid, s.model_calls);
      return sid;
    });
    if (s.status == kBudgetExhausted) {
      a.budget = true;
      a.reason = s.reason;
      return a;
    }
    if (s.status != "ok") {
      a.reason = s.reason.empty() ? s.status : s.reason;
      if (s.status == "unsupported" || !synth.can_repair()) return a;
      previous = Feedback{attempt, "synthesis", s.status, a.reason};
      continue;
    }
    if (!verify_here) {
      a.ok = true;
      return a;
    }
    auto scratch = o.cache_dir / "synth-verify";
    std::filesystem::create_directories(scratch);
    auto dir = make_temp_dir(scratch, "k" + std::to_string(input.kernel_id) + "-");
    auto v = verify_synthesis(input, s.cases, s.golden, {"cpu-sim"}, o.verifier, dir);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (v.passed) {
      a.ok = true;
      return a;
    }
    a.reason = v.reason;
    db::update_synthesis_status(db, id, "failed", v.reason);
    if (!v.feedback) return a;
    previous = *v.feedback;
    previous->attempt = attempt;
  }
  return a;
}

// The kernel stays at its stage, with nothing recorded against it.
KernelOutcome& deferred(KernelOutcome& out, const std::string& reason) {
  out.status = kBudgetExhausted;
  out.reason = reason;
  return out;
}

KernelOutcome synthesize_kernel(const std::filesystem::path& db_path, std::int64_t id, const StageOptions& o,
                                SynthesizerCache& cache, SpentBudgets& spent) {
  KernelOutcome out;
  out.kernel_id = id;
  db::Database db(db_path);
  auto input = load_kernel_input(db, id);
  out.name = input.name;
  auto order = synthesizer_order(o.synthesizer);
  // In auto mode a builtin result is only kept when it verifies on cpu-sim;
  // otherwise the model gets its chance.
  bool auto_mode = o.synthesizer == "auto" && order.size() > 1;
  std::string reason;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (spent.spent(order[i])) return deferred(out, spent.reason());
    auto& synth = cache.get(order[i]);
    bool verify_here = synth.can_repair() || (auto_mode && i + 1 < order.size());
    auto a = run_synthesizer(db, synth, input, o, verify_here);
    out.attempts += a.count;
    out.synthesizer = order[i];
    if (a.budget) {
      spent.mark(order[i], a.reason);
      return deferred(out, a.reason);
    }
    if (a.ok) {
      db::kernel_reached(db, id, Stage::Synthesized, order[i] + ", attempt " + std::to_string(a.count));
      out.status = "ok";
      return out;
    }
    reason = (order.size() > 1 ? order[i] + ": " : "") + a.reason;
  }
  db::kernel_failed(db, id, Stage::Synthesized, reason);
  out.status = reason.find("unsupported:") != std::string::npos ? "unsupported" : "failed";
  out.reason = reason;
  return out;
}

}  // namespace

std::vector<std::string> synthesizer_order(const std::string& choice) {
  if (choice == "auto") {
    std::vector<std::string> order{"builtin"};
    if (has_synthesizer("openai")) order.push_back("openai");
    return order;
  }
  if (!has_synthesizer(choice)) {
    std::string known;
    for (const auto& n : synthesizer_names()) known += n + ", ";
    throw UsageError("unknown synthesizer '" + choice + "' (known: " + known + "auto)");
  }
  return {choice};
}

StageReport synthesize_all(const std::filesystem::path& db_path, const StageOptions& options) {
  StageReport report;
  report.stage = "synthesize";
  synthesizer_order(options.synthesizer);  // a usage error before any work
  auto ids = select_kernels(db_path, db::StageQueue::Synthesize, options);
  report.selected = ids.size();
  Progress progress("synthesize", ids.size());
  std::mutex mutex;
  unsigned jobs = std::max(1u, options.jobs);
  std::vector<std::unique_ptr<SynthesizerCache>> caches;
  std::mutex cache_mutex;
  SpentBudgets spent;
  // Each call gets its own generation so a thread never reuses a cache of an earlier call.
  static std::atomic<std::uint64_t> generations{0};
  const std::uint64_t generation = ++generations;
  thread_local SynthesizerCache* mine = nullptr;
  thread_local std::uint64_t mine_generation = 0;
  parallel_for_each(ids, jobs, [&](std::int64_t id) {
    if (mine_generation != generation) {
      std::lock_guard lock(cache_mutex);
      caches.push_back(std::make_unique<SynthesizerCache>(options));
      mine = caches.back().get();
      mine_generation = generation;
    }
    KernelOutcome out;
    try {
      out = synthesize_kernel(db_path, id, options, *mine, spent);
    } catch (const std::exception& e) {
      record_stage_exception(db_path, id, Stage::Synthesized, e, out);
    }
    std::lock_guard lock(mutex);
    tally(report, out);
    progress.advance(1, out.status != "ok" && out.status != kBudgetExhausted);
  });
  progress.finish();
  return report;
}

}  // namespace kq::synth
