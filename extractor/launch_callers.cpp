#include "extractor/launch_callers.hpp"

#include <map>

#include "core/text.hpp"

namespace kq::extractor {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Skips `<...>` template arguments starting at `pos` (when there are any) and
// whitespace; the position after them.
std::size_t skip_template_args(std::string_view text, std::size_t pos) {
  pos = text.find_first_not_of(" \t\r\n", pos);
  if (pos == std::string_view::npos || text[pos] != '<') return pos;
  int depth = 0;
  for (std::size_t i = pos; i < text.size(); ++i) {
    if (text[i] == '<') ++depth;
    if (text[i] == '>' && --depth == 0) return text.find_first_not_of(" \t\r\n", i + 1);
    if (text[i] == ';' || text[i] == '{' || text[i] == '}') return std::string_view::npos;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<CallSite> find_calls(std::string_view text, const std::string& file, const std::string& function) {
  std::vector<CallSite> out;
  if (function.empty()) return out;
  for (std::size_t pos = text.find(function); pos != std::string_view::npos; pos = text.find(function, pos + 1)) {
    std::size_t end = pos + function.size();
    if ((pos > 0 && ident_char(text[pos - 1])) || (end < text.size() && ident_char(text[end]))) continue;
    std::size_t open = skip_template_args(text, end);
    if (open == std::string_view::npos || text[open] != '(') continue;
    // A kernel launch of the same name is no call of the host function.
    if (text.substr(end).starts_with("<<<")) continue;
    auto enclosing = enclosing_function(text, pos);
    if (enclosing.function.empty() && enclosing.context.empty()) continue;  // file scope: a declaration
    if (enclosing.function == function) continue;                            // recursion or the definition's own body
    CallSite c;
    c.function = function;
    // Calls written inside macros continue their lines with backslashes.
    std::string inner = paren_args(text, open);
    for (auto p = inner.find('\\'); p != std::string::npos; p = inner.find('\\', p)) inner[p] = ' ';
    if (!trim(inner).empty()) c.args = split_top_level(inner);
    c.context = std::move(enclosing.context);
    c.caller = std::move(enclosing.function);
    c.file = file;
    c.line = line_at(text, pos);
    out.push_back(std::move(c));
  }
  return out;
}

nlohmann::json to_json(const CallSite& c) {
  return {{"function", c.function}, {"args", c.args}, {"context", c.context},
          {"caller", c.caller},     {"file", c.file}, {"line", c.line}};
}

void attach_callers(std::vector<Launch*>& launches, const std::vector<std::pair<std::string, std::string>>& texts,
                    std::size_t per_launch) {
  std::map<std::string, std::vector<CallSite>> calls;  // function -> its calls anywhere
  for (Launch* l : launches) {
    if (l->function.empty() || calls.count(l->function)) continue;
    auto& found = calls[l->function];
    for (const auto& [path, text] : texts)
      for (auto& c : find_calls(text, path, l->function)) found.push_back(std::move(c));
  }
  for (Launch* l : launches) {
    if (l->function.empty()) continue;
    for (const auto& c : calls[l->function]) {
      if (l->callers.size() >= per_launch) break;
      // Another count of arguments (defaults aside) is another overload.
      if (c.args.size() > l->function_params.size() || c.args.size() < l->function_min_args) continue;
      // The caller's allocations sit near the call; its last 4 KB keep the
      // stored launches small when a kernel is launched from many places.
      CallSite kept = c;
      if (kept.context.size() > 4096) {
        auto from = kept.context.find('\n', kept.context.size() - 4096);
        kept.context = from == std::string::npos ? "" : kept.context.substr(from + 1);
      }
      l->callers.push_back(to_json(kept));
    }
  }
}

}  // namespace kq::extractor
