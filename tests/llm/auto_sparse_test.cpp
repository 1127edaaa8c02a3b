// `--synthesizer auto` on a kernel of the example corpus that builtin cannot
// shape (examples/sparse, ell_scale_rows_half: its row count lives in device
// memory), end to end through the real binary: mine -> extract -> synth auto
// against the scripted server serving bench/llm/replies -> verify on cpu-sim.
// The model's golden is written with the runtime's host-side __half.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/subprocess.hpp"
#include "db/database.hpp"
#include "tests/support/llm_script.hpp"
#include "tests/support/llm_server.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> rows(db::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

TEST(AutoSynthesisOnTheCorpus, BuiltinDeclinesTheModelsHalfGoldenVerifies) {
  if (find_program("nvcc").empty() && !fs::exists("/usr/local/cuda/bin/nvcc"))
    GTEST_SKIP() << "nvcc is needed for the extractor's compile check";
  test::TempDir dir;
  // The project without its ragged-row file: two kernels, one of them synthesized here.
  fs::copy(test::examples_dir() / "sparse", dir / "sparse", fs::copy_options::recursive);
  fs::remove(dir / "sparse" / "src" / "ragged.cu");
  test::write_text(dir / "repos.txt", "sparse\n");
  test::LlmServer server;
  server.set_handler(test::llm_reply_dir_handler(test::source_root() / "bench" / "llm" / "replies"));

  auto mine = test::run_kquarry({"mine", "--repos", "repos.txt"}, dir.path(), 300);
  ASSERT_EQ(mine.exit_code, 0) << mine.err;
  auto extract = test::run_kquarry({"extract"}, dir.path(), 300);
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  auto synth = test::run_kquarry({"synth", "--synthesizer", "auto", "--kernel", "ell_scale_rows_half", "--set",
                                  "llm.base_url=" + server.base_url(), "--set", "llm.model=scripted"},
                                 dir.path(), 300);
  ASSERT_EQ(synth.exit_code, 0) << synth.out << synth.err;
  auto verify = test::run_kquarry({"verify", "--kernel", "ell_scale_rows_half", "--backends", "cpu-sim"},
                                  dir.path(), 300);
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  db::Database db(dir / "kquarry.db");
  EXPECT_EQ(rows(db, "SELECT name || ':' || stage FROM kernels ORDER BY name"),
            (std::vector<std::string>{"ell_scale_rows_half:verified", "ell_spmv:analyzed"}));
  auto attempts = rows(db, "SELECT s.synthesizer || '/' || s.status || '/' || COALESCE(s.reason, '') FROM syntheses s "
                           "JOIN kernels k ON k.id = s.kernel_id WHERE k.name = 'ell_scale_rows_half' ORDER BY s.id");
  ASSERT_EQ(attempts.size(), 2u) << ::testing::PrintToString(attempts);
  EXPECT_EQ(attempts[0].rfind("builtin/unsupported/unsupported:", 0), 0u) << attempts[0];
  EXPECT_EQ(attempts[1], "openai/ok/");
  auto golden = rows(db, "SELECT golden FROM syntheses WHERE synthesizer = 'openai'");
  ASSERT_EQ(golden.size(), 1u);
  EXPECT_NE(golden[0].find("__hmul(vals[slot], row_scale[r])"), std::string::npos) << golden[0];
  auto checks = rows(db, "SELECT v.backend || ':' || v.status FROM verifications v "
                         "JOIN syntheses s ON s.id = v.synthesis_id WHERE s.synthesizer = 'openai' GROUP BY 1");
  EXPECT_EQ(checks, (std::vector<std::string>{"cpu-sim:pass"})) << "every case agrees with the model's golden";
  EXPECT_EQ(server.chat_requests().size(), 4u) << "one call per stage, no repair needed";
}

}  // namespace
}  // namespace kq
