// Curation end to end on fixture rows: stable task ids, the release layout
// and its manifest, and eval's exit codes.
#include <gtest/gtest.h>

#include <algorithm>

#include <fstream>

#include "core/hash.hpp"
#include "curation/curate.hpp"
#include "curation/evaluator.hpp"
#include "curation/export.hpp"
#include "db/curation.hpp"
#include "db/releases.hpp"
#include "tests/support/curation_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq::curation {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

CurateOptions fast_options(const fs::path& work) {
  CurateOptions o;
  o.policy.allowed_licenses = {"MIT", "BSD-3-Clause"};
  o.mutation_check = false;
  o.work_dir = work;
  return o;
}

std::string task_id_of(db::Database& db, std::int64_t kernel_id) {
  auto st = db.prepare("SELECT task_id FROM curated_tasks WHERE kernel_id=? AND dialect='hip'");
  st.bind(1, kernel_id);
  return st.step() ? st.text(0) : "";
}

std::vector<json> read_jsonl(const fs::path& p) {
  std::vector<json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) out.push_back(json::parse(line));
  return out;
}

TEST(TaskIds, StableAcrossRerunsAndAddedKernels) {
  test::TempDir dir;
  fs::path dbp = dir / "kq.db";
  std::int64_t saxpy = 0, sum = 0, added = 0;
  {
    db::Database db(dbp);
    saxpy = test::insert_fixture_kernel(db, test::saxpy_fixture());
    sum = test::insert_fixture_kernel(db, test::block_sum_fixture());
  }
  curate(dbp, fast_options(dir / "w"));
  db::Database db(dbp);
  // Numbers follow the content (repository url, path, line), not the row ids:
  // example.org/reductions comes before example.org/vecops.
  EXPECT_EQ(task_id_of(db, sum), "KernelQuarry/0001");
  EXPECT_EQ(task_id_of(db, saxpy), "KernelQuarry/0002");
  // A new kernel that sorts before the others in every way still gets a new number.
  auto extra = test::saxpy_fixture();
  extra.name = "aaa_first";
  extra.path = "src/a.cu";
  extra.kernel_source = "__global__ void aaa_first(int n, float a, const float* x, float* y) {\n}\n";
  added = test::insert_fixture_kernel(db, extra);
  auto again = curate(dbp, fast_options(dir / "w"));
  EXPECT_EQ(again.skipped_done, 2u);
  EXPECT_EQ(task_id_of(db, sum), "KernelQuarry/0001");
  EXPECT_EQ(task_id_of(db, saxpy), "KernelQuarry/0002");
  EXPECT_EQ(task_id_of(db, added), "");  // its unit has no such kernel body: not curated
  EXPECT_EQ(db::find_task_number(db, "https://example.org/vecops\nsrc/a.cu\naaa_first"), 3);
}

TEST(Curate, DuplicatesLicensesAndReviewQueue) {
  test::TempDir dir;
  fs::path dbp = dir / "kq.db";
  db::Database db(dbp);
  auto first = test::insert_fixture_kernel(db, test::saxpy_fixture());
  auto copy = test::saxpy_fixture();
  copy.path = "src/copy.cu";
  auto dup = test::insert_fixture_kernel(db, copy);
  auto unknown = test::block_sum_fixture();
  unknown.repo_url = "https://example.org/unlicensed";
  unknown.license = "NOASSERTION";
  auto held = test::insert_fixture_kernel(db, unknown);
  auto sum = curate(dbp, fast_options(dir / "w"));
  EXPECT_EQ(sum.curated, 1u);
  EXPECT_EQ(sum.dropped, 2u);
  // The copy comes first in content order (src/copy.cu before src/saxpy.cu),
  // whatever the order the rows were written in: it is the one kept.
  EXPECT_EQ(task_id_of(db, dup), "KernelQuarry/0001");
  auto k = db::load_curation_kernel(db, first);
  EXPECT_EQ(k->fail_reason, "exact duplicate of kernel " + std::to_string(dup));
  auto r = db::get_review(db, held);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->decision, "needs_review");
  db::set_review(db, held, "accept", "license checked", "alice");
  auto after = curate(dbp, fast_options(dir / "w"));
  EXPECT_EQ(after.curated, 2u);
  EXPECT_FALSE(task_id_of(db, held).empty());
}

class ReleaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dbp_ = dir_ / "kq.db";
    {
      db::Database db(dbp_);
      saxpy_ = test::insert_fixture_kernel(db, test::saxpy_fixture());
      test::insert_fixture_kernel(db, test::block_sum_fixture());
    }
    curate(dbp_, fast_options(dir_ / "w"));
    ExportOptions o;
    o.out_dir = dir_ / "out";
    o.version = "1.2.3";
    res_ = export_release(dbp_, o);
  }
  test::TempDir dir_;
  fs::path dbp_;
  std::int64_t saxpy_ = 0;
  ExportResult res_;
};

TEST_F(ReleaseTest, LayoutRecordsAndManifest) {
  fs::path rel = dir_ / "out" / "release-1.2.3";
  EXPECT_EQ(res_.release_dir, rel);
  for (const char* f : {"tasks.hip.jsonl", "tasks.cuda.jsonl", "README.md", "report.html", "MANIFEST.json",
                        "runtime/kq/cpu_sim.hpp", "runtime/kq/host.hpp"})
    EXPECT_TRUE(fs::exists(rel / f)) << f;
  auto hip = read_jsonl(rel / "tasks.hip.jsonl");
  auto cuda = read_jsonl(rel / "tasks.cuda.jsonl");
  ASSERT_EQ(hip.size(), 2u);
  ASSERT_EQ(cuda.size(), 2u);
  for (const char* key : {"task_id", "dialect", "entry_point", "complete_prompt", "instruct_prompt", "code_prompt",
                          "canonical_solution", "test", "doc_struct", "libs", "tags", "source", "verification",
                          "provenance"})
    EXPECT_TRUE(hip[0].contains(key)) << key;
  EXPECT_EQ(hip[0]["task_id"], "KernelQuarry/0001");
  EXPECT_EQ(hip[0]["entry_point"], "block_sum256");  // example.org/reductions sorts first
  EXPECT_EQ(hip[1]["entry_point"], "saxpy");
  EXPECT_EQ(hip[0]["dialect"], "hip");
  EXPECT_EQ(cuda[0]["dialect"], "cuda");
  std::swap(hip[0], hip[1]);  // the checks below are of the saxpy task
  std::swap(cuda[0], cuda[1]);
  EXPECT_EQ(hip[0]["task_id"], "KernelQuarry/0002");
  EXPECT_EQ(hip[0]["source"]["license"], "MIT");
  EXPECT_EQ(hip[0]["source"]["lines"], json::array({10, 14}));
  EXPECT_EQ(hip[0]["verification"]["executed_on"], json::array({"cpu-sim"}));
  EXPECT_EQ(hip[0]["verification"]["cases"], 2);
  EXPECT_EQ(hip[0]["libs"], json::array({"hip_runtime"}));
  EXPECT_EQ(cuda[0]["libs"], json::array({"cuda_runtime"}));
  EXPECT_NE(std::find(hip[0]["tags"].begin(), hip[0]["tags"].end(), "elementwise"), hip[0]["tags"].end());

  auto manifest = json::parse(test::read_text(rel / "MANIFEST.json"));
  EXPECT_EQ(sha256_file_hex(rel / "MANIFEST.json"), res_.manifest_sha256);
  std::size_t listed = 0;
  for (const auto& f : manifest["files"]) {
    EXPECT_EQ(sha256_file_hex(rel / f["path"].get<std::string>()), f["sha256"]) << f["path"];
    ++listed;
  }
  std::size_t on_disk = 0;
  for (const auto& e : fs::recursive_directory_iterator(rel)) on_disk += e.is_regular_file();
  EXPECT_EQ(listed + 1, on_disk);  // everything but MANIFEST.json itself
  EXPECT_TRUE(manifest["toolchains"].contains("g++"));
  EXPECT_EQ(manifest["sources"].size(), 2u);

  std::string card = test::read_text(rel / "README.md");
  EXPECT_NE(card.find("| MIT | 1 |"), std::string::npos) << card;
  std::string html = test::read_text(rel / "report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no external assets

  db::Database db(dbp_);
  EXPECT_EQ(db::release_tasks(db, "1.2.3").size(), 2u);
  EXPECT_EQ(db::load_curation_kernel(db, saxpy_)->stage, "released");
}

TEST_F(ReleaseTest, EvalExitCodes) {
  fs::path rel = res_.release_dir;
  auto cuda = read_jsonl(rel / "tasks.cuda.jsonl");
  auto saxpy = std::find_if(cuda.begin(), cuda.end(), [](const json& t) { return t["entry_point"] == "saxpy"; });
  ASSERT_NE(saxpy, cuda.end());
  const std::string id = (*saxpy)["task_id"];
  const std::string good = (*saxpy)["canonical_solution"];
  auto sample = [&](const std::string& completion) {
    return json{{"task_id", id}, {"dialect", "cuda"}, {"completion", completion}}.dump() + "\n";
  };
  EvalOptions o;
  o.release_dir = rel;
  o.backend = "cpu-sim";
  o.jobs = 2;
  o.test.pch_dir = fs::temp_directory_path() / "kq-curation-test-pch";
  o.samples = dir_ / "good.jsonl";
  test::write_text(o.samples, sample(good));
  auto ok = evaluate(o);
  ASSERT_EQ(ok.samples.size(), 1u);
  EXPECT_EQ(ok.samples[0].verdict, "correct") << ok.samples[0].reason;
  EXPECT_EQ(ok.exit_code, 0);

  o.samples = dir_ / "bad.jsonl";
  std::string wrong = good;
  wrong.replace(wrong.find("a * x[i]"), 8, "a - x[i]");
  std::string nothing = "}\n";
  std::string clobber =
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) { y[i] = a * x[i] + y[i]; const_cast<float*>(x)[i] = 1.0f; }\n}\n";
  test::write_text(o.samples, sample(wrong) + sample(nothing) + sample(clobber) +
                                  json{{"task_id", "KernelQuarry/9999"}, {"dialect", "cuda"}, {"solution", ""}}.dump());
  auto bad = evaluate(o);
  ASSERT_EQ(bad.samples.size(), 4u);
  for (const auto& s : bad.samples) EXPECT_EQ(s.verdict, "incorrect") << s.line;
  EXPECT_NE(bad.samples[2].reason.find("modified"), std::string::npos) << bad.samples[2].reason;
  EXPECT_NE(bad.samples[3].reason.find("unknown task"), std::string::npos);
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace kq::curation
