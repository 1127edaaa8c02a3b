// `kquarry synth --max-calls N` through the real binary against the scripted
// server: when the budget runs out the stage stops asking the model, the
// kernels not yet done stay `analyzed` (nothing recorded against them), the
// summary says the budget was reached, the exit code is 1, and a later run
// with more budget finishes them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "db/database.hpp"
#include "synth/synthesizer.hpp"
#include "tests/support/llm_script.hpp"
#include "tests/support/llm_server.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

using nlohmann::json;
using test::LlmServer;

const char* kUnit = R"(#include <cuda_runtime.h>
__global__ void add_one(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i] + 1.0f;
}
)";

KernelAnalysis add_one_analysis() {
  KernelAnalysis a;
  a.index_pattern = "1d";
  a.params = {{.name = "x", .type = "const float *", .elem_type = "float", .is_pointer = true, .is_const = true,
               .reads = true, .index_exprs = {"i"}},
              {.name = "y", .type = "float *", .elem_type = "float", .is_pointer = true, .writes = true,
               .index_exprs = {"i"}},
              {.name = "n", .type = "int", .elem_type = "int"}};
  return a;
}

// Three analyzed copies of add_one, ready for synthesis.
void fill_analyzed_kernels(db::Database& db) {
  db.exec(
      "INSERT INTO repos(id,url,name) VALUES(1,'u','r');"
      "INSERT INTO snapshots(id,repo_id,commit_sha) VALUES(1,1,'abc');"
      "INSERT INTO files(id,snapshot_id,path,sha256,size,language) VALUES(1,1,'a.cu','h',1,'cuda');");
  std::string source = std::string(kUnit).substr(std::string(kUnit).find("__global__"));
  for (std::int64_t id = 1; id <= 3; ++id) {
    db.prepare("INSERT INTO kernels(id,file_id,name,qualified_name,dialect,line_begin,line_end,signature,source,"
               "content_hash,stage) VALUES(?1,1,'add_one','add_one','cuda',?1,?1,?2,?3,?4,'analyzed')")
        .bind(1, id).bind(2, "__global__ void add_one(const float* x, float* y, int n)").bind(3, source)
        .bind(4, "h" + std::to_string(id)).step();
    db.prepare("INSERT INTO units(kernel_id,source,standalone_ok) VALUES(?1,?2,1)").bind(1, id).bind(2, kUnit).step();
    db.prepare("INSERT INTO analysis(kernel_id,json) VALUES(?1,?2)")
        .bind(1, id).bind(2, analysis_to_json(add_one_analysis()).dump()).step();
  }
}

json add_one_case(const std::string& name, int n) {
  return {{"name", name}, {"kernel", "add_one"}, {"grid", {(n + 127) / 128, 1, 1}}, {"block", {128, 1, 1}},
          {"args", {{{"name", "x"}, {"kind", "buffer"}, {"type", "float"}, {"count", n}, {"role", "in"},
                     {"init", {{"dist", "uniform"}, {"lo", -1}, {"hi", 1}, {"seed", 1}}}},
                    {{"name", "y"}, {"kind", "buffer"}, {"type", "float"}, {"count", n}, {"role", "out"}},
                    {{"name", "n"}, {"kind", "scalar"}, {"type", "int"}, {"value", n}}}},
          {"compare", {{"rtol", 0}, {"atol", 0}}}};
}

// The model's four replies for add_one, as files the scripted server serves.
void write_replies(const std::filesystem::path& dir) {
  auto k = dir / "add_one";
  json params = {{{"name", "x"}, {"role", "in"}, {"shape", "n"}, {"description", "input"}},
                 {{"name", "y"}, {"role", "out"}, {"shape", "n"}, {"description", "x + 1"}},
                 {{"name", "n"}, {"role", "size"}, {"shape", ""}, {"description", "count"}}};
  test::write_text(k / "analysis.json", json{{"summary", "y = x + 1"}, {"contract", "y[i] = x[i] + 1 for i < n"},
                                             {"params", params}, {"launch", "one thread per element"}}.dump());
  test::write_text(k / "launch_specs.json", json{{"cases", {add_one_case("typical", 1000), add_one_case("one", 1)}}}.dump());
  test::write_text(k / "golden.cpp",
                   "void kq_golden(const float* x, float* y, int n) {\n"
                   "  for (int i = 0; i < n; ++i) y[i] = x[i] + 1.0f;\n}\n");
  test::write_text(k / "doc.json", json{{"summary", "Adds one to each of the first n elements of x."},
                                        {"params", params}, {"launch", "one thread per element"}}.dump());
}

std::vector<std::string> stages(const std::filesystem::path& db_path) {
  db::Database db(db_path);
  auto st = db.prepare("SELECT stage || '/' || COALESCE(failed_stage, '-') FROM kernels ORDER BY id");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::vector<std::string> synth_args(const LlmServer& server, const std::string& max_calls) {
  return {"synth", "--synthesizer", "openai", "--jobs", "1", "--max-calls", max_calls,
          "--set", "llm.base_url=" + server.base_url(), "--set", "llm.model=test-model",
          "--set", "llm.backoff_ms=10"};
}

TEST(SynthBudget, RunningOutStopsTheStageAndLeavesTheRestForALaterRun) {
  test::TempDir dir;
  {
    db::Database db(dir / "kquarry.db");
    fill_analyzed_kernels(db);
  }
  write_replies(dir / "replies");
  LlmServer server;
  server.set_handler(test::llm_reply_dir_handler(dir / "replies"));

  // Four calls make one kernel; the sixth call is the last the budget allows.
  auto first = test::run_kquarry(synth_args(server, "6"), dir.path(), 300);
  EXPECT_EQ(first.exit_code, 1) << first.out << first.err;
  EXPECT_NE(first.out.find("1 ok, 0 failed"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("budget exhausted: the limit of 6 model calls"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("2 kernel(s) left at their stage for a later run"), std::string::npos) << first.out;
  EXPECT_EQ(server.chat_requests().size(), 6u) << "no call is made once the budget is spent";
  EXPECT_EQ(stages(dir / "kquarry.db"), (std::vector<std::string>{"synthesized/-", "analyzed/-", "analyzed/-"}));
  {
    db::Database db(dir / "kquarry.db");
    auto st = db.prepare("SELECT kernel_id, status FROM syntheses ORDER BY id");
    std::vector<std::string> rows;
    while (st.step()) rows.push_back(std::to_string(st.int64(0)) + ":" + st.text(1));
    EXPECT_EQ(rows, (std::vector<std::string>{"1:ok", std::string("2:") + synth::kBudgetExhausted}))
        << "the interrupted attempt keeps its two calls; the third kernel was never asked";
    auto calls = db.prepare("SELECT COUNT(*) FROM llm_calls WHERE synthesis_id = 2");
    ASSERT_TRUE(calls.step());
    EXPECT_EQ(calls.int64(0), 3) << "two answered calls and the refused one";
  }

  // More budget: the same command takes up exactly the two kernels left.
  auto second = test::run_kquarry([&] {
    auto a = synth_args(server, "20");
    a.push_back("--json");
    return a;
  }(), dir.path(), 300);
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  auto report = json::parse(second.out);
  EXPECT_EQ(report["selected"], 2);
  EXPECT_EQ(report["ok"], 2);
  EXPECT_EQ(report["deferred"], 0);
  EXPECT_FALSE(report["budget_reached"].get<bool>());
  EXPECT_EQ(server.chat_requests().size(), 14u);
  EXPECT_EQ(stages(dir / "kquarry.db"),
            (std::vector<std::string>{"synthesized/-", "synthesized/-", "synthesized/-"}));
}

}  // namespace
}  // namespace kq
