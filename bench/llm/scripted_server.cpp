// A scripted OpenAI-compatible endpoint on 127.0.0.1 for demonstrations and
// benchmarks: it answers POST /v1/chat/completions from a directory of reply
// files keyed by kernel and stage (tests/support/llm_script.hpp) and
// GET /v1/models with one model, "scripted".
//
//   kq_llm_scripted_server --replies DIR [--url-file FILE]
//
// It prints its base URL (http://127.0.0.1:PORT/v1) on stdout, writes it to
// FILE when asked, and serves until SIGINT or SIGTERM.
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/support/llm_script.hpp"
#include "tests/support/llm_server.hpp"

namespace {

struct Args {
  std::filesystem::path replies;
  std::filesystem::path url_file;
};

bool parse_args(int argc, char** argv, Args& a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--replies") a.replies = argv[i + 1];
    else if (flag == "--url-file") a.url_file = argv[i + 1];
    else return false;
  }
  return argc % 2 == 1 && std::filesystem::is_directory(a.replies);
}

// Blocks SIGINT and SIGTERM in every thread, so the main thread alone takes them.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::cerr << "usage: kq_llm_scripted_server --replies DIR [--url-file FILE]\n";
    return 2;
  }
  sigset_t signals = stop_signals();
  kq::test::LlmServer server;
  server.set_models_reply(kq::test::LlmServerReply::models({"scripted"}));
  server.set_handler(kq::test::llm_reply_dir_handler(args.replies));
  std::cout << server.base_url() << std::endl;
  if (!args.url_file.empty()) std::ofstream(args.url_file) << server.base_url() << "\n";
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "kq_llm_scripted_server: answered " << server.chat_requests().size() << " chat request(s)\n";
  server.stop();
  return 0;
}
