// Hostile files through `kquarry mine` and `kquarry extract`: a file that is
// not UTF-8 keeps its kernel (decoded, its original bytes' hash recorded), a
// path that is not UTF-8 is skipped, and files over the parse limits (size,
// nesting) are skipped with the reason instead of reaching the parser.
#include <gtest/gtest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/hash.hpp"
#include "core/utf8.hpp"
#include "db/database.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json json_of(const RunResult& r) {
  auto j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  return j;
}

constexpr const char* kLatin1 =
    "// caf\xe9 na\xefve \x93quoted\x94\n"
    "/// Copies a \xb5-vector (\xa9 Fran\xe7ois).\n"
    "__global__ void latin1_copy(const float* in, float* out, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;  // \xe0 la carte\n"
    "  if (i < n) out[i] = in[i];\n"
    "}\n";

std::string nested(int depth) {
  return "__global__ void deep(int* y) {\n  y[0] = " + std::string(depth, '(') + "1" + std::string(depth, ')') +
         ";\n}\n";
}

// Sets a KQ_* variable for the kquarry children of one test.
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) { setenv(name.c_str(), value.c_str(), 1); }
  ~ScopedEnv() { unsetenv(name.c_str()); }
};

TEST(HostileInput, Latin1FileKeepsItsKernel) {
  test::TempDir dir;
  test::write_text(dir / "proj/src/latin1.cu", kLatin1);
  test::write_text(dir / "repos.txt", (dir / "proj").string() + "\n");
  ASSERT_EQ(test::run_kquarry({"--db", "kq.db", "mine", "--repos", "repos.txt"}, dir.path()).exit_code, 0);
  auto ex = test::run_kquarry({"--db", "kq.db", "--json", "extract", "--no-compile"}, dir.path());
  ASSERT_EQ(ex.exit_code, 0) << ex.out << ex.err;
  EXPECT_EQ(json_of(ex)["kernels"], 1) << ex.out;

  auto show = test::run_kquarry({"--db", "kq.db", "--json", "show", "kernel", "latin1_copy"}, dir.path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  ASSERT_TRUE(is_valid_utf8(show.out));
  auto k = json_of(show);
  EXPECT_EQ(k["analysis"]["extra"]["source_encoding"], "windows-1252 (8 bytes)") << k["analysis"].dump();
  auto unit = k["unit"]["source"].get<std::string>();
  EXPECT_NE(unit.find("in[i]"), std::string::npos) << unit;
  EXPECT_NE(unit.find("\xc3\xa0 la carte"), std::string::npos) << unit;  // "à", as UTF-8

  // The file's recorded hash is of the bytes on disk, not of the decoded text.
  db::Database db(dir / "kq.db");
  auto st = db.prepare("SELECT sha256 FROM files WHERE path = 'src/latin1.cu'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), sha256_hex(kLatin1));
}

TEST(HostileInput, PathThatIsNotUtf8IsSkipped) {
  test::TempDir dir;
  test::write_text(dir / "proj/src/ok.cu", "__global__ void ok(int* y) { y[0] = 1; }\n");
  test::write_text(dir / "proj/src/caf\xe9.cu", "__global__ void named_badly(int* y) { y[0] = 2; }\n");
  test::write_text(dir / "repos.txt", (dir / "proj").string() + "\n");
  auto mine = test::run_kquarry({"--db", "kq.db", "--json", "mine", "--repos", "repos.txt"}, dir.path());
  ASSERT_EQ(mine.exit_code, 0) << mine.out << mine.err;
  EXPECT_TRUE(is_valid_utf8(mine.out));
  EXPECT_NE(mine.err.find("caf\xc3\xa9.cu: path is not UTF-8"), std::string::npos) << mine.err;
  auto ex = test::run_kquarry({"--db", "kq.db", "--json", "extract", "--no-compile"}, dir.path());
  ASSERT_EQ(ex.exit_code, 0) << ex.out << ex.err;
  EXPECT_EQ(json_of(ex)["kernels"], 1);
}

TEST(HostileInput, FilesOverTheParseLimitsAreSkippedWithTheReason) {
  test::TempDir dir;
  test::write_text(dir / "proj/src/deep.cu", nested(20000));
  std::string big = "__global__ void big(int* y) { y[0] = 1; }\n";
  big += std::string(70000, ' ') + "\n";
  test::write_text(dir / "proj/src/big.cu", big);
  test::write_text(dir / "proj/src/fine.cu", "__global__ void fine(int* y) { y[0] = (((1))); }\n");
  test::write_text(dir / "repos.txt", (dir / "proj").string() + "\n");
  ScopedEnv size("KQ_EXTRACTOR_MAX_FILE_BYTES", "65536");
  ScopedEnv depth("KQ_EXTRACTOR_MAX_NESTING", "64");
  ASSERT_EQ(test::run_kquarry({"--db", "kq.db", "mine", "--repos", "repos.txt"}, dir.path()).exit_code, 0);
  auto ex = test::run_kquarry({"--db", "kq.db", "--json", "extract", "--no-compile"}, dir.path());
  ASSERT_EQ(ex.exit_code, 0) << ex.out << ex.err;
  auto report = json_of(ex);
  EXPECT_EQ(report["kernels"], 1) << ex.out;
  EXPECT_EQ(report["files_failed"], 0) << ex.out;
  EXPECT_EQ(report["files_skipped"], 2) << ex.out;

  db::Database db(dir / "kq.db");
  auto st = db.prepare("SELECT path, extract_status, extract_error FROM files ORDER BY path");
  std::map<std::string, std::pair<std::string, std::string>> files;
  while (st.step()) files[st.text(0)] = {st.text(1), st.text(2)};
  EXPECT_EQ(files["src/deep.cu"].first, "skipped");
  EXPECT_EQ(files["src/deep.cu"].second, "brackets nest 20001 deep, over extractor.max_nesting (64)");
  EXPECT_EQ(files["src/big.cu"].first, "skipped");
  EXPECT_NE(files["src/big.cu"].second.find("over extractor.max_file_bytes (65536)"), std::string::npos);
  EXPECT_EQ(files["src/fine.cu"].first, "ok");

  // Skipped files are done: a rerun does not hand them to the parser either.
  auto again = test::run_kquarry({"--db", "kq.db", "--json", "extract", "--no-compile"}, dir.path());
  EXPECT_EQ(json_of(again)["files"], 0) << again.out;
}

}  // namespace
}  // namespace kq
