// `kquarry inspect --failed --out DIR`: a debugging workspace with one folder
// per kernel that was synthesized but did not verify (any synthesizer). Each
// folder holds the unit and analysis, then every prompt and reply of every
// attempt, the candidate cases and goldens, the verifier logs and the feedback,
// numbered in the order they happened, so attempts can be diffed and a failure
// reproduced by hand (reproduce.sh holds the `kquarry sim` lines).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "cli/path_option.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/types.hpp"
#include "db/database.hpp"
#include "db/kernels.hpp"
#include "db/llm_calls.hpp"
#include "db/syntheses.hpp"

namespace kq::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct InspectOptions {
  bool failed = false;
  std::string out;
  std::vector<std::int64_t> kernels;
};

using KernelRow = db::AttemptedKernel;
using SynthesisRow = db::SynthesisRow;

// Numbers the files of one kernel folder in the order things happened.
class Sequence {
 public:
  explicit Sequence(fs::path dir) : dir_(std::move(dir)) {}
  // Files of one attempt carry its label ("openai-a2-"): the synthesizer when
  // the kernel had more than one, the attempt number from the second on.
  void begin_attempt(const std::string& synthesizer, int attempt, bool several_synthesizers) {
    label_.clear();
    if (several_synthesizers) label_ += synthesizer + "-";
    if (attempt > 1) label_ += "a" + std::to_string(attempt) + "-";
  }
  fs::path write(int /*attempt*/, const std::string& what, const std::string& text) {
    std::ostringstream name;
    name << std::setw(2) << std::setfill('0') << ++n_ << '-' << label_ << what;
    write_file_atomic(dir_ / name.str(), text);
    return dir_ / name.str();
  }

 private:
  fs::path dir_;
  int n_ = 0;
  std::string label_;
};

std::string safe_name(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
  return out.substr(0, 80);
}

// Kernels that have a synthesis and stopped at synthesis or verification
// (failed_stage set); with --kernel, those kernels whatever their state.
std::vector<KernelRow> failed_kernels(db::Database& db, const InspectOptions& o) {
  std::vector<KernelRow> rows;
  for (auto& r : db::attempted_kernels(db, o.failed))
    if (o.kernels.empty() || std::find(o.kernels.begin(), o.kernels.end(), r.id) != o.kernels.end())
      rows.push_back(std::move(r));
  return rows;
}

// The messages of a call as Markdown, one section per message.
std::string prompt_markdown(const db::LlmCallRecord& c) {
  auto messages = json::parse(c.prompt, nullptr, false);
  if (!messages.is_array()) return c.prompt;
  std::string out = "<!-- " + c.provider + " " + c.model + ", stage " + c.stage + ", " + c.at + ", tokens " +
                    std::to_string(c.tokens_in) + " in / " + std::to_string(c.tokens_out) + " out, " +
                    std::to_string(c.latency_ms) + " ms -->\n";
  for (const auto& m : messages)
    out += "\n## " + m.value("role", "?") + "\n\n" + m.value("content", "") + "\n";
  return out;
}

void write_calls(db::Database& db, const SynthesisRow& s, Sequence& seq) {
  for (const auto& c : db::llm_calls_for_synthesis(db, s.id)) {
    seq.write(s.attempt, c.stage + ".prompt.md", prompt_markdown(c));
    bool is_json = !json::parse(c.response, nullptr, false).is_discarded();
    if (!c.response.empty()) seq.write(s.attempt, c.stage + (is_json ? ".reply.json" : ".reply.md"), c.response);
    if (!c.error.empty()) seq.write(s.attempt, c.stage + ".error.txt", c.error + "\n");
  }
}

void write_verifications(db::Database& db, const SynthesisRow& s, Sequence& seq) {
  for (const auto& v : db::verifications_of(db, s.id)) {
    std::string header = "backend: " + v.backend + "\nstatus: " + v.status + "\nstage: " + v.stage +
                         "\ncase: " + v.case_name + "\nwall_ms: " + std::to_string(v.wall_ms) + "\n\n";
    std::string what = "verify";
    if (!v.case_name.empty()) what += "-" + safe_name(v.case_name);
    seq.write(s.attempt, what + "-" + safe_name(v.backend) + ".log", header + v.log);
  }
}

// The verifier's feedback this attempt was given (stored with the attempt it fed).
std::string feedback_text(const std::string& stored) {
  auto j = json::parse(stored, nullptr, false);
  if (!j.is_object()) return stored + "\n";
  std::string attempt = j.contains("attempt") ? j["attempt"].dump() : "?";
  return "on attempt: " + attempt + "\nstage: " + j.value("stage", "") + "\nstatus: " + j.value("status", "") +
         "\n\n" + j.value("message", "") + "\n";
}

void write_attempt(db::Database& db, const SynthesisRow& s, Sequence& seq) {
  if (!s.feedback.empty()) seq.write(s.attempt, "feedback.txt", feedback_text(s.feedback));
  write_calls(db, s, seq);
  if (!s.tests.empty()) {
    auto cases = json::parse(s.tests, nullptr, false);
    seq.write(s.attempt, "cases.json", cases.is_discarded() ? s.tests : cases.dump(2) + "\n");
  }
  if (!s.golden.empty()) seq.write(s.attempt, "golden.cpp", s.golden);
  if (!s.wrapper.empty()) seq.write(s.attempt, "wrapper.txt", s.wrapper);
  if (!s.doc_json.empty()) seq.write(s.attempt, "doc.json", s.doc_json);
  // The builtin synthesizer's plan: sizes, launch and scalars, and where each came from.
  auto doc = json::parse(s.doc_json, nullptr, false);
  if (doc.is_object() && doc.contains("synthesis") && doc["synthesis"].is_object() &&
      doc["synthesis"].contains("plan"))
    seq.write(s.attempt, "plan.json", doc["synthesis"]["plan"].dump(2) + "\n");
  std::string summary = "synthesizer: " + s.synthesizer + "\nattempt: " + std::to_string(s.attempt) +
                        "\nstatus: " + s.status + "\nreason: " + s.reason + "\n";
  seq.write(s.attempt, "synthesis.txt", summary);
  write_verifications(db, s, seq);
}

// Every case of the last attempt as a spec file, and the commands that run them.
void write_reproduce(const KernelRow& k, const SynthesisRow* last, const fs::path& dir) {
  std::string unit = k.dialect == "hip" ? "unit.hip" : "unit.cu";
  std::string script = "#!/bin/sh\n# Runs the cases of the last attempt of kernel " + std::to_string(k.id) + " (" +
                       k.name + ") on cpu-sim, as the verifier did.\nset -e\ncd \"$(dirname \"$0\")\"\n";
  auto cases = last ? json::parse(last->tests, nullptr, false) : json();
  if (cases.is_array()) {
    for (std::size_t i = 0; i < cases.size(); ++i) {
      std::string name = safe_name(cases[i].value("name", "case" + std::to_string(i + 1)));
      write_file_atomic(dir / "cases" / (name + ".json"), cases[i].dump(2) + "\n");
      script += "kquarry sim " + unit + " --spec cases/" + name + ".json --backend cpu-sim --out out/" + name +
                " || true\n";
    }
  }
  if (last && !last->golden.empty())
    script += "# The model's reference is golden.cpp (kq_golden); compare its outputs with\n"
              "# kquarry sim --compare out/<case> <golden-out>/<case> --spec cases/<case>.json\n";
  write_file_atomic(dir / "reproduce.sh", script);
  fs::permissions(dir / "reproduce.sh", fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add);
}

void write_kernel_folder(db::Database& db, const KernelRow& k, const fs::path& dir) {
  fs::create_directories(dir);
  if (auto unit = db::kernel_unit(db, k.id))
    write_file_atomic(dir / (k.dialect == "hip" ? "unit.hip" : "unit.cu"), unit->source);
  if (auto analysis = db::kernel_analysis_json(db, k.id)) {
    auto j = json::parse(*analysis, nullptr, false);
    write_file_atomic(dir / "analysis.json", j.is_discarded() ? *analysis : j.dump(2) + "\n");
  }
  Sequence seq(dir);
  auto attempts = db::syntheses_of_kernel(db, k.id);
  bool several = false;
  for (const auto& s : attempts) several |= s.synthesizer != attempts.front().synthesizer;
  for (const auto& s : attempts) {
    seq.begin_attempt(s.synthesizer, s.attempt, several);
    write_attempt(db, s, seq);
  }
  write_file_atomic(dir / "kernel.txt", "id: " + std::to_string(k.id) + "\nname: " + k.name + "\nstage: " +
                                            k.stage + "\nfail_reason: " + k.fail_reason + "\nattempts: " +
                                            std::to_string(attempts.size()) + "\n");
  write_reproduce(k, attempts.empty() ? nullptr : &attempts.back(), dir);
}

int inspect(Context& ctx, const InspectOptions& o) {
  if (!o.failed && o.kernels.empty()) throw UsageError("inspect: give --failed or --kernel ID");
  if (!fs::exists(ctx.db_path())) throw UsageError("inspect: no database at " + ctx.db_path().string());
  db::Database db(ctx.db_path(), false);
  fs::path out(o.out);
  fs::create_directories(out);
  auto kernels = failed_kernels(db, o);
  json listed = json::array();
  for (const auto& k : kernels) {
    fs::path dir = out / (std::to_string(k.id) + "-" + safe_name(k.name));
    write_kernel_folder(db, k, dir);
    listed.push_back({{"kernel_id", k.id}, {"name", k.name}, {"stage", k.stage}, {"folder", dir.string()}});
  }
  if (ctx.opts.json) std::cout << json{{"kernels", listed}}.dump(2) << "\n";
  else std::cout << "wrote " << kernels.size() << " kernel folder(s) under " << out.string() << "\n";
  return to_int(ExitCode::Ok);
}

}  // namespace

void add_inspect_command(CLI::App& app, Context& ctx) {
  static InspectOptions o;
  auto* cmd = app.add_subcommand("inspect", "Write a debugging folder per kernel that did not verify");
  cmd->add_flag("--failed", o.failed, "every kernel whose synthesis or verification failed");
  cmd->add_option("--kernel", o.kernels, "only these kernel ids (repeatable)");
  cmd->add_option("--out", o.out, "folder to write into")->required()->transform(absolute_path_option());
  cmd->callback([&ctx] { ctx.run = [](Context& c) { return inspect(c, o); }; });
}

}  // namespace kq::cli
