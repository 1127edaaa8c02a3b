#include "curation/task_test.hpp"

#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "curation/prompts.hpp"
#include "curation/template.hpp"
#include "curation/test_runner.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::curation {

using nlohmann::json;

namespace {

std::string identifier(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "case_" + out;
  return out;
}

std::string number(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  std::string s = os.str();
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string with_template_args(const std::string& name, const LaunchSpec& spec) {
  if (spec.template_args.empty()) return name;
  std::string e = name + "<";
  for (std::size_t i = 0; i < spec.template_args.size(); ++i) e += (i ? ", " : "") + spec.template_args[i];
  return e + ">";
}

std::string macro_safe(const std::string& expr) {
  return expr.find(',') == std::string::npos ? expr : "(" + expr + ")";
}

// The launch arguments: buffers with the side's prefix, scalars by name.
std::string args_with_prefix(const LaunchSpec& spec, const std::string& prefix) {
  std::string s;
  for (const auto& a : spec.args) {
    if (a.kind == ArgSpec::Kind::Symbol || a.kind == ArgSpec::Kind::Texture) continue;  // reached by name
    if (!s.empty()) s += ", ";
    s += (a.kind == ArgSpec::Kind::Buffer ? prefix : "") + a.name;
  }
  return s;
}

// "ns::k" -> "kq_ref::ns::k_reference"
std::string reference_expr(const std::string& qualified) {
  std::size_t p = qualified.rfind("::");
  std::string scope = p == std::string::npos ? "" : qualified.substr(0, p + 2);
  return "kq_ref::" + scope + reference_name(qualified);
}

// The fill statement with its seed drawn through kqt::seed, so a run with
// KQ_EVAL_SEED draws fresh inputs of the same distribution.
std::string fresh_seeded(const std::string& fill) {
  static const std::regex seed_arg(R"(, (\d+)\);)");
  return std::regex_replace(fill, seed_arg, ", kqt::seed($1ull, seed_mix));");
}

std::string arg_addresses(const LaunchSpec& spec, const std::string& prefix) {
  std::string s;
  for (const auto& a : spec.args)
    if (a.kind == ArgSpec::Kind::Scalar || a.kind == ArgSpec::Kind::Buffer)
      s += (s.empty() ? "" : ", ") + std::string("kqt_arg(") + (a.kind == ArgSpec::Kind::Buffer ? prefix : "") +
           a.name + ")";
  return s;
}

// A device variable as the dialect's MemcpyToSymbol takes it.
std::string symbol_expr(const std::string& variable, Dialect dialect) {
  return dialect == Dialect::Hip ? "HIP_SYMBOL(" + variable + ")" : variable;
}

json case_context(const LaunchSpec& spec, Dialect dialect, const std::string& qualified, std::size_t index) {
  wrapper_gen::WrapperOptions o;
  o.dialect = dialect;
  json c = wrapper_gen::wrapper_context(spec, o);
  c["case_id"] = case_identifier(spec, index);
  std::string ref = with_template_args(reference_expr(spec.kernel.empty() ? qualified : spec.kernel), spec);
  c["reference_expr"] = ref;
  c["reference_macro_expr"] = macro_safe(ref);
  // Scalars are declared with the reference's parameter types, which both
  // kernels take (the candidate's copies of the unit's types have the same layout).
  c["candidate_args"] = args_with_prefix(spec, "c_");
  c["candidate_arg_addresses"] = arg_addresses(spec, "c_");
  c["reference_arg_addresses"] = arg_addresses(spec, "r_");
  c["reference_args"] = args_with_prefix(spec, "r_");
  c["rtol"] = number(spec.compare.rtol);
  c["atol"] = number(spec.compare.atol);
  std::size_t scalar_index = 0;
  for (std::size_t i = 0; i < spec.args.size(); ++i) {
    if (spec.args[i].kind != ArgSpec::Kind::Scalar) continue;
    auto& sc = c["scalars"][scalar_index++];
    sc["reference_type"] = "decltype(kqt_param<" + std::to_string(i) + ">(&" + ref + "))";
  }
  // c["buffers"] holds the buffers and the device variables, in spec order.
  std::vector<std::size_t> buffer_args;
  for (std::size_t i = 0; i < spec.args.size(); ++i)
    if (spec.args[i].kind != ArgSpec::Kind::Scalar) buffer_args.push_back(i);
  for (std::size_t bi = 0; bi < c["buffers"].size(); ++bi) {
    auto& b = c["buffers"][bi];
    std::string type = b["type"];
    // A struct type is the unit's own: the harness has the reference's copy.
    const bool raw = !scalar_type_size(type).has_value();
    const ArgSpec& arg = spec.args.at(buffer_args.at(bi));
    const std::string param = std::to_string(buffer_args.at(bi));
    if (arg.kind == ArgSpec::Kind::Symbol) {
      b["reference_type"] = raw ? "std::remove_all_extents_t<decltype(kq_ref::" + arg.name + ")>" : type;
      b["candidate_variable"] = symbol_expr("::" + arg.name, dialect);
      b["reference_variable"] = symbol_expr("kq_ref::" + arg.name, dialect);
    } else if (arg.kind == ArgSpec::Kind::Texture) {
      // The buffer a texture reference is bound to holds its element type.
      b["reference_type"] = type;
      b["candidate_variable"] = "::" + arg.name;
      b["reference_variable"] = "kq_ref::" + arg.name;
    } else {
      b["reference_type"] = raw ? "decltype(kqt_pointee<" + param + ">(&" + ref + "))" : type;
    }
    b["fill"] = fresh_seeded(b.value("fill", ""));
    b["floating"] = is_floating_type(type) || type == "__half" || type == "half" || type == "__nv_bfloat16" ||
                            type == "hip_bfloat16" || type == "__hip_bfloat16"
                        ? "true"
                        : "false";
  }
  return c;
}

std::size_t case_bytes(const LaunchSpec& spec) {
  std::size_t bytes = 0;
  for (const auto& a : spec.args)
    if (a.kind == ArgSpec::Kind::Buffer) bytes += a.count * a.bytes;
  return bytes;
}

// The device variables any case sets, once each: the harness declares the candidate's.
json device_variables(const std::vector<LaunchSpec>& cases) {
  json out = json::array();
  std::set<std::string> seen;
  for (const auto& spec : cases)
    for (const auto& a : spec.args)
      if ((a.kind == ArgSpec::Kind::Symbol || a.kind == ArgSpec::Kind::Texture) && seen.insert(a.name).second)
        out.push_back({{"name", a.name}});
  return out;
}

// One candidate entry per distinct instantiation the cases launch; each case
// names its entry, and the largest case is the one timed.
void bind_entries(json& ctx, const std::vector<LaunchSpec>& cases) {
  json entries = json::array();
  std::map<std::string, std::string> symbol_of;
  std::size_t timed = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto& c = ctx["cases"][i];
    const std::string ref = c["reference_expr"];
    auto [it, added] = symbol_of.emplace(ref, "kqt_candidate_" + std::to_string(symbol_of.size()));
    if (added) entries.push_back({{"reference_expr", ref}, {"symbol", it->second}});
    c["candidate_symbol"] = it->second;
    c["timed"] = false;
    if (case_bytes(cases[i]) > case_bytes(cases[timed])) timed = i;
  }
  if (!cases.empty()) ctx["cases"][timed]["timed"] = true;
  ctx["entries"] = entries;
}

// Symbol names of the reference's `extern __shared__` arrays: declared in
// namespace kq_ref (and the kernel's own namespaces), so mangled.
json shared_symbols(const std::string& unit, const std::string& qualified) {
  std::string scopes = "6kq_ref";
  std::size_t pos = 0;
  for (std::size_t p = qualified.find("::"); p != std::string::npos; p = qualified.find("::", pos)) {
    std::string ns = qualified.substr(pos, p - pos);
    if (!ns.empty()) scopes += std::to_string(ns.size()) + ns;
    pos = p + 2;
  }
  json out = json::array();
  for (const auto& n : extern_shared_names(unit)) out.push_back("_ZN" + scopes + std::to_string(n.size()) + n + "E");
  return out;
}

json task_context(const TaskTestInputs& in) {
  json ctx;
  ctx["task_id"] = in.task_id;
  ctx["entry_point"] = unqualified(in.kernel_name);
  ctx["dialect_name"] = dialect_display_name(in.dialect);
  ctx["api"] = in.dialect == Dialect::Hip ? "hip" : "cuda";
  ctx["api_dialect"] = in.dialect == Dialect::Hip ? "hip" : "cuda";
  ctx["reference_name"] = reference_name(in.kernel_name);
  return ctx;
}

}  // namespace

std::string case_identifier(const LaunchSpec& spec, std::size_t index) {
  return identifier(spec.name.empty() ? "case" + std::to_string(index) : spec.name);
}

bool harness_compares_printing(const std::string& harness) {
  // Emitted by task_test.cpp.tmpl for cases with printf_output only.
  return harness.find("kq::PrintCapture candidate_printed(") != std::string::npos;
}

std::string reference_name(const std::string& kernel_name) { return unqualified(kernel_name) + "_reference"; }

TaskTestSource render_task_test(const TaskTestInputs& in) {
  json ctx = task_context(in);
  ctx["gpu_build"] = in.dialect == Dialect::Hip
                         ? "hipcc -c test.cpp / candidate.cu, then link with --defsym as above"
                         : "nvcc -c test.cpp / candidate.cu, then link with -Xlinker --defsym as above";
  ctx["suite"] = identifier(unqualified(in.kernel_name));
  json cases = json::array();
  for (std::size_t i = 0; i < in.cases.size(); ++i) cases.push_back(case_context(in.cases[i], in.dialect, in.kernel_name, i));
  ctx["cases"] = cases;
  ctx["device_variables"] = device_variables(in.cases);
  bind_entries(ctx, in.cases);
  TaskTestSource out;
  out.harness = render_template_file("task_test.cpp.tmpl", ctx);
  json ref = task_context(in);
  ref["reference_includes"] = in.reference.includes;
  std::string renamed = rename_kernel(in.reference, in.kernel_name, reference_name(in.kernel_name));
  ref["reference_source"] = renamed + closing_braces(renamed);
  ref["reference_shared_symbols"] = shared_symbols(renamed, in.kernel_name);
  out.reference = render_template_file("task_reference.inc.tmpl", ref);
  return out;
}

}  // namespace kq::curation
