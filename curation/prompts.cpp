#include "curation/prompts.hpp"

#include "curation/doc_struct.hpp"
#include "curation/template.hpp"

namespace kq::curation {

using nlohmann::json;

namespace {

std::string role_text(const std::string& role) {
  if (role == "in") return "input, read only";
  if (role == "out") return "output, written by the kernel";
  if (role == "inout") return "input and output, updated in place";
  if (role == "scalar") return "scalar";
  return role;
}

// One line each, and nothing that closes a C comment.
std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  for (std::size_t p = s.find("*/"); p != std::string::npos; p = s.find("*/", p)) s.replace(p, 2, "* /");
  return s;
}

// Scalars have no shape worth a word.
std::string shape_text(const json& p) {
  std::string shape = p.value("shape", "");
  if (p.value("role", "") == "scalar" || shape == "scalar") return "";
  return one_line(shape);
}

// The doc_struct made ready for the templates: texts on one line, role words.
json template_doc(const json& doc) {
  json d;
  d["summary"] = one_line(doc.value("summary", ""));
  d["summary_clause"] = one_line(summary_clause(doc.value("summary", "")));
  d["launch"] = one_line(doc.value("launch", ""));
  d["example"] = one_line(doc.value("example", ""));
  json params = json::array();
  for (const auto& p : doc.value("params", json::array())) {
    std::string type = p.value("type", "");
    if (type.empty()) type = p.value("elem_type", "");
    params.push_back({{"name", p.value("name", "")},
                      {"type", one_line(type)},
                      {"role_text", role_text(p.value("role", ""))},
                      {"shape", shape_text(p)}});
  }
  d["params"] = params;
  return d;
}

}  // namespace

std::string dialect_display_name(Dialect d) { return d == Dialect::Hip ? "HIP" : "CUDA"; }

std::string render_doc_comment(const json& doc_struct) {
  return render_template_file("doc_comment.txt", template_doc(doc_struct));
}

TaskTexts render_task_texts(const std::string& unit_text, const std::string& kernel_name, Dialect dialect,
                            const json& doc_struct) {
  TaskTexts t;
  t.split = split_unit(unit_text, kernel_name);
  json ctx = template_doc(doc_struct);
  ctx["includes"] = t.split.includes;
  ctx["dependencies"] = t.split.dependencies;
  ctx["signature"] = t.split.signature;
  ctx["doc_comment"] = render_doc_comment(doc_struct);
  ctx["entry_point"] = unqualified(kernel_name);
  ctx["dialect_name"] = dialect_display_name(dialect);
  t.complete_prompt = render_template_file("complete_prompt.txt", ctx);
  t.code_prompt = render_template_file("code_prompt.txt", ctx);
  ctx["code_prompt"] = t.code_prompt;
  t.instruct_prompt = render_template_file("instruct_prompt.txt", ctx);
  t.canonical_solution = t.split.body;
  return t;
}

}  // namespace kq::curation
