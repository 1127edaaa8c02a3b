// The chat client against a real HTTP server on 127.0.0.1: retries, timeouts,
// malformed replies, structured-output fallback, budget, in-flight limit.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "llm/client.hpp"
#include "llm/client_retry.hpp"
#include "tests/llm/fixtures.hpp"
#include "tests/support/llm_server.hpp"

namespace kq::llm {
namespace {

using test::LlmServer;
using test::LlmServerReply;
using test::llm_fixtures::fast_options;

ChatRequest hello() {
  ChatRequest r;
  r.messages.push_back({"user", "hello"});
  return r;
}

std::int64_t ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t).count();
}

TEST(LlmClient, ReturnsContentAndUsage) {
  LlmServer server;
  server.push(LlmServerReply::chat("hi there", 12, 3));
  Client client(fast_options(server), {});
  auto reply = client.chat(hello());
  EXPECT_EQ(reply.content, "hi there");
  EXPECT_EQ(reply.tokens_in, 12);
  EXPECT_EQ(reply.tokens_out, 3);
  auto req = server.chat_requests().at(0).json();
  EXPECT_EQ(req["model"], "test-model");
  EXPECT_EQ(req["messages"][0]["content"], "hello");
  EXPECT_FALSE(req.contains("response_format"));
}

TEST(LlmClient, SendsTheKeyOnlyWhenThereIsOne) {
  LlmServer server;
  server.push(LlmServerReply::chat("a"));
  server.push(LlmServerReply::chat("b"));
  auto o = fast_options(server);
  Client no_key(o, {});
  no_key.chat(hello());
  o.api_key = "sk-test";
  Client with_key(o, {});
  with_key.chat(hello());
  auto reqs = server.chat_requests();
  EXPECT_EQ(reqs[0].headers.count("authorization"), 0u);
  EXPECT_EQ(reqs[1].headers.at("authorization"), "Bearer sk-test");
}

TEST(LlmClient, HonoursRetryAfterOn429ThenSucceeds) {
  LlmServer server;
  server.push(LlmServerReply::error(429, "slow down", "1"));
  server.push(LlmServerReply::chat("ok"));
  Client client(fast_options(server), {});
  auto start = std::chrono::steady_clock::now();
  auto reply = client.chat(hello());
  EXPECT_EQ(reply.content, "ok");
  EXPECT_EQ(reply.retries, 1);
  EXPECT_GE(ms_since(start), 950) << "Retry-After: 1 must make the client wait a second";
  EXPECT_EQ(server.chat_requests().size(), 2u);
}

TEST(LlmClient, RetriesA500ThenSucceeds) {
  LlmServer server;
  server.push(LlmServerReply::error(500, "boom"));
  server.push(LlmServerReply::error(503, "busy"));
  server.push(LlmServerReply::chat("ok"));
  Client client(fast_options(server), {});
  EXPECT_EQ(client.chat(hello()).content, "ok");
  EXPECT_EQ(server.chat_requests().size(), 3u);
}

TEST(LlmClient, TimeoutIsRetriedThenGivesUpCleanly) {
  LlmServer server;
  LlmServerReply never;
  never.never = true;
  server.push(never);
  server.push(never);
  auto o = fast_options(server);
  o.timeout_ms = 300;
  o.max_retries = 1;
  Client client(o, {});
  auto start = std::chrono::steady_clock::now();
  try {
    client.chat(hello());
    FAIL() << "a server that never answers must end in LlmError";
  } catch (const LlmError& e) {
    EXPECT_NE(std::string(e.what()).find("no reply"), std::string::npos) << e.what();
    EXPECT_EQ(e.status(), 0);
  }
  EXPECT_EQ(server.chat_requests().size(), 2u) << "one retry after the first timeout";
  EXPECT_LT(ms_since(start), 3000);
  EXPECT_EQ(client.budget().totals().failed, 1);
}

TEST(LlmClient, DoesNotRetryAClientError) {
  LlmServer server;
  server.push(LlmServerReply::error(401, "bad key"));
  Client client(fast_options(server), {});
  try {
    client.chat(hello());
    FAIL();
  } catch (const LlmError& e) {
    EXPECT_EQ(e.status(), 401);
    EXPECT_NE(std::string(e.what()).find("API key"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.chat_requests().size(), 1u);
}

TEST(LlmClient, MalformedBodyIsAClearError) {
  LlmServer server;
  server.push(LlmServerReply::raw(200, "<html>gateway</html>", "text/html"));
  server.push(LlmServerReply::raw(200, R"({"choices": []})", "application/json"));
  Client client(fast_options(server), {});
  EXPECT_THROW(
      {
        try {
          client.chat(hello());
        } catch (const LlmError& e) {
          EXPECT_NE(std::string(e.what()).find("not JSON"), std::string::npos);
          throw;
        }
      },
      LlmError);
  EXPECT_THROW(client.chat(hello()), LlmError);
}

TEST(LlmClient, FallsBackToPlainTextWhenStructuredOutputIsRejected) {
  LlmServer server;
  server.push(LlmServerReply::error(400, "response_format is not supported"));
  server.push(LlmServerReply::chat("```json\n{}\n```"));
  server.push(LlmServerReply::chat("{}"));
  auto o = fast_options(server);
  o.structured = "auto";
  Client client(o, {});
  ChatRequest r = hello();
  r.schema = {{"type", "object"}};
  EXPECT_TRUE(client.structured_enabled());
  auto reply = client.chat(r);
  EXPECT_FALSE(reply.structured);
  EXPECT_FALSE(client.structured_enabled());
  client.chat(r);
  auto reqs = server.chat_requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].json()["response_format"]["type"], "json_schema");
  EXPECT_FALSE(reqs[1].json().contains("response_format"));
  EXPECT_FALSE(reqs[2].json().contains("response_format")) << "the server's answer is remembered";
}

TEST(LlmClient, BudgetStopsNewCalls) {
  LlmServer server;
  server.set_handler([](const auto&) { return LlmServerReply::chat("x", 100, 100); });
  BudgetLimits b;
  b.max_calls = 2;
  b.cost_per_1k_in = 1.0;
  Client client(fast_options(server), {std::make_shared<Budget>(b), nullptr});
  client.chat(hello());
  client.chat(hello());
  EXPECT_THROW(client.chat(hello()), BudgetExhausted);
  EXPECT_EQ(server.chat_requests().size(), 2u);
  EXPECT_DOUBLE_EQ(client.budget().totals().cost, 0.2);

  BudgetLimits t;
  t.max_total_tokens = 150;
  Client tokens(fast_options(server), {std::make_shared<Budget>(t), nullptr});
  tokens.chat(hello());
  EXPECT_THROW(tokens.chat(hello()), BudgetExhausted);
}

TEST(LlmClient, InFlightLimitIsSharedByThreads) {
  LlmServer server;
  server.set_handler([](const auto&) { return LlmServerReply::chat("x").after_ms(100); });
  Limits limits{std::make_shared<Budget>(), std::make_shared<InFlightLimit>(2)};
  Client client(fast_options(server), limits);
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) threads.emplace_back([&] { client.chat(hello()); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(server.chat_requests().size(), 6u);
  EXPECT_LE(server.max_concurrent(), 2);
  EXPECT_EQ(server.max_concurrent(), 2);
}

TEST(LlmClient, ListsModelsOrSaysWhatIsWrong) {
  LlmServer server;
  server.set_models_reply(LlmServerReply::models({"m1", "m2"}));
  Client client(fast_options(server), {});
  EXPECT_EQ(client.list_models(), (std::vector<std::string>{"m1", "m2"}));
  server.set_models_reply(LlmServerReply::error(401, "no key"));
  EXPECT_THROW(client.list_models(), LlmError);
  server.set_models_reply(LlmServerReply::raw(200, "hello", "text/plain"));
  try {
    client.list_models();
    FAIL();
  } catch (const LlmError& e) {
    EXPECT_NE(std::string(e.what()).find("not JSON"), std::string::npos);
  }
  int port = server.port();
  server.stop();
  auto o = fast_options(server);
  o.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
  Client gone(o, {});
  try {
    gone.list_models();
    FAIL();
  } catch (const LlmError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reach"), std::string::npos) << e.what();
  }
}

TEST(LlmRetry, ParsesRetryAfterSecondsAndDates) {
  EXPECT_EQ(parse_retry_after("3", 0), std::chrono::seconds(3));
  std::time_t now = 1784000000;  // a fixed instant
  char date[64];
  std::time_t later = now + 7;
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&later));
  EXPECT_EQ(parse_retry_after(date, now), std::chrono::seconds(7));
  EXPECT_FALSE(parse_retry_after("soon", now).has_value());
  EXPECT_FALSE(parse_retry_after("", now).has_value());
}

TEST(LlmRetry, BackoffGrowsAndRespectsTheCap) {
  std::mt19937_64 rng(1);
  HttpResponse r;
  r.status = 500;
  for (int i = 0; i < 5; ++i) {
    auto d = retry_delay(i, std::chrono::milliseconds(100), std::chrono::milliseconds(1000), r, rng);
    long long ceiling = std::min(100LL << i, 1000LL);
    EXPECT_GE(d.count(), ceiling / 2);
    EXPECT_LE(d.count(), ceiling);
  }
  r.retry_after = "2";
  EXPECT_GE(retry_delay(0, std::chrono::milliseconds(10), std::chrono::milliseconds(100), r, rng).count(), 2000);
}

TEST(LlmClient, FencedBlocks) {
  EXPECT_EQ(fenced_block("text\n```json\n{\"a\":1}\n```\nmore", "json"), "{\"a\":1}");
  EXPECT_EQ(fenced_block("```\nx\n```\n```cpp\nint a;\n```", "cpp"), "int a;");
  EXPECT_EQ(fenced_block("```c++\nint b;\n```", "cpp"), "int b;");
  EXPECT_EQ(fenced_block("{\"plain\": true}", "json"), "{\"plain\": true}");
}

}  // namespace
}  // namespace kq::llm
