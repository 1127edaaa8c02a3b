// `kquarry synth --synthesizer auto` end to end with the scripted server: a
// recursive kernel, which builtin does not take, is
// synthesized by the model, its wrong first golden is caught by the verifier
// on cpu-sim and repaired from the feedback on the second attempt.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/subprocess.hpp"
#include "db/database.hpp"
#include "tests/llm/fixtures.hpp"
#include "tests/support/llm_server.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

using nlohmann::json;
using test::LlmServer;
using test::LlmServerReply;
using test::llm_fixtures::stage_of;

const char* kKernel = R"(#include <cuda_runtime.h>

// Number of Collatz steps from v down to 1, counted by recursion.
__device__ int collatz_steps(const int* x, int i, long long v) {
  if (v <= 1) return 0;
  return 1 + collatz_steps(x, i, v % 2 ? 3 * v + 1 : v / 2);
}

// y[i] = number of Collatz steps of x[i], for i < n.
__global__ void collatz(const int* x, int* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = collatz_steps(x, i, x[i]);
}
)";

json collatz_case(const std::string& name, int n) {
  unsigned blocks = static_cast<unsigned>((n + 127) / 128);
  return {{"name", name}, {"kernel", "collatz"}, {"grid", {blocks, 1, 1}}, {"block", {128, 1, 1}},
          {"args", {{{"name", "x"}, {"kind", "buffer"}, {"type", "int"}, {"count", n}, {"role", "in"},
                     {"init", {{"dist", "randint"}, {"lo", 1}, {"hi", 200}, {"seed", 5}}}},
                    {{"name", "y"}, {"kind", "buffer"}, {"type", "int"}, {"count", n}, {"role", "out"}},
                    {{"name", "n"}, {"kind", "scalar"}, {"type", "int"}, {"value", n}}}},
          {"compare", {{"rtol", 0}, {"atol", 0}}}};
}

// A model that knows collatz, and whose first golden counts one step too many.
LlmServerReply answer(const test::LlmServerRequest& r) {
  std::string stage = stage_of(r);
  if (stage == "analysis")
    return LlmServerReply::chat(json{{"summary", "Collatz step counts of x into y"},
                                     {"contract", "for i in [0, n): y[i] = steps(x[i]) where steps(v) = 0 if v <= 1 "
                                                  "else 1 + steps(v odd ? 3v+1 : v/2)"},
                                     {"params", {{{"name", "x"}, {"role", "in"}, {"shape", "n"}, {"description", "start values"}},
                                                 {{"name", "y"}, {"role", "out"}, {"shape", "n"}, {"description", "steps"}},
                                                 {{"name", "n"}, {"role", "size"}, {"shape", ""}, {"description", "count"}}}},
                                     {"launch", "one thread per element"}}.dump());
  if (stage == "launch_specs")
    return LlmServerReply::chat("```json\n" +
                                json{{"cases", {collatz_case("typical", 1000), collatz_case("one", 1)}}}.dump() + "\n```");
  if (stage == "golden") {
    bool repair = r.last_user_message().find("did not pass verification") != std::string::npos;
    std::string start = repair ? "0" : "1";
    return LlmServerReply::chat("```cpp\nvoid kq_golden(const int* x, int* y, int n) {\n"
                                "  for (int i = 0; i < n; ++i) {\n    long long v = x[i];\n    int s = " + start +
                                ";\n    while (v > 1) { v = v % 2 ? 3 * v + 1 : v / 2; ++s; }\n    y[i] = s;\n  }\n}\n```");
  }
  if (stage == "doc")
    return LlmServerReply::chat(json{{"summary", "Counts the Collatz steps of each of the first n values of x."},
                                     {"params", {{{"name", "x"}, {"description", "start values, n ints >= 1"}},
                                                 {{"name", "y"}, {"description", "step counts, n ints"}},
                                                 {{"name", "n"}, {"description", "element count"}}}},
                                     {"launch", "one thread per element"}}.dump());
  return LlmServerReply::error(400, "unknown stage");
}

TEST(LlmEndToEnd, AutoHandsWhatBuiltinCannotShapeToTheModel) {
  if (find_program("nvcc").empty() && !std::filesystem::exists("/usr/local/cuda/bin/nvcc"))
    GTEST_SKIP() << "nvcc is needed for the extractor's compile check";
  test::TempDir dir;
  test::write_text(dir / "repo" / "src" / "steps.cu", kKernel);
  test::write_text(dir / "repos.txt", "repo\n");
  LlmServer server;
  server.set_handler(answer);

  auto mine = test::run_kquarry({"mine", "--repos", "repos.txt"}, dir.path(), 300);
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  auto extract = test::run_kquarry({"extract"}, dir.path(), 300);
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  std::filesystem::copy_file(dir / "kquarry.db", dir / "before-synth.db");
  auto synth = test::run_kquarry({"synth", "--synthesizer", "auto", "--set", "llm.base_url=" + server.base_url(),
                                  "--set", "llm.model=test-model", "--record", "recorded", "--json"},
                                 dir.path(), 600);
  ASSERT_EQ(synth.exit_code, 0) << synth.out << synth.err;

  db::Database db(dir / "kquarry.db");
  auto k = db.prepare("SELECT stage FROM kernels WHERE name = 'collatz'");
  ASSERT_TRUE(k.step());
  EXPECT_EQ(k.text(0), "synthesized");
  auto rows = db.prepare(
      "SELECT synthesizer, attempt, status, COALESCE(reason,''), COALESCE(feedback,'') FROM syntheses ORDER BY id");
  std::vector<std::string> seen;
  while (rows.step()) seen.push_back(rows.text(0) + "/" + std::to_string(rows.int64(1)) + "/" + rows.text(2));
  ASSERT_EQ(seen.size(), 3u) << ::testing::PrintToString(seen);
  EXPECT_EQ(seen[0], "builtin/1/unsupported") << "builtin does not take recursive kernels";
  EXPECT_EQ(seen[1], "openai/1/failed") << "the wrong golden must not verify";
  EXPECT_EQ(seen[2], "openai/2/ok");

  auto calls = db.prepare("SELECT COUNT(*), COUNT(synthesis_id) FROM llm_calls");
  ASSERT_TRUE(calls.step());
  EXPECT_EQ(calls.int64(0), 5);
  EXPECT_EQ(calls.int64(1), 5) << "every call belongs to an attempt";

  std::size_t recorded = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "recorded")) recorded += e.is_regular_file();
  EXPECT_EQ(recorded, 5u) << "--record stores every exchange";

  auto reqs = server.chat_requests();
  ASSERT_EQ(reqs.size(), 5u);
  EXPECT_EQ(stage_of(reqs.back()), "golden");
  EXPECT_NE(reqs.back().last_user_message().find("mismatch"), std::string::npos) << reqs.back().last_user_message();

  // The debugging workspace of that kernel holds both attempts and the feedback between them.
  auto inspect = test::run_kquarry({"inspect", "--kernel", "1", "--out", "ws"}, dir.path(), 120);
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto ws = dir / "ws" / "1-collatz";
  std::string listing;
  for (const auto& e : std::filesystem::directory_iterator(ws)) listing += e.path().filename().string() + " ";
  // The builtin attempt's plan (03-builtin-plan.json) comes before the model's files.
  for (const char* f : {"01-builtin-cases.json", "03-builtin-plan.json", "05-openai-analysis.prompt.md",
                        "06-openai-analysis.reply.json", "14-openai-golden.cpp", "18-openai-a2-feedback.txt",
                        "19-openai-a2-golden.prompt.md", "22-openai-a2-golden.cpp", "reproduce.sh", "unit.cu"})
    EXPECT_TRUE(std::filesystem::exists(ws / f)) << f << " in " << listing;
  EXPECT_NE(test::read_text(ws / "18-openai-a2-feedback.txt").find("mismatch"), std::string::npos);

  // Replay: the same synthesis again, from the recording, with the server gone.
  server.stop();
  auto replay = test::run_kquarry({"synth", "--db", "before-synth.db", "--synthesizer", "auto", "--set",
                                   "llm.base_url=" + server.base_url(), "--set", "llm.model=test-model",
                                   "--replay", "recorded"},
                                  dir.path(), 600);
  ASSERT_EQ(replay.exit_code, 0) << replay.out << replay.err;
  auto attempts = [](const std::filesystem::path& db_path) {
    db::Database d(db_path);
    auto st = d.prepare("SELECT synthesizer, attempt, status, COALESCE(golden, ''), COALESCE(tests, '') FROM syntheses "
                        "ORDER BY id");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0) + st.text(1) + st.text(2) + st.text(3) + st.text(4));
    return out;
  };
  EXPECT_EQ(attempts(dir / "before-synth.db"), attempts(dir / "kquarry.db"));
}

}  // namespace
}  // namespace kq
