// Model replies are text that enters from outside: bytes that are not UTF-8
// in a reply are decoded (core/utf8.hpp) instead of failing the JSON parse.
#include <gtest/gtest.h>

#include "core/utf8.hpp"
#include "llm/client.hpp"
#include "tests/llm/fixtures.hpp"
#include "tests/support/llm_server.hpp"

namespace kq::llm {
namespace {

TEST(LlmReplyEncoding, Latin1BytesInAReplyAreDecoded) {
  test::LlmServer server;
  test::LlmServerReply reply;
  reply.body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"caf\xe9 \xb5s\"}}],"
               "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}";
  reply.headers = {{"Content-Type", "application/json"}};
  server.push(reply);
  Client client(test::llm_fixtures::fast_options(server), {});
  ChatRequest request;
  request.messages.push_back({"user", "hello"});
  auto answer = client.chat(request);
  EXPECT_EQ(answer.content, "caf\xc3\xa9 \xc2\xb5s");
  EXPECT_TRUE(is_valid_utf8(answer.content));
  EXPECT_EQ(answer.tokens_out, 2);
}

}  // namespace
}  // namespace kq::llm
