#include "extractor/file_extract.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/utf8.hpp"
#include "extractor/closure.hpp"
#include "extractor/compile_check.hpp"
#include "extractor/decl_index.hpp"
#include "extractor/fingerprint.hpp"
#include "core/host_reach.hpp"
#include "extractor/instantiations.hpp"
#include "extractor/kernel_analysis.hpp"
#include "extractor/kernel_info.hpp"
#include "extractor/language_standard.hpp"
#include "extractor/unit_defines.hpp"

namespace kq::extractor {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

void fingerprint(const ParsedFile& pf, CXCursor c, Kernel& k) {
  auto toks = tokens_in(pf.tu, span_of(c));
  auto norm = normalized_tokens(toks, k.name);
  k.norm_hash = norm_hash(norm);
  k.minhash = minhash(norm);
}

// The build's standard for the file, or C++20 when the unit is written in it.
std::string unit_standard(const ParseRequest& rq, const std::string& unit) {
  return standard_flag(std::max(rq.build_standard, standard_needed_by(unit)));
}

// A file that does not parse cleanly alone is parsed again through the first
// file that includes it, which gives it the context it was written for: a
// header, or a kernel file that a main file includes after its definitions
// (`#include "define.c"` then `#include "kernel.cu"`). The parse with fewer
// errors inside the file wins.
std::unique_ptr<ParsedFile> parse_through_includer(const ParseRequest& rq, std::unique_ptr<ParsedFile> alone) {
  if (alone->target_errors == 0 || rq.includers.empty()) return alone;
  ParseRequest via = rq;
  via.via = rq.includers.front();
  try {
    auto through = parse_file(via);
    if (through->target_errors < alone->target_errors) return through;
  } catch (const std::exception&) {
    // The header alone is what there is.
  }
  return alone;
}

// A test hook: a file whose path contains $KQ_EXTRACTOR_TEST_CRASH makes the worker abort.
void maybe_crash_for_test(const std::string& path) {
  const char* hook = std::getenv("KQ_EXTRACTOR_TEST_CRASH");
  if (hook && *hook && path.find(hook) != std::string::npos) std::abort();
}

struct TempStubDir {
  fs::path path;
  bool owned = false;
  ~TempStubDir() {
    std::error_code ec;
    if (owned) fs::remove_all(path, ec);
  }
};

}  // namespace

FileResult extract_file(ParseRequest rq, const std::string& rel_path) {
  FileResult r;
  r.path = rel_path;
  TempStubDir stubs;
  if (rq.stub_dir.empty()) {
    stubs.path = make_temp_dir(fs::temp_directory_path(), "kq-stubs-");
    stubs.owned = true;
    rq.stub_dir = stubs.path;
  }
  maybe_crash_for_test(rq.file.string());
  auto t0 = Clock::now();
  auto pf = parse_through_includer(rq, parse_file(rq));
  DeclIndex index = build_index(*pf);
  r.parse_ms = ms_since(t0);
  auto instantiations = find_explicit_instantiations(to_utf8(read_file(rq.file, 16u << 20)));
  auto encoding = pf->encodings.find(rq.file.string());
  r.stubbed = pf->stubbed;
  r.rejected = pf->rejected;
  r.errors = pf->errors;
  for (const auto& site : index.kernels) {
    auto t1 = Clock::now();
    Kernel k = describe_kernel(*pf, index, site);
    Closure closure = compute_closure(*pf, index, site);
    k.unit = render_unit(index, closure, k.qualified_name, rel_path);
    UnitDefines defined = add_build_defines(k.unit, rq.build_defines, pf->undeclared, rq.file);
    k.unit = std::move(defined.unit);
    k.deps = closure_deps(index, closure, site);
    for (auto i : closure.instantiations) k.instantiations.push_back(index.items[i].text);
    if (k.is_template && k.instantiations.empty()) {
      auto [b, e] = instantiations.equal_range(k.name);
      for (auto it = b; it != e; ++it) k.instantiations.push_back(it->second);
      k.unit = append_instantiations(k.unit, k.qualified_name, k.instantiations);
    }
    r.closure_ms += ms_since(t1);
    auto t2 = Clock::now();
    k.analysis = analyze_kernel(*pf, site.cursor, k);
    k.analysis.cxx_std = unit_standard(rq, k.unit);
    k.analysis.device_runtime = uses_device_runtime(k.unit);
    k.analysis.assumptions = std::move(defined.assumptions);
    // The file's sha256 (files table) is of its original bytes; this says how they were read.
    if (encoding != pf->encodings.end()) k.analysis.source_encoding = encoding->second;
    k.analysis.host_reach = host_reach_to_json(find_host_reach(k.unit));
    fingerprint(*pf, site.cursor, k);
    r.analysis_ms += ms_since(t2);
    r.kernels.push_back(std::move(k));
  }
  r.ok = true;
  return r;
}

namespace {

void child_main(int fd, const ParseRequest& rq, const std::string& rel_path) {
  struct rlimit as{8ull << 30, 8ull << 30};
  setrlimit(RLIMIT_AS, &as);
  std::string out;
  try {
    out = dump_json(to_json(extract_file(rq, rel_path)));
  } catch (const std::exception& e) {
    FileResult r;
    r.path = rel_path;
    r.error = e.what();
    out = dump_json(to_json(r));
  }
  const char* p = out.data();
  std::size_t left = out.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  close(fd);
  _exit(0);
}

FileResult failed(const std::string& rel_path, std::string reason) {
  FileResult r;
  r.path = rel_path;
  r.error = std::move(reason);
  return r;
}

}  // namespace

FileResult extract_file_isolated(const ParseRequest& rq, const std::string& rel_path, std::chrono::seconds timeout) {
  int fds[2];
  if (pipe(fds) != 0) throw Error("extractor: cannot create a pipe for " + rel_path + ": " + std::strerror(errno));
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    throw Error("extractor: cannot fork for " + rel_path + ": " + std::strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    child_main(fds[1], rq, rel_path);
  }
  close(fds[1]);
  std::string data;
  auto deadline = Clock::now() + timeout;
  bool timed_out = false;
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int rc = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) continue;
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) return failed(rel_path, "parser timed out after " + std::to_string(timeout.count()) + " s");
  if (WIFSIGNALED(status))
    return failed(rel_path, std::string("parser crashed: signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                strsignal(WTERMSIG(status)) + ")");
  try {
    return file_result_from_json(nlohmann::json::parse(data));
  } catch (const std::exception& e) {
    return failed(rel_path, std::string("parser worker gave no result: ") + e.what());
  }
}

}  // namespace kq::extractor
