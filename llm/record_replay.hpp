#pragma once
// Recording and replaying model exchanges, so a run can be reproduced exactly
// without the network. Each exchange is one file `<sha256>.json` in the folder,
// keyed by the hash of the canonical request JSON (model, messages and every
// sampling parameter; nlohmann::json sorts object keys, which makes the dump
// canonical).
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace kq::llm {

struct RecordedReply {
  long status = 200;
  std::string body;
};

std::string request_hash(const nlohmann::json& request_body);

class Recorder {
 public:
  explicit Recorder(std::filesystem::path dir);
  void store(const std::string& hash, const nlohmann::json& request_body, const RecordedReply& reply) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

class Replayer {
 public:
  // Throws kq::UsageError when the folder does not exist.
  explicit Replayer(std::filesystem::path dir);
  std::optional<RecordedReply> find(const std::string& hash) const;
  // Throws kq::Error naming the hash and the folder when no reply was recorded.
  RecordedReply get(const std::string& hash) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace kq::llm
