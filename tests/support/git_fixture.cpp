#include "tests/support/git_fixture.hpp"

#include <git2.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace kq::test {
namespace fs = std::filesystem;
namespace {

void check(int rc, const std::string& what) {
  if (rc == 0) return;
  const git_error* e = git_error_last();
  throw std::runtime_error("git fixture: " + what + ": " + (e && e->message ? e->message : "error"));
}

std::string hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

}  // namespace

GitFixture::GitFixture(const fs::path& dir) : dir_(dir) {
  git_libgit2_init();
  fs::create_directories(dir);
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH;
  opts.initial_head = "main";
  check(git_repository_init_ext(&repo_, dir.c_str(), &opts), "init " + dir.string());
}

GitFixture::~GitFixture() {
  git_repository_free(repo_);
  git_libgit2_shutdown();
}

void GitFixture::write(const std::string& rel, const std::string& content) {
  auto p = dir_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
}

void GitFixture::symlink(const std::string& rel, const fs::path& target) {
  auto p = dir_ / rel;
  fs::create_directories(p.parent_path());
  fs::create_symlink(target, p);
}

void GitFixture::remove(const std::string& rel) { fs::remove_all(dir_ / rel); }

std::string GitFixture::commit(const std::string& message, const std::string& branch) {
  git_index* index = nullptr;
  check(git_repository_index(&index, repo_), "index");
  check(git_index_clear(index), "clear index");
  git_strarray all{nullptr, 0};
  check(git_index_add_all(index, &all, GIT_INDEX_ADD_FORCE, nullptr, nullptr), "add all");
  git_oid tree_id;
  check(git_index_write_tree(&tree_id, index), "write tree");
  git_index_write(index);
  git_index_free(index);

  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo_, &tree_id), "tree lookup");
  git_signature* sig = nullptr;
  clock_ += 60;
  check(git_signature_new(&sig, author_.c_str(), "fixture@example.org", clock_, 0), "signature");

  std::string ref = "refs/heads/" + branch;
  git_commit* parent = nullptr;
  git_oid parent_id;
  if (git_reference_name_to_id(&parent_id, repo_, ref.c_str()) == 0)
    check(git_commit_lookup(&parent, repo_, &parent_id), "parent lookup");
  const git_commit* parents[1] = {parent};
  git_oid id;
  check(git_commit_create(&id, repo_, ref.c_str(), sig, sig, nullptr, message.c_str(), tree, parent ? 1 : 0, parents),
        "commit");
  git_commit_free(parent);
  git_signature_free(sig);
  git_tree_free(tree);
  return hex(id);
}

void GitFixture::tag(const std::string& name, const std::string& commit_sha, bool annotated) {
  git_oid oid;
  check(git_oid_fromstr(&oid, commit_sha.c_str()), "oid");
  git_object* target = nullptr;
  check(git_object_lookup(&target, repo_, &oid, GIT_OBJECT_COMMIT), "tag target");
  git_oid tag_id;
  if (annotated) {
    git_signature* sig = nullptr;
    check(git_signature_new(&sig, "Fixture Author", "fixture@example.org", clock_, 0), "signature");
    check(git_tag_create(&tag_id, repo_, name.c_str(), target, sig, "release", 0), "tag");
    git_signature_free(sig);
  } else {
    check(git_tag_create_lightweight(&tag_id, repo_, name.c_str(), target, 0), "tag");
  }
  git_object_free(target);
}

void GitFixture::branch(const std::string& name, const std::string& commit_sha) {
  git_oid oid;
  check(git_oid_fromstr(&oid, commit_sha.c_str()), "oid");
  git_reference* ref = nullptr;
  check(git_reference_create(&ref, repo_, ("refs/heads/" + name).c_str(), &oid, 1, "branch"), "branch " + name);
  git_reference_free(ref);
}

std::string fixture_mit_license() {
  return "MIT License\n\nCopyright (c) 2024 Fixture Authors\n\n"
         "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
         "of this software ...\n\n"
         "The above copyright notice and this permission notice shall be included in all\n"
         "copies or substantial portions of the Software.\n";
}

std::string fixture_kernel(const std::string& name) {
  return "__global__ void " + name + "(int n, float* y) {\n"
         "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
         "  if (i < n) y[i] += 1.0f;\n}\n";
}

std::vector<std::string> fixture_candidates_v1() {
  return {"src/hip_in_cpp.cpp", "src/kernels.hip", "src/latin1.cu", "src/link_inside.cu", "src/saxpy.cu",
          "src/util.cuh"};
}

std::vector<std::string> fixture_candidates_main() {
  auto v = fixture_candidates_v1();
  v.push_back("src/second.cu");
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> fixture_candidates_feature() {
  auto v = fixture_candidates_v1();
  v.push_back("src/feature.cu");
  std::sort(v.begin(), v.end());
  return v;
}

MinerFixture make_miner_fixture(const fs::path& dir, const fs::path& outside) {
  fs::create_directories(outside / "escaped_dir");
  {
    std::ofstream(outside / "escaped.cu") << fixture_kernel("escaped");
    std::ofstream(outside / "escaped_dir" / "hidden.cu") << fixture_kernel("hidden");
  }
  GitFixture g(dir);
  g.write("LICENSE", fixture_mit_license());
  g.write("README.md", "# fixture\n");
  g.write("src/saxpy.cu", fixture_kernel("saxpy"));
  g.write("src/util.cuh", "#pragma once\n" + fixture_kernel("util"));
  g.write("src/kernels.hip", "#include <hip/hip_runtime.h>\n" + fixture_kernel("hipk"));
  g.write("src/hip_in_cpp.cpp", "#include <hip/hip_runtime.h>\n" + fixture_kernel("hip_cpp"));
  g.write("src/host.cpp", "int main() { return 0; }\n");
  g.write("src/latin1.cu", "// caf\xe9 na\xefve\n" + fixture_kernel("latin1"));
  g.write("docs/notes.txt", "__global__ in prose\n");
  g.write("third_party/lib/vendored.cu", fixture_kernel("vendored"));
  g.write("src/nested/node_modules/pkg/dep.cu", fixture_kernel("dep"));
  std::string binary("\x7f" "ELF\0\0__global__ binary", 23);
  g.write("data/blob.cu", binary);
  g.write("src/big.cu", fixture_kernel("big") + std::string(kFixtureMaxFileBytes, '/') + "\n");
  g.symlink("src/escape.cu", outside / "escaped.cu");
  g.symlink("src/escape_dir", outside / "escaped_dir");
  g.symlink("src/link_inside.cu", "saxpy.cu");
  MinerFixture f{dir, "", "", ""};
  f.first = g.commit("first");
  g.tag("v1.0", f.first);
  g.write("src/second.cu", fixture_kernel("second"));
  f.second = g.commit("second");
  g.branch("feature", f.first);
  g.remove("src/second.cu");
  g.write("src/feature.cu", fixture_kernel("feature"));
  f.feature = g.commit("feature", "feature");
  // The work tree goes back to main's content.
  g.remove("src/feature.cu");
  g.write("src/second.cu", fixture_kernel("second"));
  return f;
}

}  // namespace kq::test
