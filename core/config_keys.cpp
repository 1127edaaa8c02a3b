// Every configuration key KernelQuarry knows, with its default and meaning.
// A key missing here is rejected in kquarry.toml, so typos surface at once.
#include "core/config.hpp"

namespace kq {

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = {
      {"jobs", "0", "parallel workers; 0 means one per core"},
      {"cache", "", "folder for clones and compiled objects (default $XDG_CACHE_HOME/kquarry)"},
      {"db", "kquarry.db", "SQLite database of the run"},
      {"log_file", "", "also write the log to this file"},
      {"miner.max_file_bytes", "2097152", "candidate files larger than this are skipped"},
      {"miner.vendored_globs",
       "third_party/**,thirdparty/**,external/**,vendor/**,extern/**,deps/**,**/node_modules/**",
       "paths matching these globs are not mined"},
      {"miner.timeout_s", "600", "per-repository limit for clone or fetch"},
      {"extractor.timeout_s", "60", "per-file limit for parsing"},
      {"extractor.compile_timeout_s", "120", "limit for one standalone compile check"},
      {"extractor.stub_retries", "8", "how many rounds of stubbing missing includes"},
      {"verifier.backends", "cpu-sim", "backends to verify on: cpu-sim,cuda,hip-amd,hip-nvidia"},
      {"verifier.run_timeout_s", "60", "wall-clock limit for one test run"},
      {"verifier.compile_timeout_s", "300", "wall-clock limit for one compile"},
      {"verifier.memory_mb", "8192", "address-space limit of one sandboxed process"},
      {"verifier.file_size_mb", "512", "largest file a sandboxed process may write"},
      {"verifier.max_processes", "256", "process limit inside the sandbox"},
      {"verifier.cuda_arch", "sm_90", "nvcc target architecture"},
      {"verifier.hip_archs", "gfx90a,gfx1030", "hipcc offload architectures"},
      {"verifier.bubblewrap", "auto", "use bubblewrap: auto, on, off"},
      {"synth.synthesizer", "builtin", "builtin, openai or auto"},
      {"synth.max_attempts", "3", "repair attempts per kernel for the model synthesizer"},
      {"llm.base_url", "http://127.0.0.1:8000/v1", "OpenAI-compatible endpoint"},
      {"llm.api_key_env", "OPENAI_API_KEY", "environment variable that holds the API key"},
      {"llm.model", "gpt-4o-mini", "model name sent with every request"},
      {"llm.temperature", "0.2", "sampling temperature"},
      {"llm.max_tokens", "4096", "reply length limit per call"},
      {"llm.timeout_s", "120", "per-request timeout"},
      {"llm.max_in_flight", "4", "requests in flight at once"},
      {"llm.max_retries", "5", "retries on 429, 5xx and timeouts"},
      {"llm.max_calls", "0", "stop after this many calls; 0 is no limit"},
      {"llm.max_total_tokens", "0", "stop after this many tokens; 0 is no limit"},
      {"llm.cost_per_1k_in", "0", "price per 1000 prompt tokens, for cost accounting"},
      {"llm.cost_per_1k_out", "0", "price per 1000 completion tokens"},
      {"llm.structured_output", "auto", "use response_format json_schema: auto, on, off"},
      {"export.version", "0.1.0", "release version written by export"},
      {"export.task_prefix", "KernelQuarry", "task_id prefix"},
      {"llm.backoff_ms", "500", "first retry waits about this long; each later retry twice as long"},
      {"llm.record_dir", "", "store every model request and reply in this folder, keyed by sha256"},
      {"llm.replay_dir", "", "answer model requests from this folder of recorded replies; no network"},
      {"llm.prompts_dir", "", "prompt templates and pattern table (default: llm/prompts of the source tree)"},
      {"llm.format_retries", "2", "re-asks per stage when a model reply is malformed"},
      {"curation.allowed_licenses",
       "MIT,Apache-2.0,BSD-2-Clause,BSD-3-Clause,ISC,BSL-1.0,Zlib,Unlicense,CC0-1.0,MPL-2.0",
       "SPDX ids a released task may carry (\"GPL-*\" names a family); NOASSERTION and "
       "curation.review_licenses wait for review, other licenses are rejected"},
      {"curation.review_licenses", "GPL-*,LGPL-*,AGPL-*",
       "SPDX ids whose tasks wait for a person's review before release (license policy)"},
      {"curation.denied_licenses", "", "SPDX ids whose tasks are never released, whatever the other lists say"},
      {"curation.near_duplicate_threshold", "0.9", "MinHash Jaccard at or above which a kernel is a near duplicate"},
      {"curation.mutation_check", "true", "release only tasks whose test rejects mutants of the canonical solution"},
      {"curation.max_mutants", "4", "mutants tried per task and dialect"},
      {"curation.max_extra_cases", "32",
       "extra cases tried per task to kill a surviving mutant before it counts as likely equivalent; 0: none"},
  };
  return keys;
}

}  // namespace kq
