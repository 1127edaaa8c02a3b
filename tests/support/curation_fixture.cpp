#include "tests/support/curation_fixture.hpp"

#include <map>

#include "core/hash.hpp"

namespace kq::test {

namespace {

std::int64_t id_for(db::Database& db, const std::string& select, const std::string& key) {
  auto st = db.prepare(select);
  st.bind(1, key);
  return st.step() ? st.int64(0) : 0;
}

}  // namespace

std::int64_t insert_fixture_kernel(db::Database& db, const FixtureKernel& k) {
  std::int64_t repo = id_for(db, "SELECT id FROM repos WHERE url=?", k.repo_url);
  if (!repo) {
    db.prepare("INSERT INTO repos(url, name, license_spdx, status) VALUES(?,?,?,'mined')")
        .bind_all(k.repo_url, k.repo_url.substr(k.repo_url.rfind('/') + 1), k.license)
        .exec();
    repo = db.last_insert_id();
    db.prepare("INSERT INTO snapshots(repo_id, commit_sha, complete) VALUES(?,?,1)").bind_all(repo, k.commit).exec();
  }
  std::int64_t snap = 0;
  {
    auto st = db.prepare("SELECT id FROM snapshots WHERE repo_id=?");
    st.bind(1, repo);
    st.step();
    snap = st.int64(0);
  }
  auto fst = db.prepare("SELECT id FROM files WHERE snapshot_id=? AND path=?");
  fst.bind_all(snap, k.path);
  std::int64_t file = fst.step() ? fst.int64(0) : 0;
  if (!file) {
    db.prepare("INSERT INTO files(snapshot_id, path, sha256, size, language) VALUES(?,?,?,?,?)")
        .bind_all(snap, k.path, sha256_hex(k.path), static_cast<std::int64_t>(k.unit.size()), k.dialect)
        .exec();
    file = db.last_insert_id();
  }
  std::string content = k.content_hash.empty() ? xxh64_hex(k.kernel_source + k.name) : k.content_hash;
  db.prepare(
        "INSERT INTO kernels(file_id, name, qualified_name, dialect, line_begin, line_end, signature, source, "
        "content_hash, norm_hash, comment, stage) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind_all(file, k.name, k.qualified_name.empty() ? k.name : k.qualified_name, k.dialect, k.line_begin,
                k.line_end, std::string("__global__ void ") + k.name + "(...)", k.kernel_source, content,
                k.norm_hash.empty() ? content : k.norm_hash, k.comment, k.stage)
      .exec();
  std::int64_t kid = db.last_insert_id();
  if (!k.minhash.empty())
    db.prepare("UPDATE kernels SET minhash=? WHERE id=?")
        .bind_blob(1, k.minhash.data(), k.minhash.size() * sizeof(std::uint32_t))
        .bind(2, kid)
        .exec();
  db.prepare("INSERT INTO units(kernel_id, source, standalone_ok, hip_source) VALUES(?,?,1,?)")
      .bind_all(kid, k.unit, k.hip_unit)
      .exec();
  db.prepare("INSERT INTO analysis(kernel_id, json) VALUES(?,?)").bind_all(kid, k.analysis_json).exec();
  db.prepare("INSERT INTO syntheses(kernel_id, synthesizer, tests, doc_json, status) VALUES(?,?,?,?,'ok')")
      .bind_all(kid, std::string("builtin"), k.tests_json, k.doc_json)
      .exec();
  std::int64_t syn = db.last_insert_id();
  for (const auto& s : k.statuses)
    db.prepare("INSERT INTO verifications(synthesis_id, backend, status, stage, case_name) VALUES(?,?,?,?,?)")
        .bind_all(syn, std::string("cpu-sim"), s, std::string("compare"), std::string("typical"))
        .exec();
  return kid;
}

FixtureKernel saxpy_fixture() {
  FixtureKernel k;
  k.name = "saxpy";
  k.comment = "/// y[i] = a * x[i] + y[i] for i < n.\n";
  k.kernel_source =
      "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
      "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
      "  if (i < n) y[i] = a * x[i] + y[i];\n"
      "}\n";
  k.unit = "#include <cuda_runtime.h>\n\n" + k.comment + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i < n"]},
    {"name":"a","type":"float","elem_type":"float"},
    {"name":"x","type":"const float *","elem_type":"float","is_pointer":true,"is_const":true,"reads":true,"index_exprs":["i"]},
    {"name":"y","type":"float *","elem_type":"float","is_pointer":true,"reads":true,"writes":true,"index_exprs":["i"]}],
    "index_pattern":"1d","stores":["y[i] = a * x[i] + y[i]"],"features":{}})";
  k.tests_json = R"([{"name":"typical","kernel":"saxpy","grid":[4,1,1],"block":[256,1,1],"shared_bytes":0,"args":[
    {"name":"n","kind":"scalar","type":"int","value":1000},
    {"name":"a","kind":"scalar","type":"float","value":2.0},
    {"name":"x","kind":"buffer","type":"float","count":1000,"role":"in","init":{"dist":"uniform","lo":-1,"hi":1,"seed":1}},
    {"name":"y","kind":"buffer","type":"float","count":1000,"role":"inout","init":{"dist":"normal","mean":0,"std":1,"seed":2}}],
    "compare":{"rtol":1e-5,"atol":1e-6}},
    {"name":"size1","kernel":"saxpy","grid":[1,1,1],"block":[32,1,1],"shared_bytes":0,"args":[
    {"name":"n","kind":"scalar","type":"int","value":1},
    {"name":"a","kind":"scalar","type":"float","value":-0.5},
    {"name":"x","kind":"buffer","type":"float","count":1,"role":"in","init":{"dist":"uniform","lo":-1,"hi":1,"seed":3}},
    {"name":"y","kind":"buffer","type":"float","count":1,"role":"inout","init":{"dist":"normal","mean":0,"std":1,"seed":4}}],
    "compare":{"rtol":1e-5,"atol":1e-6}}])";
  k.doc_json = R"({"params":[{"name":"n","role":"scalar","elem_type":"int","shape":""},
    {"name":"a","role":"scalar","elem_type":"float","shape":""},
    {"name":"x","role":"in","elem_type":"float","shape":"[n]"},
    {"name":"y","role":"inout","elem_type":"float","shape":"[n]"}],
    "launch":"1D grid of ceil(n / 256) blocks of 256 threads, one thread per element",
    "example":{"inputs":{"n":4,"a":2,"x":[1,2,3,4],"y":[1,1,1,1]},"outputs":{"y":[3,5,7,9]}}})";
  return k;
}

FixtureKernel block_sum_fixture() {
  FixtureKernel k;
  k.repo_url = "https://example.org/reductions";
  k.license = "BSD-3-Clause";
  k.path = "src/block_reduce.cu";
  k.name = "block_sum256";
  k.comment = "// Sums each block's 256 elements into out[blockIdx.x].\n";
  k.kernel_source =
      "__global__ void block_sum256(const float* in, float* out, int n) {\n"
      "  __shared__ float s[BLOCK];\n"
      "  int t = threadIdx.x;\n"
      "  int i = blockIdx.x * BLOCK + t;\n"
      "  s[t] = i < n ? in[i] : 0.0f;\n"
      "  __syncthreads();\n"
      "  for (int stride = BLOCK / 2; stride > 0; stride /= 2) {\n"
      "    if (t < stride) s[t] += s[t + stride];\n"
      "    __syncthreads();\n"
      "  }\n"
      "  if (t == 0) out[blockIdx.x] = s[0];\n"
      "}\n";
  k.unit = "#include <cuda_runtime.h>\n\n#define BLOCK 256\n\n" + k.comment + k.kernel_source;
  k.analysis_json = R"({"params":[
    {"name":"in","type":"const float *","elem_type":"float","is_pointer":true,"is_const":true,"reads":true},
    {"name":"out","type":"float *","elem_type":"float","is_pointer":true,"writes":true},
    {"name":"n","type":"int","elem_type":"int","size_like":true,"bounds":["i < n"]}],
    "index_pattern":"other","stores":["s[t] = i < n ? in[i] : 0.0f","s[t] += s[t + stride]","out[blockIdx.x] = s[0]"],
    "features":{"shared_static":true,"syncthreads":true}})";
  k.tests_json = R"([{"name":"typical","kernel":"block_sum256","grid":[4,1,1],"block":[256,1,1],"shared_bytes":0,"args":[
    {"name":"in","kind":"buffer","type":"float","count":1000,"role":"in","init":{"dist":"uniform","lo":-1,"hi":1,"seed":5}},
    {"name":"out","kind":"buffer","type":"float","count":4,"role":"out","init":{"dist":"poison","seed":6}},
    {"name":"n","kind":"scalar","type":"int","value":1000}],
    "compare":{"rtol":1e-4,"atol":1e-5}}])";
  return k;
}

}  // namespace kq::test
