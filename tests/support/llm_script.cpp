#include "tests/support/llm_script.hpp"

#include <fstream>
#include <regex>
#include <sstream>

namespace kq::test {
namespace {

std::string first_match(const LlmServerRequest& request, const std::regex& re) {
  auto j = request.json();
  if (!j.is_object() || !j.contains("messages")) return "";
  for (const auto& m : j["messages"]) {
    std::smatch match;
    std::string content = m.value("content", "");
    if (m.value("role", "") == "user" && std::regex_search(content, match, re)) return match[1];
  }
  return "";
}

std::string folder_name(std::string kernel) {
  for (auto p = kernel.find("::"); p != std::string::npos; p = kernel.find("::", p + 2)) kernel.replace(p, 2, "__");
  return kernel;
}

// The reply file for `stage` in a kernel's folder: <stage>.<ext> (or <stage>.repair.<ext>).
std::filesystem::path reply_file(const std::filesystem::path& folder, const std::string& stem) {
  for (const char* ext : {".json", ".cpp", ".md"}) {
    auto p = folder / (stem + ext);
    if (std::filesystem::is_regular_file(p)) return p;
  }
  return {};
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// About four characters a token, as the usage a real endpoint reports.
int tokens(const std::string& text) { return static_cast<int>(text.size() / 4 + 1); }

}  // namespace

std::string llm_request_stage(const LlmServerRequest& request) {
  static const std::regex re(R"(Stage: (\w+))");
  return first_match(request, re);
}

std::string llm_request_kernel(const LlmServerRequest& request) {
  static const std::regex re(R"((?:CUDA|HIP) kernel `([^`]+)`)");
  return first_match(request, re);
}

bool llm_request_is_repair(const LlmServerRequest& request) {
  return request.last_user_message().find("did not pass verification") != std::string::npos;
}

LlmServer::Handler llm_reply_dir_handler(const std::filesystem::path& dir) {
  return [dir](const LlmServerRequest& request) {
    std::string stage = llm_request_stage(request);
    std::string kernel = llm_request_kernel(request);
    if (stage.empty() || kernel.empty())
      return LlmServerReply::error(400, "the request names no stage or no kernel in its prompt");
    auto folder = dir / folder_name(kernel);
    std::filesystem::path file;
    if (llm_request_is_repair(request)) file = reply_file(folder, stage + ".repair");
    if (file.empty()) file = reply_file(folder, stage);
    if (file.empty())
      return LlmServerReply::error(404, "no scripted reply " + (folder / (stage + ".{json,cpp,md}")).string());
    std::string content = slurp(file);
    if (file.extension() == ".cpp") content = "```cpp\n" + content + "```\n";
    return LlmServerReply::chat(content, tokens(request.all_messages()), tokens(content));
  };
}

}  // namespace kq::test
