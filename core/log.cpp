#include "core/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "core/error.hpp"

namespace kq {

void init_logging(int verbosity, const std::filesystem::path& log_file) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_pattern("%^%l%$: %v");
  switch (verbosity) {
    case -1: console->set_level(spdlog::level::warn); break;
    case 0: console->set_level(spdlog::level::info); break;
    case 1: console->set_level(spdlog::level::debug); break;
    default: console->set_level(spdlog::level::trace); break;
  }
  auto logger = std::make_shared<spdlog::logger>("kquarry", console);
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  if (!log_file.empty()) add_log_file(log_file);
}

void add_log_file(const std::filesystem::path& log_file) {
  try {
    if (log_file.has_parent_path()) std::filesystem::create_directories(log_file.parent_path());
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_file.string());
    sink->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] [%t] %v");
    sink->set_level(spdlog::level::debug);
    spdlog::default_logger()->sinks().push_back(sink);
  } catch (const spdlog::spdlog_ex& e) {
    throw Error("log file '" + log_file.string() + "': " + e.what());
  }
}

}  // namespace kq
