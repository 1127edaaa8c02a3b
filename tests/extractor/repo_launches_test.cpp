// Launches the repository context collects: from files with kernels and from
// host files that declare none (a main.cu that includes its kernels).
#include <gtest/gtest.h>

#include "core/fs.hpp"
#include "db/database.hpp"
#include "db/kernels.hpp"
#include "extractor/repo_context.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

TEST(RepoLaunches, AHostFileWithoutKernelsStillLaunchesThem) {
  test::TempDir dir;
  auto root = dir / "repo";
  std::filesystem::create_directories(root / "src");
  write_file_atomic(root / "src" / "kernels.cuh",
                    "__global__ void scale(float* x, int n) { int i = threadIdx.x; if (i < n) x[i] *= 2; }\n");
  write_file_atomic(root / "src" / "main.cu",
                    "#include \"kernels.cuh\"\n"
                    "void run(float* d, int n) { scale<<<(n + 255) / 256, 256>>>(d, n); }\n"
                    "int main() { float* d; int n = 1000; cudaMalloc(&d, n * sizeof(float)); run(d, n); }\n");
  auto db_path = dir / "kq.db";
  {
    db::Database db(db_path);
    db.exec("INSERT INTO repos(id, url, name) VALUES(1, 'fixture', 'fixture')");
    db.prepare("INSERT INTO snapshots(id, repo_id, commit_sha, complete, worktree) VALUES(1, 1, 'abc', 1, ?)")
        .bind_all(root.string())
        .exec();
    // Only the header declares a kernel: it alone is a candidate file.
    db.exec("INSERT INTO files(id, snapshot_id, path, sha256, size, language) "
            "VALUES(1, 1, 'src/kernels.cuh', 'x', 1, 'cuda')");
  }
  db::Database db(db_path);
  auto files = db::snapshot_files(db, 1);
  ASSERT_EQ(files.size(), 1u);
  RepoContext ctx(db_path, files[0]);
  auto launches = ctx.launches_of("scale");
  ASSERT_EQ(launches.size(), 1u);
  EXPECT_EQ(launches[0]["file"], "src/main.cu");
  EXPECT_EQ(launches[0]["function"], "run");
  ASSERT_EQ(launches[0]["callers"].size(), 1u);
  EXPECT_NE(launches[0]["callers"][0]["context"].get<std::string>().find("cudaMalloc(&d, n * sizeof(float));"),
            std::string::npos);
}

}  // namespace
}  // namespace kq::extractor
