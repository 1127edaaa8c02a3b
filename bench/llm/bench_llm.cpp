// Synthesis throughput of the openai synthesizer against the scripted server
// with a simulated model latency, for 1, 2, 4 and 8 requests in flight, and
// the client's own overhead per call. Writes bench/results/llm.json.
//
//   kq_bench_llm [--latency-ms 100] [--kernels 32] [--out bench/results/llm.json]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench/common/bench_env.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "llm/openai_synth.hpp"
#include "tests/llm/fixtures.hpp"
#include "tests/support/llm_server.hpp"

namespace {

using nlohmann::json;
using namespace kq;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Synthesizes `kernels` kernels with `in_flight` workers sharing one client limit.
json throughput(int in_flight, int kernels, int latency_ms) {
  test::LlmServer server;
  auto good = test::llm_fixtures::good_handler();
  server.set_handler([good, latency_ms](const test::LlmServerRequest& r) { return good(r).after_ms(latency_ms); });
  llm::Limits limits{std::make_shared<llm::Budget>(), std::make_shared<llm::InFlightLimit>(in_flight)};
  auto client = std::make_shared<llm::Client>(test::llm_fixtures::fast_options(server), limits);
  llm::OpenAISynthesizer synth(client, llm::PromptLibrary(data_root() / "llm" / "prompts"), {});
  std::atomic<int> next{0}, ok{0};
  auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < in_flight; ++w)
    workers.emplace_back([&] {
      for (int i = next++; i < kernels; i = next++) {
        auto k = test::llm_fixtures::scale_kernel();
        k.kernel_id = i + 1;
        ok += synth.synthesize(k, std::nullopt).status == "ok";
      }
    });
  for (auto& t : workers) t.join();
  double s = seconds_since(start);
  auto totals = client->budget().totals();
  return {{"in_flight", in_flight}, {"kernels", kernels}, {"ok", ok.load()}, {"calls", totals.calls},
          {"seconds", s}, {"tasks_per_minute", ok.load() / s * 60.0},
          {"server_max_concurrent", server.max_concurrent()}};
}

// Mean wall time of one chat call when the server answers at once.
json overhead(int calls) {
  test::LlmServer server;
  server.set_handler([](const auto&) { return test::LlmServerReply::chat(test::llm_fixtures::cases_reply()); });
  llm::Client client(test::llm_fixtures::fast_options(server), {});
  llm::ChatRequest req;
  req.messages = {{"system", std::string(2000, 's')}, {"user", std::string(6000, 'u')}};
  client.chat(req);  // warm-up
  auto start = Clock::now();
  for (int i = 0; i < calls; ++i) client.chat(req);
  double ms = seconds_since(start) * 1000.0 / calls;
  return {{"calls", calls}, {"ms_per_call", ms}, {"request_bytes", 8000}};
}

}  // namespace

int main(int argc, char** argv) {
  int latency_ms = 100, kernels = 32;
  std::string out = std::string(KQ_SOURCE_DIR) + "/bench/results/llm.json";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--latency-ms")) latency_ms = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--kernels")) kernels = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--out")) out = argv[i + 1];
  }
  json result = {{"area", "llm"}, {"machine", kq::bench::machine()},
                 {"commit", kq::bench::git_commit(KQ_SOURCE_DIR)},
                 {"simulated_latency_ms", latency_ms}, {"calls_per_task", 4}, {"throughput", json::array()}};
  for (int n : {1, 2, 4, 8}) {
    auto r = throughput(n, kernels, latency_ms);
    std::printf("in flight %d: %d tasks in %.2f s = %.1f tasks/min (server saw at most %d at once)\n", n,
                r["ok"].get<int>(), r["seconds"].get<double>(), r["tasks_per_minute"].get<double>(),
                r["server_max_concurrent"].get<int>());
    result["throughput"].push_back(r);
  }
  result["client_overhead"] = overhead(200);
  std::printf("client overhead: %.3f ms per call (loopback server answering at once)\n",
              result["client_overhead"]["ms_per_call"].get<double>());
  std::ofstream(out) << result.dump(2) << "\n";
  std::printf("wrote %s\n", out.c_str());
  return 0;
}
