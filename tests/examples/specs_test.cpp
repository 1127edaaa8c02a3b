// The bundled example corpus is the fixture of later stages: its repo list must
// point at licensed projects, and every kernel must have a hand-written launch
// spec that parses and matches the kernel's signature.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/launch_spec.hpp"
#include "miner/license.hpp"
#include "miner/repo_list.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> listed_projects() {
  std::vector<std::string> projects;
  std::ifstream in(kq::test::examples_dir() / "repos.txt");
  std::string line;
  while (std::getline(in, line)) {
    line.erase(0, line.find_first_not_of(" \t"));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (line.empty() || line[0] == '#') continue;
    projects.push_back(line);
  }
  return projects;
}

bool is_kernel_source(const fs::path& p) {
  static const std::set<std::string> exts = {".cu", ".cuh", ".hip", ".cpp", ".hpp", ".h"};
  return exts.count(p.extension().string()) > 0;
}

// Concatenated text of every source file of one project.
std::string project_sources(const std::string& project) {
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(kq::test::examples_dir() / project))
    if (e.is_regular_file() && is_kernel_source(e.path())) all += read_file(e.path()) + "\n";
  return all;
}

// Parameter list text of the definition `__global__ void name(...)`, or "" if absent.
std::string kernel_params(const std::string& sources, const std::string& name) {
  std::regex def("__global__\\s+void\\s+" + name + "\\s*\\(");
  std::smatch m;
  if (!std::regex_search(sources, m, def)) return "";
  std::size_t begin = m.position(0) + m.length(0);
  std::size_t end = sources.find(')', begin);
  return sources.substr(begin, end - begin);
}

std::vector<std::string> split_params(const std::string& params) {
  std::vector<std::string> out;
  std::stringstream ss(params);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  return out;
}

std::string unqualified(const std::string& name) {
  auto pos = name.rfind("::");
  return pos == std::string::npos ? name : name.substr(pos + 2);
}

struct SpecFile {
  std::string project;
  fs::path path;
};

std::vector<SpecFile> all_specs() {
  std::vector<SpecFile> specs;
  for (const auto& project : listed_projects()) {
    fs::path dir = kq::test::examples_dir() / "specs" / project;
    if (!fs::is_directory(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".json") specs.push_back({project, e.path()});
  }
  std::sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return specs;
}

}  // namespace

TEST(ExampleRepos, ListsExistingLicensedProjects) {
  auto projects = listed_projects();
  ASSERT_GE(projects.size(), 4u);
  std::set<std::string> licenses;
  for (const auto& project : projects) {
    fs::path dir = kq::test::examples_dir() / project;
    ASSERT_TRUE(fs::is_directory(dir)) << project;
    ASSERT_TRUE(fs::is_regular_file(dir / "LICENSE")) << project;
    EXPECT_TRUE(fs::is_regular_file(dir / "README.md")) << project;
    std::string license = read_file(dir / "LICENSE");
    EXPECT_NE(license.find("KernelQuarry authors"), std::string::npos) << project;
    licenses.insert(license.substr(0, license.find_first_of("\n", license.find_first_not_of(" \n"))));
  }
  EXPECT_EQ(licenses.size(), projects.size()) << "each project carries a different license";
}

TEST(ExampleRepos, MinerReadsTheListAsLocalFolders) {
  auto entries = kq::miner::parse_repo_list(kq::test::examples_dir() / "repos.txt");
  ASSERT_EQ(entries.size(), listed_projects().size());
  for (const auto& e : entries) {
    EXPECT_EQ(e.kind, kq::miner::SourceKind::LocalPath) << e.url;
    EXPECT_TRUE(fs::is_directory(e.url)) << e.url;
  }
}

// KERNELS.md states each project's license; the miner must detect the same one.
TEST(ExampleRepos, DetectedLicensesMatchTheKernelTable) {
  std::string table = read_file(kq::test::examples_dir() / "KERNELS.md");
  for (const auto& project : listed_projects()) {
    std::smatch m;
    std::regex row("\\| `" + project + "` \\| ([A-Za-z0-9.-]+) \\|");
    ASSERT_TRUE(std::regex_search(table, m, row)) << project << " missing from the license table";
    auto info = kq::miner::detect_license(kq::test::examples_dir() / project);
    EXPECT_EQ(info.spdx, m[1].str()) << project;
    EXPECT_EQ(info.file, "LICENSE") << project;
  }
}

TEST(ExampleSpecs, EverySpecParsesAndMatchesItsKernel) {
  auto specs = all_specs();
  ASSERT_GE(specs.size(), 44u);
  std::map<std::string, std::string> sources;
  for (const auto& s : specs) {
    SCOPED_TRACE(s.path.string());
    if (!sources.count(s.project)) sources[s.project] = project_sources(s.project);
    kq::LaunchSpec spec = kq::load_launch_spec(s.path.string());
    std::string name = unqualified(spec.kernel);
    EXPECT_EQ(s.path.stem().string(), std::regex_replace(spec.kernel, std::regex("::"), "__"));
    std::string params = kernel_params(sources[s.project], name);
    ASSERT_FALSE(params.empty()) << "no __global__ definition of " << spec.kernel;
    ASSERT_EQ(split_params(params).size(), spec.args.size()) << params;
    bool writes = false;
    for (std::size_t i = 0; i < spec.args.size(); ++i) {
      const auto& a = spec.args[i];
      EXPECT_TRUE(std::regex_search(split_params(params)[i], std::regex("\\b" + a.name + "\\b")))
          << "argument " << i << " '" << a.name << "' vs '" << split_params(params)[i] << "'";
      if (a.kind != kq::ArgSpec::Kind::Buffer) continue;
      EXPECT_GT(a.count, 0u) << a.name;
      if (a.role == "out") {
        EXPECT_EQ(a.init.dist, "poison") << a.name;
      }
      writes |= a.role != "in";
    }
    EXPECT_TRUE(writes) << "a spec needs an out or inout buffer to compare";
  }
}

TEST(ExampleSpecs, EveryKernelHasASpec) {
  std::regex def("__global__\\s+void\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
  std::set<std::string> with_spec;
  for (const auto& s : all_specs()) with_spec.insert(unqualified(kq::load_launch_spec(s.path.string()).kernel));
  int kernels = 0;
  for (const auto& project : listed_projects()) {
    std::string text = project_sources(project);
    for (std::sregex_iterator it(text.begin(), text.end(), def), end; it != end; ++it) {
      ++kernels;
      EXPECT_TRUE(with_spec.count((*it)[1].str())) << project << ": " << (*it)[1].str();
    }
  }
  EXPECT_GE(kernels, 44);
}

TEST(ExampleSpecs, IntegerOutputsCompareExactly) {
  for (const auto& s : all_specs()) {
    kq::LaunchSpec spec = kq::load_launch_spec(s.path.string());
    bool float_out = false;
    for (const auto& a : spec.args)
      if (a.kind == kq::ArgSpec::Kind::Buffer && a.role != "in" && (kq::is_floating_type(a.type) || a.bytes))
        float_out = true;
    if (!float_out) {
      EXPECT_EQ(spec.compare.rtol, 0.0) << s.path;
      EXPECT_EQ(spec.compare.atol, 0.0) << s.path;
    }
  }
}
