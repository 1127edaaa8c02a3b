#pragma once
// Curation test fixtures: kernel rows as the upstream stages leave them
// (repo, snapshot, file, kernel, unit, analysis, synthesis, verifications),
// inserted straight into a database.
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace kq::test {

struct FixtureKernel {
  std::string repo_url = "https://example.org/vecops";
  std::string license = "MIT";
  std::string commit = "0123456789abcdef0123456789abcdef01234567";
  std::string path = "src/elementwise.cu";
  std::string name, qualified_name, dialect = "cuda";
  std::string unit, hip_unit, kernel_source, comment;
  std::string content_hash, norm_hash;
  std::vector<std::uint32_t> minhash;
  std::string analysis_json = "{}";
  std::string tests_json = "[]";
  std::string doc_json = "{}";
  std::vector<std::string> statuses{"pass"};  // cpu-sim verifications of the synthesis
  std::string stage = "verified";
  int line_begin = 10, line_end = 14;
};

// Inserts every row; returns the kernel id.
std::int64_t insert_fixture_kernel(db::Database& db, const FixtureKernel& k);

// saxpy from the example corpus, with its launch spec and analysis.
FixtureKernel saxpy_fixture();
// A shared-memory block sum (syncthreads, reduction into out[blockIdx.x]).
FixtureKernel block_sum_fixture();

}  // namespace kq::test
