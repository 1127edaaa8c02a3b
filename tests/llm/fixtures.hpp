#pragma once
// A kernel the builtin synthesizer cannot shape (its size lives in a struct
// parameter) and the model replies a well-behaved endpoint would give for it.
#include <string>

#include "llm/client.hpp"
#include "synth/synthesizer.hpp"
#include "tests/support/llm_server.hpp"

namespace kq::test::llm_fixtures {

synth::KernelInput scale_kernel();

// The stage a chat request belongs to ("analysis", "launch_specs", "golden", "doc").
std::string stage_of(const LlmServerRequest& request);

std::string contract_reply();
std::string cases_reply();
std::string golden_reply(bool correct);
std::string doc_reply();

// Answers every stage correctly (golden_correct false: a wrong golden until a
// repair request arrives).
LlmServer::Handler good_handler(bool golden_correct = true);

kq::llm::ClientOptions fast_options(const LlmServer& server);

}  // namespace kq::test::llm_fixtures
