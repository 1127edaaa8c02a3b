#include "wrapper_gen/template_engine.hpp"

#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"

namespace kq::wrapper_gen {
namespace {

// Around a name inside {{ }} only spaces and tabs are trimmed.
constexpr std::string_view kTagBlanks = " \t";

using nlohmann::json;

struct Node {
  enum class Kind { Text, Var, Section, Inverted } kind = Kind::Text;
  std::string text;  // literal text, or the key
  std::vector<Node> children;
};

bool is_block_tag(std::string_view tag) {
  return tag.size() > 4 && (tag[2] == '#' || tag[2] == '^' || tag[2] == '/' || tag[2] == '!');
}

// True when the line (without its newline) holds only block tags and blanks;
// `tags` receives the tags to keep.
bool standalone_tags(std::string_view line, std::string& tags) {
  tags.clear();
  std::size_t i = 0;
  bool any = false;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') { ++i; continue; }
    if (line.compare(i, 2, "{{") != 0) return false;
    auto end = line.find("}}", i);
    if (end == std::string_view::npos) return false;
    auto tag = line.substr(i, end + 2 - i);
    if (!is_block_tag(tag)) return false;
    tags += tag;
    any = true;
    i = end + 2;
  }
  return any;
}

std::string drop_standalone_lines(std::string_view text) {
  std::string out, tags;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    auto end = nl == std::string_view::npos ? text.size() : nl + 1;
    auto line = text.substr(pos, end - pos);
    auto body = line.substr(0, line.size() - (nl == std::string_view::npos ? 0 : 1));
    if (standalone_tags(body, tags)) out += tags;
    else out += line;
    pos = end;
  }
  return out;
}

// Parses text[pos...] until the closing tag of `open` (empty: the end).
std::vector<Node> parse(std::string_view text, std::size_t& pos, const std::string& open,
                        std::string_view name) {
  std::vector<Node> nodes;
  while (pos < text.size()) {
    auto start = text.find("{{", pos);
    if (start == std::string_view::npos) start = text.size();
    if (start > pos) nodes.push_back({Node::Kind::Text, std::string(text.substr(pos, start - pos)), {}});
    if (start == text.size()) break;
    auto end = text.find("}}", start);
    if (end == std::string_view::npos) throw Error(std::string(name) + ": unclosed '{{'");
    std::string tag = trim(text.substr(start + 2, end - start - 2), kTagBlanks);
    pos = end + 2;
    if (tag.empty()) throw Error(std::string(name) + ": empty tag");
    char sigil = tag[0];
    std::string key = trim(tag.substr(1), kTagBlanks);
    if (sigil == '!') continue;
    if (sigil == '/') {
      if (key != open) throw Error(std::string(name) + ": '{{/" + key + "}}' closes " +
                                   (open.empty() ? std::string("nothing") : "'" + open + "'"));
      return nodes;
    }
    if (sigil == '#' || sigil == '^') {
      Node n{sigil == '#' ? Node::Kind::Section : Node::Kind::Inverted, key, {}};
      n.children = parse(text, pos, key, name);
      nodes.push_back(std::move(n));
      continue;
    }
    nodes.push_back({Node::Kind::Var, tag, {}});
  }
  if (!open.empty()) throw Error(std::string(name) + ": section '" + open + "' is never closed");
  return nodes;
}

const json* lookup(const std::vector<const json*>& stack, const std::string& key) {
  if (key == ".") return stack.back();
  auto dot = key.find('.');
  std::string head = key.substr(0, dot);
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (!(*it)->is_object() || !(*it)->contains(head)) continue;
    const json* v = &(**it)[head];
    std::size_t p = dot;
    while (p != std::string::npos) {
      auto next = key.find('.', p + 1);
      auto part = key.substr(p + 1, next == std::string::npos ? std::string::npos : next - p - 1);
      if (!v->is_object() || !v->contains(part)) return nullptr;
      v = &(*v)[part];
      p = next;
    }
    return v;
  }
  return nullptr;
}

bool truthy(const json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) return !v.get<std::string>().empty();
  if (v.is_array()) return !v.empty();
  return true;
}

std::string to_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

void render(const std::vector<Node>& nodes, std::vector<const json*>& stack, std::string& out,
            std::string_view name) {
  for (const auto& n : nodes) {
    if (n.kind == Node::Kind::Text) {
      out += n.text;
      continue;
    }
    const json* v = lookup(stack, n.text);
    if (!v) throw Error(std::string(name) + ": no value for '" + n.text + "'");
    if (n.kind == Node::Kind::Var) {
      out += to_text(*v);
    } else if (n.kind == Node::Kind::Inverted) {
      if (!truthy(*v)) render(n.children, stack, out, name);
    } else if (v->is_array()) {
      for (const auto& item : *v) {
        stack.push_back(&item);
        render(n.children, stack, out, name);
        stack.pop_back();
      }
    } else if (truthy(*v)) {
      stack.push_back(v);
      render(n.children, stack, out, name);
      stack.pop_back();
    }
  }
}

}  // namespace

std::string render_template(std::string_view text, const json& context, std::string_view name) {
  std::string clean = drop_standalone_lines(text);
  std::size_t pos = 0;
  auto nodes = parse(clean, pos, "", name);
  std::vector<const json*> stack{&context};
  std::string out;
  render(nodes, stack, out, name);
  return out;
}

std::filesystem::path templates_dir() { return data_root() / "wrapper_gen" / "templates"; }

std::string render_template_file(const std::string& file, const json& context) {
  auto path = templates_dir() / file;
  return render_template(read_file(path), context, path.string());
}

}  // namespace kq::wrapper_gen
