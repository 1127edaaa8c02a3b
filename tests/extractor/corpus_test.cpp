// The example corpus: every kernel is found, representative kernels get
// exactly the dependencies they need, and units compile alone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>

#include "extractor/compile_check.hpp"
#include "extractor/file_extract.hpp"
#include "extractor/include_paths.hpp"
#include "core/subprocess.hpp"
#include "extractor/languages.hpp"
#include "tests/support/test_support.hpp"

namespace kq::extractor {
namespace {

namespace fs = std::filesystem;

struct Extracted {
  Kernel kernel;
  Dialect dialect;
};

// Every kernel of every project of examples/, by qualified name.
const std::map<std::string, Extracted>& corpus() {
  static const std::map<std::string, Extracted> all = [] {
    std::map<std::string, Extracted> out;
    for (const auto& project : fs::directory_iterator(test::examples_dir())) {
      if (!fs::is_directory(project.path() / "src")) continue;
      fs::path root = fs::canonical(project.path());
      auto repo = guess_repo_includes(root);
      for (const auto& e : fs::recursive_directory_iterator(root)) {
        auto ext = e.path().extension();
        if (ext != ".cu" && ext != ".cuh" && ext != ".hip" && ext != ".cpp") continue;
        ParseRequest rq;
        rq.root = root;
        rq.file = e.path();
        rq.dialect = dialect_for_file("", e.path());
        rq.include_dirs = include_dirs_for(root, e.path(), repo);
        auto r = extract_file(rq, fs::relative(e.path(), root).string());
        EXPECT_TRUE(r.ok) << e.path() << ": " << r.error;
        for (auto& k : r.kernels) out[k.qualified_name] = {k, rq.dialect};
      }
    }
    return out;
  }();
  return all;
}

std::set<std::string> spec_names() {
  std::set<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(test::examples_dir() / "specs")) {
    if (e.path().extension() != ".json") continue;
    std::string n = e.path().stem().string();
    for (auto p = n.find("__"); p != std::string::npos; p = n.find("__", p + 2)) n.replace(p, 2, "::");
    names.insert(n);
  }
  return names;
}

std::set<std::string> deps_of(const std::string& kernel) {
  std::set<std::string> out;
  auto it = corpus().find(kernel);
  if (it == corpus().end()) return {"<kernel not found>"};
  for (const auto& d : it->second.kernel.deps)
    if (d.kind != "include") out.insert(d.kind + ":" + d.name);
  return out;
}

TEST(ExtractorCorpus, EveryKernelOfTheCorpusIsFound) {
  auto expected = spec_names();
  ASSERT_GE(expected.size(), 50u);
  std::set<std::string> found;
  for (const auto& [name, _] : corpus()) found.insert(name);
  EXPECT_EQ(found, expected);
}

TEST(ExtractorCorpus, RepresentativeDependencySets) {
  using S = std::set<std::string>;
  EXPECT_EQ(deps_of("saxpy"), S{});
  EXPECT_EQ(deps_of("relu"), (S{"macro:GRID_STRIDE_LOOP", "function:relu_op"}));
  EXPECT_EQ(deps_of("clamp_values"), (S{"macro:VECOPS_MIN", "macro:VECOPS_MAX", "function:clampf"}));
  EXPECT_EQ(deps_of("blur3x3"), (S{"macro:IDX2", "macro:CLAMP_INDEX", "function:load_clamped"}));
  EXPECT_EQ(deps_of("conv_rows"),
            (S{"macro:IDX2", "macro:CLAMP_INDEX", "macro:MAX_FILTER_RADIUS", "function:load_clamped", "variable:c_filter"}));
  EXPECT_EQ(deps_of("dot_products"), (S{"type:Vec3", "function:dot"}));
  EXPECT_EQ(deps_of("warp_sum_partials"), (S{"macro:WARP_SIZE", "macro:FULL_MASK", "macro:MAX_WARPS",
                                             "function:warp_reduce_sum", "function:block_reduce_sum"}));
  EXPECT_EQ(deps_of("axpby"), (S{"macro:GRID_STRIDE_LOOP"}));
  EXPECT_EQ(deps_of("Normalizer::apply"), (S{"macro:HS_BLOCK"}));
  EXPECT_EQ(deps_of("transpose_naive"), (S{"macro:IDX2"}));
  EXPECT_EQ(deps_of("ell_spmv"), (S{"macro:ELL_PAD"}));
  EXPECT_EQ(deps_of("ragged_row_softmax"), S{});
}

TEST(ExtractorCorpus, TemplatesKeepTheirInstantiations) {
  // axpby's instantiations live in another file: the database flow adds them (cli_test).
  for (const char* name : {"matmul_naive", "block_sum"}) {
    auto it = corpus().find(name);
    ASSERT_NE(it, corpus().end()) << name;
    EXPECT_TRUE(it->second.kernel.is_template) << name;
    EXPECT_EQ(it->second.kernel.instantiations.size(), 2u) << name;
  }
}

void expect_compiles(const std::vector<std::string>& names) {
  test::TempDir cache;
  UnitCompiler compiler({cache.path(), "sm_90", "gfx90a", std::chrono::seconds(300)});
  for (const auto& name : names) {
    auto it = corpus().find(name);
    ASSERT_NE(it, corpus().end()) << name;
    auto r = compiler.check(it->second.kernel.unit, it->second.dialect);
    if (r.skipped) {
      std::cout << "[  SKIPPED ] " << name << ": " << r.log << "\n";
      continue;
    }
    EXPECT_TRUE(r.ok) << name << ":\n" << it->second.kernel.unit << "\n" << r.log;
  }
}

TEST(ExtractorCorpus, RepresentativeUnitsCompileAlone) {
  if (find_nvcc().empty() && find_program("hipcc").empty()) GTEST_SKIP() << "neither nvcc nor hipcc is installed";
  expect_compiles({"conv_rows", "warp_sum_partials", "axpby", "imgkit::threshold", "dot_products", "Normalizer::apply"});
}

TEST(ExtractorCorpus, EveryUnitCompilesAlone) {
  if (!std::getenv("KQ_SLOW_TESTS")) GTEST_SKIP() << "compiles all 58 units (minutes): set KQ_SLOW_TESTS=1";
  std::vector<std::string> all;
  for (const auto& [name, _] : corpus()) all.push_back(name);
  expect_compiles(all);
}

}  // namespace
}  // namespace kq::extractor
