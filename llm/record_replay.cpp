#include "llm/record_replay.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"

namespace kq::llm {

std::string request_hash(const nlohmann::json& request_body) { return sha256_hex(request_body.dump()); }

Recorder::Recorder(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) throw UsageError("llm.record_dir '" + dir_.string() + "': cannot create: " + ec.message());
}

void Recorder::store(const std::string& hash, const nlohmann::json& request_body, const RecordedReply& reply) const {
  nlohmann::json entry = {{"hash", hash}, {"request", request_body}, {"status", reply.status}, {"body", reply.body}};
  write_file_atomic(dir_ / (hash + ".json"), entry.dump(2) + "\n");
}

Replayer::Replayer(std::filesystem::path dir) : dir_(std::move(dir)) {
  if (!std::filesystem::is_directory(dir_))
    throw UsageError("llm.replay_dir '" + dir_.string() + "': no such folder of recorded replies");
}

std::optional<RecordedReply> Replayer::find(const std::string& hash) const {
  auto path = dir_ / (hash + ".json");
  if (!std::filesystem::exists(path)) return std::nullopt;
  auto entry = nlohmann::json::parse(read_file(path), nullptr, false);
  if (entry.is_discarded() || !entry.contains("body"))
    throw Error("replay: " + path.string() + " is not a recorded reply");
  return RecordedReply{entry.value("status", 200L), entry["body"].get<std::string>()};
}

RecordedReply Replayer::get(const std::string& hash) const {
  if (auto r = find(hash)) return *r;
  throw Error("replay: no recorded reply for request " + hash + " in " + dir_.string() +
              " (the prompt, model or parameters differ from the recorded run)");
}

}  // namespace kq::llm
