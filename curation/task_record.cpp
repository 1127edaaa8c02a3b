#include "curation/task_record.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/hip_warp.hpp"
#include "curation/dialect_text.hpp"
#include "curation/doc_struct.hpp"
#include "verifier/backend.hpp"
#include "verifier/verifier.hpp"

#ifndef KQ_VERSION
#define KQ_VERSION "0.0.0"
#endif

namespace kq::curation {

using nlohmann::json;

std::string format_task_id(const std::string& prefix, std::int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(number));
  return prefix + "/" + buf;
}

std::string task_content_key(const db::CurationKernel& k) {
  return k.repo_url + "\n" + k.path + "\n" + k.qualified_name;
}

std::string unit_in_dialect(const db::CurationKernel& k, Dialect dialect) {
  const bool own_hip = k.dialect == "hip";
  if (dialect == Dialect::Hip) {
    if (own_hip) return k.unit_source;
    // A translation stored before the masked warp intrinsics were rewritten gets it now.
    return k.hip_source.empty() ? cuda_to_hip_text(k.unit_source) : drop_warp_sync_masks(k.hip_source);
  }
  return own_hip ? hip_to_cuda_text(k.unit_source) : k.unit_source;
}

std::string attribution_text(const db::CurationKernel& k) {
  std::string text = k.path + " at " + k.commit.substr(0, 12) + " of " + k.repo_url + ", license " + k.license;
  if (k.license_source == "spdx-tag") text += " (SPDX tag in the file)";
  else if (!k.license_file.empty()) text += " (" + k.license_file + ")";
  if (!k.copyright.empty()) text += "; " + k.copyright;
  return text;
}

json source_block(const db::CurationKernel& k) {
  json s{{"repo", k.repo_url},     {"commit", k.commit},
         {"path", k.path},         {"lines", {k.line_begin, k.line_end}},
         {"license", k.license},   {"license_from", k.license_source.empty() ? "repository" : k.license_source},
         {"attribution", attribution_text(k)}};
  if (!k.license_file.empty()) s["license_file"] = k.license_file;
  if (!k.copyright.empty()) s["copyright"] = k.copyright;
  return s;
}

// The names a backend is reported under: "cuda" -> {"cuda-sm90"}; a name
// outside the table (an older database's) as it is.
std::vector<std::string> backend_labels(const std::string& backend, const RecordOptions& o) {
  const auto* b = verify::find_backend(backend);
  if (!b) return {backend};
  verify::VerifierOptions targets;
  targets.cuda_arch = o.cuda_arch;
  targets.hip_archs = o.hip_archs;
  return b->labels(targets);
}

namespace {

bool runs_on_host(const std::string& backend) {
  const auto* b = verify::find_backend(backend);
  return b && b->sim;
}

}  // namespace

json verification_block(const std::vector<db::VerificationRow>& rows, const std::vector<LaunchSpec>& cases,
                        const RecordOptions& options) {
  std::set<std::string> compiled, executed;
  double us_sum = 0;
  int us_n = 0;
  for (const auto& r : rows) {
    if (r.status != "pass") continue;
    for (const auto& l : backend_labels(r.backend, options)) {
      if (!runs_on_host(r.backend)) compiled.insert(l);
      if (r.stage != "compile") executed.insert(l);
    }
    double us = r.ref_us.value_or(0) > 0 ? *r.ref_us : r.kernel_us.value_or(0);
    if (!runs_on_host(r.backend) && r.stage != "compile" && us > 0) {
      us_sum += us;
      ++us_n;
    }
  }
  double rtol = 0, atol = 0;
  std::string basis;  // of the loosest case whose tolerance was widened
  double basis_atol = -1;
  for (const auto& c : cases) {
    rtol = std::max(rtol, c.compare.rtol);
    atol = std::max(atol, c.compare.atol);
    if (!c.compare.basis.empty() && c.compare.atol > basis_atol) {
      basis = c.compare.basis;
      basis_atol = c.compare.atol;
    }
  }
  json v{{"compiled_for", std::vector<std::string>(compiled.begin(), compiled.end())},
         {"executed_on", std::vector<std::string>(executed.begin(), executed.end())},
         {"cases", cases.size()},
         {"rtol", rtol},
         {"atol", atol},
         {"ref_kernel_us", us_n ? json(us_sum / us_n) : json(nullptr)}};
  if (!basis.empty()) v["tolerance_basis"] = basis;
  return v;
}

std::vector<std::string> task_tags(const KernelAnalysis& a) {
  static const std::map<std::string, std::string> patterns{
      {"1d", "1d-grid"}, {"grid_stride", "grid-stride"}, {"2d", "2d-grid"}, {"block_per_row", "block-per-row"}};
  static const std::map<Feature, std::string> features{
      {Feature::shared_static, "shared-memory"}, {Feature::shared_dynamic, "dynamic-shared-memory"},
      {Feature::syncthreads, "syncthreads"}, {Feature::warp, "warp-intrinsics"}, {Feature::atomics, "atomics"},
      {Feature::constant, "constant-memory"}, {Feature::texture, "texture"}, {Feature::template_kernel, "template"}};
  std::set<std::string> tags;
  if (auto it = patterns.find(a.index_pattern); it != patterns.end()) tags.insert(it->second);
  for (const auto& [f, tag] : features)
    if (a.has(f)) tags.insert(tag);
  bool simple = (a.index_pattern == "1d" || a.index_pattern == "grid_stride") && a.stores.size() == 1 &&
                !a.has(Feature::shared_static) && !a.has(Feature::shared_dynamic) && !a.has(Feature::atomics) && !a.has(Feature::warp);
  if (simple) tags.insert("elementwise");
  return {tags.begin(), tags.end()};
}

std::vector<std::string> task_libs(const std::string& includes) {
  static const std::set<std::string> c_headers{"math.h", "stdio.h", "stdlib.h", "stdint.h", "string.h",
                                               "assert.h", "float.h", "limits.h", "stddef.h"};
  std::set<std::string> libs;
  std::istringstream in(includes);
  std::string line;
  while (std::getline(in, line)) {
    auto open = line.find_first_of("<\"");
    if (open == std::string::npos) continue;
    auto close = line.find_first_of(">\"", open + 1);
    std::string header = line.substr(open + 1, close - open - 1);
    if (c_headers.count(header) || header.find('.') == std::string::npos) continue;  // standard library
    std::string base = header.substr(header.rfind('/') == std::string::npos ? 0 : header.rfind('/') + 1);
    libs.insert(base.substr(0, base.find('.')));
  }
  return {libs.begin(), libs.end()};
}

namespace {

std::vector<LaunchSpec> parse_cases(const db::CurationKernel& k) {
  json j = json::parse(k.tests_json.empty() ? "[]" : k.tests_json, nullptr, false);
  if (j.is_discarded() || !j.is_array()) throw Error("kernel " + k.qualified_name + ": syntheses.tests is not a JSON array");
  std::vector<LaunchSpec> cases;
  for (const auto& c : j) cases.push_back(launch_spec_from_json(c));
  if (cases.empty()) throw Error("kernel " + k.qualified_name + ": no test cases");
  return cases;
}

json parse_object(const std::string& text) {
  json j = json::parse(text.empty() ? "{}" : text, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

// The test goes in the record; the reference travels beside it, under a key
// export moves to the release's oracle/ folder.
void set_test_fields(json& record, const TaskTestSource& test) {
  record["test"] = test.harness;
  record["reference_source"] = test.reference;
}

}  // namespace

std::string dialect_unavailable(const BuiltTask& task) {
  if (task.dialect != Dialect::Cuda) return "";
  if (closing_braces(task.texts.code_prompt).find("};") == std::string::npos) return "";
  return "the kernel is a member of a class, and CUDA has no member kernels";
}

void set_task_cases(BuiltTask& task, std::vector<LaunchSpec> cases) {
  task.test_inputs.cases = std::move(cases);
  set_test_fields(task.record, render_task_test(task.test_inputs));
  task.record["verification"]["cases"] = task.test_inputs.cases.size();
}

std::vector<BuiltTask> build_tasks(const db::CurationKernel& k, const std::vector<db::VerificationRow>& rows,
                                   const std::string& task_id, const RecordOptions& options) {
  auto cases = parse_cases(k);
  DocInputs din;
  din.name = unqualified(k.qualified_name);
  din.comment = k.comment;
  din.analysis = analysis_from_json(parse_object(k.analysis_json));
  din.synth_doc = parse_object(k.doc_json);
  json doc = build_doc_struct(din);
  json verification = verification_block(rows, cases, options);
  json provenance{{"synthesizer", k.synthesizer}, {"attempts", k.attempt}, {"kquarry_version", KQ_VERSION}};
  std::vector<BuiltTask> out;
  for (Dialect d : {Dialect::Hip, Dialect::Cuda}) {
    BuiltTask t;
    t.dialect = d;
    t.texts = render_task_texts(unit_in_dialect(k, d), k.qualified_name, d, doc);
    t.test_inputs = TaskTestInputs{task_id, k.qualified_name, d, t.texts.split, cases};
    json r;
    r["task_id"] = task_id;
    r["dialect"] = std::string(to_string(d));
    r["entry_point"] = unqualified(k.qualified_name);
    r["complete_prompt"] = t.texts.complete_prompt;
    r["instruct_prompt"] = t.texts.instruct_prompt;
    r["code_prompt"] = t.texts.code_prompt;
    r["canonical_solution"] = t.texts.canonical_solution;
    set_test_fields(r, render_task_test(t.test_inputs));
    r["doc_struct"] = doc;
    r["libs"] = task_libs(t.texts.split.includes);
    r["tags"] = task_tags(din.analysis);
    r["source"] = source_block(k);
    r["verification"] = verification;
    r["provenance"] = provenance;
    t.record = std::move(r);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kq::curation
