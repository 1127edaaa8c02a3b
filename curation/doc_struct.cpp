#include "curation/doc_struct.hpp"

#include <cctype>
#include <regex>
#include <sstream>

#include "core/text.hpp"

namespace kq::curation {

using nlohmann::json;

namespace {

// A string field, or "" when missing or of another type (synthesis docs vary).
std::string str_field(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

const Feature kComplexFeatures[] = {Feature::shared_static, Feature::shared_dynamic, Feature::syncthreads,
                                    Feature::warp,          Feature::atomics,        Feature::texture,
                                    Feature::recursion,     Feature::inline_asm};

bool is_simple(const KernelAnalysis& a) {
  if (a.index_pattern != "1d" && a.index_pattern != "grid_stride") return false;
  if (a.stores.size() != 1) return false;
  for (Feature f : kComplexFeatures)
    if (a.has(f)) return false;
  return true;
}

// The subscript of the stored element: "y[i] = ..." -> "i".
std::string store_index(const std::string& store) {
  static const std::regex lhs(R"(^\s*[A-Za-z_]\w*\s*\[\s*([A-Za-z_]\w*)\s*\])");
  std::smatch m;
  return std::regex_search(store, m, lhs) ? m[1].str() : "";
}

// The bound of index `idx` from the analysis: "i < n" -> "n".
std::string index_bound(const KernelAnalysis& a, const std::string& idx) {
  const std::regex bound("^\\s*" + idx + "\\s*<\\s*(.+?)\\s*$");
  for (const auto& p : a.params)
    for (const auto& b : p.bounds) {
      std::smatch m;
      if (std::regex_match(b, m, bound)) return m[1].str();
    }
  for (const auto& p : a.params)
    if (p.size_like && !p.is_pointer) return p.name;
  return "";
}

std::string strip_semicolon(std::string s) {
  s = trim(s);
  while (!s.empty() && s.back() == ';') s.pop_back();
  return trim(s);
}

// "block_reduce_sum" -> "block reduce sum"; "matMulTiled" -> "mat mul tiled".
std::string humanize(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '_') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(c)) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])))
      out += ' ';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return trim(out);
}

const std::pair<Feature, const char*> kFeatureWords[] = {
    {Feature::shared_static, "shared memory"}, {Feature::shared_dynamic, "dynamic shared memory"},
    {Feature::syncthreads, "block synchronization"}, {Feature::warp, "warp intrinsics"},
    {Feature::atomics, "atomic operations"}, {Feature::constant, "constant memory"},
    {Feature::texture, "textures"}, {Feature::template_kernel, "template parameters"}};

std::string feature_phrase(const KernelAnalysis& a) {
  std::vector<std::string> words;
  for (const auto& [f, w] : kFeatureWords)
    if (a.has(f)) words.push_back(w);
  if (words.empty()) return "";
  std::string s = " using ";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) s += i + 1 == words.size() ? " and " : ", ";
    s += words[i];
  }
  return s;
}

std::string launch_from_pattern(const KernelAnalysis& a) {
  if (a.index_pattern == "1d") return "1D grid, one thread per element (index blockIdx.x * blockDim.x + threadIdx.x)";
  if (a.index_pattern == "grid_stride") return "1D grid-stride loop: any grid size covers every element";
  if (a.index_pattern == "2d") return "2D grid, one thread per (row, column) element";
  if (a.index_pattern == "block_per_row") return "one block per row, the threads of a block share the row";
  return "grid and block as given by the test cases";
}

std::string role_of(const ParamAnalysis& p) {
  if (!p.is_pointer) return "scalar";
  if (p.writes && p.reads) return "inout";
  if (p.writes) return "out";
  return "in";
}

json params_from_analysis(const KernelAnalysis& a) {
  json out = json::array();
  for (const auto& p : a.params)
    out.push_back({{"name", p.name}, {"type", p.type}, {"role", role_of(p)},
                   {"elem_type", p.elem_type}, {"shape", ""}});
  return out;
}

// Merges the synthesis params (roles and shapes it decided) over the analysis ones.
json merge_params(const KernelAnalysis& a, const json& synth_params) {
  json out = params_from_analysis(a);
  if (!synth_params.is_array()) return out;
  for (auto& p : out) {
    for (const auto& s : synth_params) {
      if (s.value("name", "") != p["name"]) continue;
      for (const char* key : {"role", "elem_type", "shape"}) {
        if (!s.contains(key)) continue;
        const auto& v = s[key];
        p[key] = v.is_string() ? v : json(v.dump());
      }
    }
  }
  if (out.empty()) return synth_params;
  return out;
}

std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + value_text(v[i]);
    return s + "]";
  }
  if (v.is_number_float()) {
    std::ostringstream os;
    os.precision(6);
    os << v.get<double>();
    return os.str();
  }
  return v.dump();
}

std::string assignments(const json& obj) {
  std::string s;
  if (!obj.is_object()) return s;
  for (const auto& [k, v] : obj.items()) s += (s.empty() ? "" : ", ") + k + " = " + value_text(v);
  return s;
}

std::string example_text(const json& ex) {
  if (ex.is_string()) return ex.get<std::string>();
  if (!ex.is_object() || !ex.contains("inputs")) return "";
  std::string s = "with " + assignments(ex["inputs"]);
  if (ex.contains("outputs")) s += ", afterwards " + assignments(ex["outputs"]);
  return s;
}

}  // namespace

std::string comment_sentence(const std::string& comment) {
  std::string text;
  std::istringstream in(comment);
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    for (const char* marker : {"///", "//!", "//", "/**", "/*!", "/*"})
      if (line.starts_with(marker)) {
        line = line.substr(std::string(marker).size());
        break;
      }
    if (line.ends_with("*/")) line = line.substr(0, line.size() - 2);
    line = trim(line);
    if (line.starts_with("*")) line = trim(line.substr(1));
    if (line.starts_with("@") || line.starts_with("\\")) break;  // tag blocks follow the summary
    if (line.empty()) {
      if (!text.empty()) break;
      continue;
    }
    text += (text.empty() ? "" : " ") + line;
  }
  // The first sentence: up to ". " or the end.
  std::size_t dot = text.find(". ");
  if (dot != std::string::npos) text = text.substr(0, dot + 1);
  text = trim(text);
  if (!text.empty() && text.back() != '.') text += '.';
  return text == "." ? "" : text;
}

std::string summarize(const DocInputs& in) {
  const auto& a = in.analysis;
  json hint = in.synth_doc.is_object() ? in.synth_doc.value("summary_hint", json::object()) : json::object();
  std::string store = str_field(hint, "store");
  std::string domain = str_field(hint, "domain");
  const bool hinted = !store.empty();
  if (store.empty() && is_simple(a)) store = a.stores.front();
  if (!store.empty() && (is_simple(a) || hinted)) {
    store = strip_semicolon(store);
    if (domain.empty()) {
      std::string idx = store_index(store);
      std::string bound = idx.empty() ? "" : index_bound(a, idx);
      if (!bound.empty()) domain = idx + " in [0, " + bound + ")";
    }
    return "`" + store + "`" + (domain.empty() ? "" : " for every " + domain) + ".";
  }
  std::string sentence = comment_sentence(in.comment);
  if (!sentence.empty()) return sentence;
  std::string human = humanize(in.name);
  return "Computes " + (human.empty() ? in.name : human) + feature_phrase(a) + ".";
}

std::string summary_clause(const std::string& summary) {
  std::string s = summary;
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.empty()) return s;
  if (s.front() == '`') return "computes " + s;
  bool acronym = s.size() > 1 && std::isupper(static_cast<unsigned char>(s[1]));
  if (!acronym) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

json build_doc_struct(const DocInputs& in) {
  const auto& a = in.analysis;
  json doc;
  doc["summary"] = summarize(in);
  const json no_doc = json::object();
  const json& sd = in.synth_doc.is_object() ? in.synth_doc : no_doc;
  doc["params"] = merge_params(a, sd.value("params", json::array()));
  std::string launch = str_field(in.synth_doc, "launch");
  doc["launch"] = launch.empty() ? launch_from_pattern(a) : launch;
  doc["example"] = example_text(sd.value("example", json()));
  json features = json::array();
  for (Feature f : a.features) features.push_back(std::string(feature_name(f)));
  doc["features"] = features;
  return doc;
}

}  // namespace kq::curation
