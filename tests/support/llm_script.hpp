#pragma once
// Model replies kept as files, served by the scripted server (llm_server.hpp):
// a reply directory holds one folder per kernel (named as the kernel, `::`
// spelled `__`) and in it one file per stage of the model synthesis:
//
//   DIR/<kernel>/analysis.json      the reply to the analysis stage, sent as it is
//   DIR/<kernel>/launch_specs.json
//   DIR/<kernel>/golden.cpp         C++ source, sent inside a ```cpp fence
//   DIR/<kernel>/doc.json
//   DIR/<kernel>/<stage>.repair.*   optional: the reply to a repair request of that stage
//
// A request is matched by the `Stage: <name>` line and the kernel named in
// its stage prompt; a request without a reply file is answered HTTP 404 with
// a message naming the file it looked for.
#include <filesystem>
#include <string>

#include "tests/support/llm_server.hpp"

namespace kq::test {

// The stage of a chat request ("analysis", "launch_specs", "golden", "doc"), or "".
std::string llm_request_stage(const LlmServerRequest& request);
// The kernel a chat request is about, as its stage prompt names it, or "".
std::string llm_request_kernel(const LlmServerRequest& request);
// Whether the request asks again after verifier feedback.
bool llm_request_is_repair(const LlmServerRequest& request);

// A handler answering from a reply directory (read on every request, so the
// files may change while the server runs).
LlmServer::Handler llm_reply_dir_handler(const std::filesystem::path& dir);

}  // namespace kq::test
