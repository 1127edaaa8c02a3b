#include "db/stage_queue.hpp"

namespace kq::db {
namespace {

std::string queue_condition(StageQueue queue, bool retry_failed) {
  switch (queue) {
    case StageQueue::Synthesize:
      return std::string(
                 "stage = 'analyzed' AND EXISTS (SELECT 1 FROM units u WHERE u.kernel_id = kernels.id "
                 "AND u.standalone_ok = 1) AND NOT EXISTS (SELECT 1 FROM syntheses s WHERE "
                 "s.kernel_id = kernels.id AND s.status = 'ok')") +
             (retry_failed ? "" : " AND failed_stage IS NULL");
    case StageQueue::Verify:
      return std::string("stage = 'synthesized' AND (failed_stage IS NULL") +
             (retry_failed ? " OR failed_stage = 'verified')" : ")");
  }
  return "0";
}

bool is_id(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

}  // namespace

std::vector<std::int64_t> stage_queue(Database& db, StageQueue queue, const QueueFilter& f) {
  std::string sql = "SELECT id FROM kernels WHERE (" + queue_condition(queue, f.retry_failed) + ")";
  if (!f.kernel.empty()) sql += is_id(f.kernel) ? " AND id = ?1" : " AND (name = ?1 OR qualified_name = ?1)";
  sql += " ORDER BY id";
  auto s = db.prepare(sql);
  if (is_id(f.kernel)) s.bind(1, static_cast<std::int64_t>(std::stoll(f.kernel)));
  else if (!f.kernel.empty()) s.bind(1, f.kernel);
  std::vector<std::int64_t> ids;
  while (s.step()) {
    ids.push_back(s.int64(0));
    if (f.limit && ids.size() >= f.limit) break;
  }
  return ids;
}

}  // namespace kq::db
