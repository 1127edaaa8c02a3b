#include "pipeline/slurm_jobs.hpp"

#include <map>
#include <sstream>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/subprocess.hpp"

namespace kq::pipeline {

namespace {

std::string single_quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Quotes an argument for bash, leaving the array task index to the shell.
std::string shell_word(const std::string& arg) {
  auto at = arg.find(kArrayTask);
  if (at == std::string::npos) return single_quoted(arg);
  return single_quoted(arg.substr(0, at)) + "\"$SLURM_ARRAY_TASK_ID\"" +
         shell_word(arg.substr(at + kArrayTask.size()));
}

std::string array_list(const std::vector<unsigned>& tasks, unsigned max_parallel) {
  std::string out;
  for (auto t : tasks) out += (out.empty() ? "" : ",") + std::to_string(t);
  return max_parallel ? out + "%" + std::to_string(max_parallel) : out;
}

std::string joined(const std::vector<std::string>& ids, char sep) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : std::string(1, sep)) + id;
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, sep);) out.push_back(field);
  return out;
}

// "CANCELLED by 0" -> "CANCELLED".
std::string first_word(const std::string& s) { return s.substr(0, s.find(' ')); }

}  // namespace

std::string render_job_script(const JobSpec& spec) {
  std::string s = "#!/bin/bash\n";
  auto directive = [&](const std::string& flag, const std::string& value) {
    if (!value.empty()) s += "#SBATCH --" + flag + "=" + value + "\n";
  };
  directive("job-name", spec.name);
  directive("output", spec.log_pattern.string());
  if (!spec.array.empty()) directive("array", array_list(spec.array, spec.max_parallel));
  directive("partition", spec.placement.partition);
  directive("account", spec.account);
  directive("time", spec.placement.time_limit);
  directive("gres", spec.placement.gres);
  directive("cpus-per-task", std::to_string(spec.cpus));
  directive("ntasks", "1");
  if (!spec.modules.empty()) {
    s += "module load";
    for (const auto& m : spec.modules) s += " " + single_quoted(m);
    s += "\n";
  }
  s += "exec";
  for (const auto& a : spec.command) s += " " + shell_word(a);
  return s + "\n";
}

std::string submit_job(const std::filesystem::path& script, const std::vector<std::string>& after,
                       const std::vector<std::string>& sbatch_args) {
  std::vector<std::string> argv = {"sbatch", "--parsable"};
  if (!after.empty()) {
    argv.push_back("--dependency=afterok:" + joined(after, ':'));
    argv.push_back("--kill-on-invalid-dep=yes");
  }
  argv.insert(argv.end(), sbatch_args.begin(), sbatch_args.end());
  argv.push_back(script.string());
  auto r = run_process(argv, {.timeout = std::chrono::seconds(120)});
  if (!r.ok()) throw Error("sbatch " + script.string() + ": " + r.describe() + ": " + r.err);
  auto id = r.out.substr(0, r.out.find_first_of(";\n"));  // "ID" or "ID;cluster"
  if (id.empty()) throw Error("sbatch " + script.string() + " printed no job id");
  return id;
}

std::vector<JobState> query_jobs(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  std::map<std::string, JobState> by_id;
  // sacct knows finished jobs for good where accounting is kept; squeue
  // knows live ones, and finished ones for MinJobAge.
  auto acct = run_process({"sacct", "-n", "-P", "-X", "-o", "JobID,JobName,State,Reason", "-j", joined(ids, ',')},
                          {.timeout = std::chrono::seconds(60)});
  if (acct.ok())
    for (const auto& line : split_lines(acct.out)) {
      auto f = split(line, '|');
      if (f.size() >= 3) by_id[f[0]] = {f[0], f[1], first_word(f[2]), f.size() > 3 ? f[3] : ""};
    }
  auto q = run_process({"squeue", "-h", "-r", "-t", "all", "-o", "%i|%j|%T|%r", "-j", joined(ids, ',')},
                       {.timeout = std::chrono::seconds(60)});
  if (!q.ok() && q.err.find("Invalid job id") == std::string::npos)
    throw Error("squeue: " + q.describe() + ": " + q.err);
  for (const auto& line : split_lines(q.out)) {
    auto f = split(line, '|');
    if (f.size() >= 3) by_id[f[0]] = {f[0], f[1], f[2], f.size() > 3 ? f[3] : ""};
  }
  std::vector<JobState> out;
  for (auto& [id, j] : by_id) out.push_back(std::move(j));
  return out;
}

bool is_active(const JobState& job) {
  static const char* const active[] = {"PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED",
                                       "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT", "REQUEUE_HOLD"};
  for (const char* s : active)
    if (job.state == s) return true;
  return false;
}

void cancel_jobs(const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::vector<std::string> argv = {"scancel"};
  argv.insert(argv.end(), ids.begin(), ids.end());
  auto r = run_process(argv, {.timeout = std::chrono::seconds(60)});
  if (!r.ok()) spdlog::warn("scancel {}: {} {}", joined(ids, ' '), r.describe(), r.err);
}

std::string slurm_missing_reason() {
  for (const char* tool : {"sbatch", "squeue", "scancel"})
    if (find_program(tool).empty())
      return std::string(tool) + " is not on PATH (install Slurm's client commands, e.g. Debian's slurm-client)";
  return "";
}

}  // namespace kq::pipeline
