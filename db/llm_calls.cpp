#include "db/llm_calls.hpp"

namespace kq::db {

nlohmann::json llm_call_to_json(const LlmCallRecord& r) {
  nlohmann::json j = {{"stage", r.stage}, {"provider", r.provider}, {"model", r.model},
                      {"prompt", r.prompt}, {"response", r.response}, {"tokens_in", r.tokens_in},
                      {"tokens_out", r.tokens_out}, {"latency_ms", r.latency_ms}, {"error", r.error}};
  if (r.synthesis_id) j["synthesis_id"] = *r.synthesis_id;
  return j;
}

LlmCallRecord llm_call_from_json(const nlohmann::json& j) {
  LlmCallRecord r;
  if (j.contains("synthesis_id") && j["synthesis_id"].is_number_integer())
    r.synthesis_id = j["synthesis_id"].get<std::int64_t>();
  r.stage = j.value("stage", "");
  r.provider = j.value("provider", "");
  r.model = j.value("model", "");
  r.prompt = j.value("prompt", "");
  r.response = j.value("response", "");
  r.tokens_in = j.value("tokens_in", std::int64_t{0});
  r.tokens_out = j.value("tokens_out", std::int64_t{0});
  r.latency_ms = j.value("latency_ms", std::int64_t{0});
  r.error = j.value("error", "");
  return r;
}

std::int64_t insert_llm_call(Database& db, const LlmCallRecord& r) {
  auto st = db.prepare(
      "INSERT INTO llm_calls(synthesis_id, stage, provider, model, prompt, response, tokens_in, "
      "tokens_out, latency_ms, error) VALUES(?,?,?,?,?,?,?,?,?,?)");
  st.bind(1, r.synthesis_id);
  st.bind(2, r.stage).bind(3, r.provider).bind(4, r.model).bind(5, r.prompt).bind(6, r.response);
  st.bind(7, r.tokens_in).bind(8, r.tokens_out).bind(9, r.latency_ms);
  if (r.error.empty()) st.bind_null(10); else st.bind(10, r.error);
  st.exec();
  return db.last_insert_id();
}

int store_llm_calls(Database& db, std::int64_t synthesis_id, const std::vector<LlmCallRecord>& calls) {
  for (auto r : calls) {
    r.synthesis_id = synthesis_id;
    insert_llm_call(db, r);
  }
  return static_cast<int>(calls.size());
}

std::vector<LlmCallRecord> llm_calls_for_synthesis(Database& db, std::int64_t synthesis_id) {
  auto st = db.prepare(
      "SELECT synthesis_id, stage, provider, model, prompt, response, tokens_in, tokens_out, latency_ms, "
      "error, at FROM llm_calls WHERE synthesis_id = ? ORDER BY id");
  st.bind(1, synthesis_id);
  std::vector<LlmCallRecord> out;
  while (st.step()) {
    LlmCallRecord r;
    r.synthesis_id = st.int64(0);
    r.stage = st.text(1);
    r.provider = st.text(2);
    r.model = st.is_null(3) ? "" : st.text(3);
    r.prompt = st.is_null(4) ? "" : st.text(4);
    r.response = st.is_null(5) ? "" : st.text(5);
    r.tokens_in = st.is_null(6) ? 0 : st.int64(6);
    r.tokens_out = st.is_null(7) ? 0 : st.int64(7);
    r.latency_ms = st.is_null(8) ? 0 : st.int64(8);
    r.error = st.is_null(9) ? "" : st.text(9);
    r.at = st.text(10);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace kq::db
