#pragma once
// Rows of `llm_calls`: every model call made while synthesizing, with its
// prompt (the messages as JSON), reply, tokens, latency and error.
//
// How calls reach the table: the model synthesizer does not hold a database
// connection. It returns the calls of one attempt in `Synthesis::model_calls`,
// and the synthesis stage, once it has inserted the `syntheses` row of that
// attempt, calls store_llm_calls(db, synthesis_id, calls) in the same
// transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"

namespace kq::db {

struct LlmCallRecord {
  std::optional<std::int64_t> synthesis_id;
  std::string stage;      // analysis, launch_specs, golden, doc
  std::string provider;   // openai
  std::string model;
  std::string prompt;     // the messages sent, as a JSON array
  std::string response;   // the reply text
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
  std::int64_t latency_ms = 0;
  std::string error;      // empty when the call succeeded and its reply was usable
  std::string at;         // filled when read back
};

nlohmann::json llm_call_to_json(const LlmCallRecord& r);
LlmCallRecord llm_call_from_json(const nlohmann::json& j);

std::int64_t insert_llm_call(Database& db, const LlmCallRecord& r);

// Stores every call under synthesis_id; returns how many.
int store_llm_calls(Database& db, std::int64_t synthesis_id, const std::vector<LlmCallRecord>& calls);

std::vector<LlmCallRecord> llm_calls_for_synthesis(Database& db, std::int64_t synthesis_id);

}  // namespace kq::db
