// The commands, driven through the real kquarry binary: `llm ping` against the
// scripted server and `inspect --failed` on a database with two attempts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "db/llm_calls.hpp"
#include "tests/support/llm_server.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

using nlohmann::json;
using test::LlmServer;
using test::LlmServerReply;

TEST(LlmCli, PingListsTheModels) {
  LlmServer server;
  server.set_models_reply(LlmServerReply::models({"test-model", "other"}));
  test::TempDir dir;
  auto r = test::run_kquarry({"llm", "ping", "--json", "--set", "llm.base_url=" + server.base_url(), "--set",
                              "llm.model=test-model"}, dir.path(), 60);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = json::parse(r.out);
  EXPECT_TRUE(out["ok"].get<bool>());
  EXPECT_EQ(out["models"], (json{"test-model", "other"}));
  EXPECT_TRUE(out["model_served"].get<bool>());

  auto text = test::run_kquarry({"llm", "ping", "--set", "llm.base_url=" + server.base_url()}, dir.path(), 60);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("2 model(s)"), std::string::npos) << text.out;
}

TEST(LlmCli, PingSaysWhatIsWrong) {
  LlmServer server;
  server.set_models_reply(LlmServerReply::error(401, "invalid api key"));
  test::TempDir dir;
  auto r = test::run_kquarry({"llm", "ping", "--set", "llm.base_url=" + server.base_url()}, dir.path(), 60);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("HTTP 401"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("API key"), std::string::npos) << r.err;

  int port = server.port();
  server.stop();
  auto gone = test::run_kquarry({"llm", "ping", "--json", "--set",
                                 "llm.base_url=http://127.0.0.1:" + std::to_string(port) + "/v1"},
                                dir.path(), 60);
  EXPECT_EQ(gone.exit_code, 3);
  auto out = json::parse(gone.out);
  EXPECT_FALSE(out["ok"].get<bool>());
  EXPECT_NE(out["error"].get<std::string>().find("cannot reach"), std::string::npos);
}

// One kernel, two model attempts: a wrong golden, then a repaired one that still fails.
void fill_failed_kernel(db::Database& db) {
  db.exec(
      "INSERT INTO repos(id,url,name) VALUES(1,'u','r');"
      "INSERT INTO snapshots(id,repo_id,commit_sha) VALUES(1,1,'abc');"
      "INSERT INTO files(id,snapshot_id,path,sha256,size,language) VALUES(1,1,'a.cu','h',1,'cuda');"
      "INSERT INTO kernels(id,file_id,name,qualified_name,dialect,line_begin,line_end,signature,source,"
      "content_hash,stage,failed_stage,fail_reason) VALUES(7,1,'scale_shift','scale_shift','cuda',1,2,'s','src',"
      "'h','synthesized','verify','golden never agreed');"
      "INSERT INTO kernels(id,file_id,name,qualified_name,dialect,line_begin,line_end,signature,source,"
      "content_hash,stage) VALUES(8,1,'fine','fine','cuda',3,4,'s','src','h2','verified');"
      "INSERT INTO units(kernel_id,source,standalone_ok) VALUES(7,'__global__ void scale_shift() {}',1);"
      "INSERT INTO analysis(kernel_id,json) VALUES(7,'{\"index_pattern\":\"1d\"}');"
      "INSERT INTO syntheses(id,kernel_id,synthesizer,attempt,golden,tests,status) VALUES(1,7,'openai',1,"
      "'void kq_golden() {}','[{\"name\":\"typical\",\"kernel\":\"scale_shift\"}]','ok');"
      "INSERT INTO syntheses(id,kernel_id,synthesizer,attempt,golden,tests,status,feedback) VALUES(2,7,'openai',2,"
      "'void kq_golden() { /* v2 */ }','[{\"name\":\"typical\",\"kernel\":\"scale_shift\"}]','ok',"
      "'{\"attempt\":1,\"stage\":\"compare\",\"status\":\"mismatch\",\"message\":\"y[3]: expected 0.5 got 0\"}');"
      "INSERT INTO syntheses(id,kernel_id,synthesizer) VALUES(3,8,'builtin');"
      "INSERT INTO verifications(synthesis_id,backend,status,stage,log,case_name) VALUES(1,'cpu-sim','mismatch',"
      "'compare','y[3]: expected 0.5 got 0','typical');"
      "INSERT INTO verifications(synthesis_id,backend,status,stage,log,case_name) VALUES(2,'cpu-sim','mismatch',"
      "'compare','y[9]: expected 1 got 2','typical');");
  auto call = [&](std::int64_t sid, const std::string& stage, const std::string& reply) {
    db::LlmCallRecord c;
    c.synthesis_id = sid;
    c.stage = stage;
    c.provider = "openai";
    c.model = "m";
    c.prompt = json::array({{{"role", "user"}, {"content", "Stage: " + stage}}}).dump();
    c.response = reply;
    db::insert_llm_call(db, c);
  };
  call(1, "analysis", "{\"summary\": \"s\"}");
  call(1, "launch_specs", "{\"cases\": []}");
  call(1, "golden", "```cpp\nvoid kq_golden() {}\n```");
  call(2, "golden", "```cpp\nvoid kq_golden() { /* v2 */ }\n```");
}

TEST(InspectCli, WritesANumberedFolderPerFailedKernel) {
  test::TempDir dir;
  {
    db::Database db(dir / "kquarry.db");
    fill_failed_kernel(db);
  }
  auto r = test::run_kquarry({"inspect", "--failed", "--out", "ws", "--db", "kquarry.db"}, dir.path(), 60);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto k = dir / "ws" / "7-scale_shift";
  ASSERT_TRUE(std::filesystem::is_directory(k)) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "ws" / "8-fine")) << "verified kernels are left out";
  for (const char* f : {"unit.cu", "analysis.json", "01-analysis.prompt.md", "02-analysis.reply.json",
                        "03-launch_specs.prompt.md", "04-launch_specs.reply.json", "05-golden.prompt.md",
                        "06-golden.reply.md", "07-cases.json", "08-golden.cpp", "09-synthesis.txt",
                        "10-verify-typical-cpu-sim.log", "11-a2-feedback.txt", "12-a2-golden.prompt.md",
                        "13-a2-golden.reply.md", "14-a2-cases.json", "15-a2-golden.cpp", "16-a2-synthesis.txt",
                        "17-a2-verify-typical-cpu-sim.log", "reproduce.sh",
                        "cases/typical.json"})
    EXPECT_TRUE(std::filesystem::exists(k / f)) << f;
  EXPECT_NE(test::read_text(k / "01-analysis.prompt.md").find("Stage: analysis"), std::string::npos);
  EXPECT_NE(test::read_text(k / "11-a2-feedback.txt").find("y[3]: expected 0.5 got 0"), std::string::npos);
  EXPECT_NE(test::read_text(k / "17-a2-verify-typical-cpu-sim.log").find("y[9]: expected 1 got 2"),
            std::string::npos);
  EXPECT_NE(test::read_text(k / "reproduce.sh")
                .find("kquarry sim unit.cu --spec cases/typical.json --backend cpu-sim --out out/typical"),
            std::string::npos);
}

TEST(InspectCli, ABuiltinFailureKeepsItsPlanAndReplaysItsCase) {
  test::TempDir dir;
  {
    db::Database db(dir / "kquarry.db");
    db.exec(
        "INSERT INTO repos(id,url,name) VALUES(1,'u','r');"
        "INSERT INTO snapshots(id,repo_id,commit_sha) VALUES(1,1,'abc');"
        "INSERT INTO files(id,snapshot_id,path,sha256,size,language) VALUES(1,1,'a.cu','h',1,'cuda');"
        "INSERT INTO kernels(id,file_id,name,qualified_name,dialect,line_begin,line_end,signature,source,"
        "content_hash,stage,failed_stage,fail_reason) VALUES(4,1,'traps','traps','cuda',1,2,'s','src','h',"
        "'analyzed','synthesized','cpu-sim crash in case typical');"
        "INSERT INTO units(kernel_id,source,standalone_ok) VALUES(4,'__global__ void traps(float* y) {}',1);"
        "INSERT INTO syntheses(id,kernel_id,synthesizer,attempt,tests,doc_json,status,reason) VALUES(1,4,"
        "'builtin',1,'[{\"name\":\"typical\",\"kernel\":\"traps\"}]',"
        "'{\"synthesis\":{\"plan\":{\"params\":[{\"name\":\"y\",\"count\":[\"n\"],"
        "\"count_from\":\"the allocation at a launch site\"}]}}}','failed','cpu-sim crash in case typical');");
  }
  auto r = test::run_kquarry({"inspect", "--failed", "--out", "ws", "--db", "kquarry.db"}, dir.path(), 60);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto k = dir / "ws" / "4-traps";
  EXPECT_NE(test::read_text(k / "03-plan.json").find("the allocation at a launch site"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(k / "cases" / "typical.json"));
  EXPECT_NE(test::read_text(k / "reproduce.sh").find("--spec cases/typical.json"), std::string::npos);
}

TEST(InspectCli, NeedsASelection) {
  test::TempDir dir;
  auto r = test::run_kquarry({"inspect", "--out", "ws"}, dir.path(), 60);
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace kq
