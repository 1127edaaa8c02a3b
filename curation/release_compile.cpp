#include "curation/release_compile.hpp"

#include <mutex>

#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/progress.hpp"
#include "curation/eval_build.hpp"
#include "curation/task_record.hpp"
#include "curation/unit_split.hpp"
#include "verifier/backend.hpp"
#include "verifier/verifier.hpp"

namespace kq::curation {

namespace fs = std::filesystem;
using nlohmann::json;

std::string canonical_candidate(const json& record) {
  std::string text = record.value("complete_prompt", "") + record.value("canonical_solution", "");
  return text + closing_braces(text);
}

namespace {

// The GPU backends whose compilers serve a dialect as it is.
std::vector<std::string> compilers_for(const std::string& dialect, const std::vector<std::string>& available) {
  std::vector<std::string> out;
  auto d = dialect_from_string(dialect);
  for (const auto& b : available) {
    const auto& backend = verify::backend_named(b);
    if (d && backend.gpu() && backend.dialect == *d) out.push_back(b);
  }
  return out;
}

std::vector<std::string> compiling_backends(const ReleaseCompileOptions& o) {
  if (!o.backends.empty()) return o.backends;
  verify::VerifierOptions vo;
  std::vector<std::string> out;
  for (const auto& b : verify::available_backends(vo, false))
    if (verify::backend_named(b).gpu()) out.push_back(b);
  return out;
}

std::string compiler_name(const std::string& backend) {
  verify::VerifierOptions names;
  return names.*verify::backend_named(backend).compiler;
}

}  // namespace

std::map<std::pair<std::string, std::string>, TaskCompile> compile_release_tasks(const std::vector<json>& records,
                                                                                  const ReleaseCompileOptions& o) {
  std::map<std::pair<std::string, std::string>, TaskCompile> out;
  const auto backends = compiling_backends(o);
  struct Job {
    std::size_t record;
    std::string backend;
  };
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < records.size(); ++i) {
    out[{records[i].value("task_id", ""), records[i].value("dialect", "")}];
    for (const auto& b : compilers_for(records[i].value("dialect", ""), backends)) jobs.push_back({i, b});
  }
  if (jobs.empty()) return out;
  fs::path work = o.work_dir.empty() ? make_temp_dir(fs::temp_directory_path(), "kquarry-release-compile-") : o.work_dir;
  std::mutex m;
  Progress progress("release compile", jobs.size());
  RecordOptions labels;
  labels.cuda_arch = o.test.cuda_arch;
  labels.hip_archs = {o.test.hip_arch};
  parallel_for_each(jobs, std::max(1u, o.jobs), [&](const Job& j) {
    const json& r = records[j.record];
    IsolatedBuildInput in;
    in.test = {r.value("test", ""), r.value("reference_source", "")};
    in.candidate = canonical_candidate(r);
    in.prompt = r.value("complete_prompt", "");
    in.entry_point = r.value("entry_point", "");
    in.dialect = r.value("dialect", "") == "cuda" ? Dialect::Cuda : Dialect::Hip;
    in.backend = j.backend;
    std::string dir = r.value("task_id", "task") + "-" + r.value("dialect", "") + "-" + j.backend;
    for (auto& c : dir)
      if (c == '/') c = '_';
    auto built = compile_candidate_alone(in, work / dir, o.test);
    std::lock_guard lock(m);
    auto& t = out[{r.value("task_id", ""), r.value("dialect", "")}];
    if (built.compiled) {
      for (const auto& l : backend_labels(j.backend, labels)) t.compiled_for.push_back(l);
    } else if (j.backend == "hip-nvidia") {
      // A second route for HIP, not its compiler: what nvcc cannot take
      // (a member kernel) is noted, and the task stays.
      t.not_compiled_for.push_back(j.backend + ": " + built.log.substr(0, 300));
    } else if (t.failure.empty()) {
      t.failure = compiler_name(j.backend) + " (" + j.backend + "), " + built.stage + ": " + built.log.substr(0, 1500);
    }
    progress.advance(1, !built.compiled);
  });
  progress.finish();
  if (o.work_dir.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  return out;
}

}  // namespace kq::curation
