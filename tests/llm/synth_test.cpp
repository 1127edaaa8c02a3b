// The openai synthesizer end to end against the scripted server: stages in
// order, repair from verifier feedback, malformed replies, budget, record and
// replay.
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "db/llm_calls.hpp"
#include "llm/openai_synth.hpp"
#include "tests/llm/fixtures.hpp"
#include "tests/support/llm_server.hpp"
#include "tests/support/test_support.hpp"

namespace kq::llm {
namespace {

using nlohmann::json;
using test::LlmServer;
using test::LlmServerReply;
using namespace test::llm_fixtures;

PromptLibrary prompts() { return PromptLibrary(kq::test::source_root() / "llm" / "prompts"); }

OpenAISynthesizer make_synth(ClientOptions o, Limits limits = {}) {
  return OpenAISynthesizer(std::make_shared<Client>(std::move(o), std::move(limits)), prompts(), {});
}

std::vector<std::string> stages_asked(const LlmServer& server) {
  std::vector<std::string> out;
  for (const auto& r : server.chat_requests()) out.push_back(stage_of(r));
  return out;
}

TEST(OpenAISynth, RunsTheStagesInOrderForAStructSizedKernel) {
  LlmServer server;
  server.set_handler(good_handler());
  auto synth = make_synth(fast_options(server));
  auto s = synth.synthesize(scale_kernel(), std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason;
  EXPECT_EQ(s.synthesizer, "openai");
  EXPECT_EQ(s.attempt, 1);
  EXPECT_EQ(stages_asked(server), (std::vector<std::string>{"analysis", "launch_specs", "golden", "doc"}));
  ASSERT_EQ(s.cases.size(), 3u);
  EXPECT_EQ(s.cases[0].kernel, "scale_shift");
  EXPECT_EQ(s.cases[0].args[0].value["n"], 1000);
  EXPECT_NE(s.golden.find("void kq_golden(Dims d, const float* x, float* y)"), std::string::npos);
  EXPECT_EQ(s.doc["params"][1]["shape"], "d.n") << "shapes come from the contract";
  EXPECT_EQ(s.extra["contract"]["launch"], "one thread per element, 1d grid of ceil(n/256) blocks of 256");
  EXPECT_EQ(s.extra["pattern"], "elementwise");
  ASSERT_EQ(s.model_calls.size(), 4u);
  EXPECT_EQ(s.model_calls[2].stage, "golden");
  EXPECT_EQ(s.model_calls[2].tokens_in, 100);
  EXPECT_EQ(s.extra["usage"]["tokens_in"], 400) << "four calls of 100 prompt tokens";

  // The prompts carry the unit, the analysis and the golden signature.
  auto reqs = server.chat_requests();
  EXPECT_NE(reqs[0].all_messages().find("struct Dims { int n; float scale; float shift; };"), std::string::npos);
  EXPECT_NE(reqs[0].all_messages().find("\"index_pattern\": \"1d\""), std::string::npos);
  EXPECT_NE(reqs[2].all_messages().find("void kq_golden(Dims d, const float* x, float* y)"), std::string::npos);
  EXPECT_NE(reqs[2].all_messages().find("d.scale * x[i] + d.shift"), std::string::npos) << "the contract";
}

TEST(OpenAISynth, RepairsTheGoldenFromFeedback) {
  LlmServer server;
  server.set_handler(good_handler(/*golden_correct=*/false));
  auto synth = make_synth(fast_options(server));
  auto first = synth.synthesize(scale_kernel(), std::nullopt);
  ASSERT_EQ(first.status, "ok") << first.reason;
  EXPECT_EQ(first.golden.find("+ d.shift"), std::string::npos) << "the scripted first golden is wrong";

  synth::Feedback fb{1, "compare", "mismatch", "y[3]: expected 0.5 got 0.0 (x[3]=0.25, d={n:1000,scale:2,shift:0.5})"};
  ASSERT_TRUE(synth.can_repair());
  auto second = synth.synthesize(scale_kernel(), fb);
  ASSERT_EQ(second.status, "ok") << second.reason;
  EXPECT_EQ(second.attempt, 2);
  EXPECT_NE(second.golden.find("+ d.shift"), std::string::npos);
  EXPECT_EQ(second.cases.size(), 3u) << "cases are kept";
  EXPECT_EQ(second.extra["stages_asked"], "golden");
  ASSERT_EQ(second.model_calls.size(), 1u) << "only the failing stage is asked again";

  auto reqs = server.chat_requests();
  ASSERT_EQ(reqs.size(), 5u);
  const auto& repair = reqs.back();
  EXPECT_EQ(stage_of(repair), "golden");
  EXPECT_NE(repair.last_user_message().find("y[3]: expected 0.5 got 0.0"), std::string::npos);
  EXPECT_NE(repair.last_user_message().find("mismatch"), std::string::npos);
  // The conversation continues: the wrong golden is in it as the model's answer.
  auto msgs = repair.json()["messages"];
  EXPECT_EQ(msgs[msgs.size() - 2]["role"], "assistant");
  EXPECT_NE(msgs[msgs.size() - 2]["content"].get<std::string>().find("y[i] = d.scale * x[i];"), std::string::npos);
}

TEST(OpenAISynth, RunErrorsAskForNewLaunchSpecs) {
  synth::Feedback fb{1, "run", "runtime_error", "AddressSanitizer: heap-buffer-overflow in scale_shift"};
  EXPECT_EQ(stage_for_feedback(fb), "launch_specs");
  fb.message = "kq_golden: AddressSanitizer: heap-buffer-overflow";
  EXPECT_EQ(stage_for_feedback(fb), "golden");
  EXPECT_EQ(stage_for_feedback({1, "golden", "compile_error", "golden.cpp:3: error: 'Dims' was not declared"}),
            "golden");
  EXPECT_EQ(stage_for_feedback({1, "compile", "compile_error", "wrapper: no template argument for T"}),
            "launch_specs");
}

TEST(OpenAISynth, MalformedRepliesBecomeFeedbackNotCrashes) {
  LlmServer server;
  server.push(LlmServerReply::chat("I think this kernel scales a vector."));  // analysis: no JSON
  server.push(LlmServerReply::chat(contract_reply()));
  server.push(LlmServerReply::chat(R"({"cases": [{"kernel": "scale_shift", "grid": [1], "block": [2048],
      "args": []}]})"));  // launch specs: block too large
  server.set_handler(good_handler());
  auto synth = make_synth(fast_options(server));
  auto s = synth.synthesize(scale_kernel(), std::nullopt);
  ASSERT_EQ(s.status, "ok") << s.reason;
  auto reqs = server.chat_requests();
  ASSERT_EQ(reqs.size(), 6u);
  EXPECT_NE(reqs[1].last_user_message().find("not a JSON object"), std::string::npos);
  EXPECT_NE(reqs[3].last_user_message().find("more than 1024 threads per block"), std::string::npos)
      << reqs[3].last_user_message();
  EXPECT_NE(s.model_calls[0].error.find("malformed"), std::string::npos);

  // A model that never answers in the format: the attempt fails with a reason.
  LlmServer stubborn;
  stubborn.set_handler([](const auto&) { return LlmServerReply::chat("no"); });
  auto synth2 = make_synth(fast_options(stubborn));
  auto f = synth2.synthesize(scale_kernel(), std::nullopt);
  EXPECT_EQ(f.status, "failed");
  EXPECT_NE(f.reason.find("malformed model reply: analysis stage, after 3 replies"), std::string::npos) << f.reason;
  EXPECT_EQ(stubborn.chat_requests().size(), 3u);
}

TEST(OpenAISynth, AnAttemptStoppedByTheEndpointResumesWhereItStopped) {
  LlmServer server;
  server.push(LlmServerReply::chat(contract_reply()));
  server.push(LlmServerReply::error(401, "key revoked"));
  server.set_handler(good_handler());
  auto synth = make_synth(fast_options(server));
  auto first = synth.synthesize(scale_kernel(), std::nullopt);
  EXPECT_EQ(first.status, "failed");
  EXPECT_NE(first.reason.find("HTTP 401"), std::string::npos) << first.reason;
  ASSERT_EQ(first.model_calls.size(), 2u);
  EXPECT_NE(first.model_calls[1].error.find("401"), std::string::npos);
  auto second = synth.synthesize(scale_kernel(), synth::Feedback{1, "synthesis", "failed", first.reason});
  ASSERT_EQ(second.status, "ok") << second.reason;
  EXPECT_EQ(stages_asked(server),
            (std::vector<std::string>{"analysis", "launch_specs", "launch_specs", "golden", "doc"}));
}

TEST(OpenAISynth, WrongParameterListIsFedBack) {
  LlmServer server;
  auto wrong = json::parse(fenced_block(contract_reply(), "json"));
  wrong["params"].erase(0);
  server.push(LlmServerReply::chat(wrong.dump()));
  server.set_handler(good_handler());
  auto synth = make_synth(fast_options(server));
  auto s = synth.synthesize(scale_kernel(), std::nullopt);
  ASSERT_EQ(s.status, "ok");
  EXPECT_NE(server.chat_requests()[1].last_user_message().find("exactly [d, x, y]"), std::string::npos);
}

TEST(OpenAISynth, BudgetReachedMidRunIsRecordedNotThrown) {
  LlmServer server;
  server.set_handler(good_handler());
  BudgetLimits b;
  b.max_calls = 6;
  Limits limits{std::make_shared<Budget>(b), std::make_shared<InFlightLimit>(2)};
  auto synth = make_synth(fast_options(server), limits);
  auto k1 = scale_kernel();
  auto k2 = scale_kernel();
  k2.kernel_id = 8;
  EXPECT_EQ(synth.synthesize(k1, std::nullopt).status, "ok");
  auto s = synth.synthesize(k2, std::nullopt);
  EXPECT_EQ(s.status, synth::kBudgetExhausted);
  EXPECT_EQ(s.reason.rfind("budget exhausted:", 0), 0u) << s.reason;
  EXPECT_EQ(server.chat_requests().size(), 6u);
  EXPECT_EQ(s.model_calls.size(), 3u) << "two answered calls and the refused one";
  EXPECT_NE(s.model_calls[2].error.find("budget exhausted"), std::string::npos);
}

TEST(OpenAISynth, RecordThenReplayGivesTheSameSynthesis) {
  test::TempDir dir;
  json recorded;
  {
    LlmServer server;
    server.set_handler(good_handler(false));
    auto o = fast_options(server);
    o.record_dir = (dir / "rec").string();
    auto synth = make_synth(o);
    auto a = synth.synthesize(scale_kernel(), std::nullopt);
    auto b = synth.synthesize(scale_kernel(), synth::Feedback{1, "compare", "mismatch", "y[0] differs"});
    recorded = {launch_spec_to_json(b.cases[0]), a.golden, b.golden, b.doc};
  }
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir / "rec")) files += e.path().extension() == ".json";
  EXPECT_EQ(files, 5);

  ClientOptions o;
  o.base_url = "http://127.0.0.1:9/v1";  // nothing listens: a network call would fail
  o.model = "test-model";
  o.structured = "off";
  o.replay_dir = (dir / "rec").string();
  auto synth = make_synth(o);
  auto a = synth.synthesize(scale_kernel(), std::nullopt);
  auto b = synth.synthesize(scale_kernel(), synth::Feedback{1, "compare", "mismatch", "y[0] differs"});
  ASSERT_EQ(b.status, "ok") << b.reason;
  EXPECT_EQ((json{launch_spec_to_json(b.cases[0]), a.golden, b.golden, b.doc}), recorded);

  // Different feedback is a different request: a clear miss naming the hash.
  auto c = synth.synthesize(scale_kernel(), synth::Feedback{2, "compare", "mismatch", "y[9] differs"});
  EXPECT_EQ(c.status, "failed");
  EXPECT_NE(c.reason.find("no recorded reply for request "), std::string::npos) << c.reason;
}

TEST(LlmCallsTable, StoresTheCallsOfASynthesis) {
  test::TempDir dir;
  db::Database database(dir / "kq.db");
  database.exec(
      "INSERT INTO repos(id,url,name) VALUES(1,'u','r');"
      "INSERT INTO snapshots(id,repo_id,commit_sha) VALUES(1,1,'abc');"
      "INSERT INTO files(id,snapshot_id,path,sha256,size,language) VALUES(1,1,'a.cu','h',1,'cuda');"
      "INSERT INTO kernels(id,file_id,name,qualified_name,dialect,line_begin,line_end,signature,source,"
      "content_hash) VALUES(7,1,'k','k','cuda',1,2,'s','src','h');"
      "INSERT INTO syntheses(id,kernel_id,synthesizer) VALUES(3,7,'openai');");
  std::vector<db::LlmCallRecord> made = {{std::nullopt, "analysis", "openai", "m", "[]", "{}", 5, 6, 7, ""},
                                         {std::nullopt, "golden", "openai", "m", "[]", "", 0, 0, 9, "timeout"}};
  EXPECT_EQ(db::store_llm_calls(database, 3, made), 2);
  auto calls = db::llm_calls_for_synthesis(database, 3);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].stage, "analysis");
  EXPECT_EQ(calls[0].tokens_out, 6);
  EXPECT_EQ(calls[1].error, "timeout");
  EXPECT_EQ(*calls[1].synthesis_id, 3);
}

}  // namespace
}  // namespace kq::llm
