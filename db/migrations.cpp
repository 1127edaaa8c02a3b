#include "db/migrations.hpp"

namespace kq::db {

// Migration 1 is DESIGN.md's data model; the extra columns carry what stages
// need to resume (status and error of a repo, per-file parse status).
static const char* kSchemaV1 = R"sql(
CREATE TABLE repos(
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  license_spdx TEXT,
  license_file TEXT,
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  requested_ref TEXT,
  status TEXT NOT NULL DEFAULT 'pending',      -- pending, mined, failed
  error TEXT
);
CREATE TABLE snapshots(
  id INTEGER PRIMARY KEY,
  repo_id INTEGER NOT NULL REFERENCES repos(id),
  commit_sha TEXT NOT NULL,
  ref TEXT,
  mined_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  complete INTEGER NOT NULL DEFAULT 0,          -- 1 once every file row is written
  worktree TEXT,                                -- where the files of this snapshot can be read
  UNIQUE(repo_id, commit_sha)
);
CREATE TABLE files(
  id INTEGER PRIMARY KEY,
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  language TEXT NOT NULL,
  extract_status TEXT,                          -- NULL, ok, failed
  extract_error TEXT,
  UNIQUE(snapshot_id, path)
);
CREATE TABLE kernels(
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id),
  name TEXT NOT NULL,
  qualified_name TEXT NOT NULL,
  dialect TEXT NOT NULL,
  line_begin INTEGER NOT NULL,
  line_end INTEGER NOT NULL,
  signature TEXT NOT NULL,
  source TEXT NOT NULL,
  is_template INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT NOT NULL,
  norm_hash TEXT,
  minhash BLOB,
  params_json TEXT,                             -- [{name,type,is_const,is_pointer}]
  template_params_json TEXT,
  instantiations_json TEXT,
  launches_json TEXT,
  comment TEXT,
  stage TEXT NOT NULL DEFAULT 'discovered',     -- furthest stage reached
  failed_stage TEXT,                            -- set when the kernel stopped
  fail_reason TEXT,
  UNIQUE(file_id, qualified_name, line_begin)
);
CREATE TABLE deps(
  id INTEGER PRIMARY KEY,
  kernel_id INTEGER NOT NULL REFERENCES kernels(id),
  kind TEXT NOT NULL CHECK(kind IN ('function','type','macro','variable','include','template')),
  name TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE TABLE units(
  kernel_id INTEGER PRIMARY KEY REFERENCES kernels(id),
  source TEXT NOT NULL,
  standalone_ok INTEGER NOT NULL DEFAULT 0,
  compile_log TEXT,
  hip_source TEXT,
  hip_ok INTEGER,
  hip_log TEXT
);
CREATE TABLE analysis(
  kernel_id INTEGER PRIMARY KEY REFERENCES kernels(id),
  json TEXT NOT NULL
);
CREATE TABLE syntheses(
  id INTEGER PRIMARY KEY,
  kernel_id INTEGER NOT NULL REFERENCES kernels(id),
  synthesizer TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 1,
  wrapper TEXT,
  golden TEXT,
  tests TEXT,                                   -- JSON array of launch specs
  doc_json TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  status TEXT,                                  -- ok, unsupported, failed
  reason TEXT,
  feedback TEXT
);
CREATE TABLE llm_calls(
  id INTEGER PRIMARY KEY,
  synthesis_id INTEGER REFERENCES syntheses(id),
  stage TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT,
  prompt TEXT,
  response TEXT,
  tokens_in INTEGER,
  tokens_out INTEGER,
  latency_ms INTEGER,
  error TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE verifications(
  id INTEGER PRIMARY KEY,
  synthesis_id INTEGER NOT NULL REFERENCES syntheses(id),
  backend TEXT NOT NULL,
  status TEXT NOT NULL,
  stage TEXT,
  log TEXT,
  wall_ms INTEGER,
  kernel_us REAL,
  ref_us REAL,
  case_name TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE reviews(
  kernel_id INTEGER PRIMARY KEY REFERENCES kernels(id),
  decision TEXT NOT NULL CHECK(decision IN ('accept','reject','needs_review')),
  reason TEXT,
  reviewer TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE releases(
  id INTEGER PRIMARY KEY,
  version TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  manifest_sha256 TEXT
);
CREATE TABLE release_tasks(
  release_id INTEGER NOT NULL REFERENCES releases(id),
  task_id TEXT NOT NULL,
  kernel_id INTEGER NOT NULL REFERENCES kernels(id),
  PRIMARY KEY(release_id, task_id)
);
CREATE TABLE stage_events(
  id INTEGER PRIMARY KEY,
  kernel_id INTEGER REFERENCES kernels(id),
  repo_id INTEGER REFERENCES repos(id),
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
-- Stable task ids: assigned once per kernel content and never reused.
CREATE TABLE task_ids(
  task_number INTEGER PRIMARY KEY AUTOINCREMENT,
  content_key TEXT NOT NULL UNIQUE
);
CREATE INDEX idx_snapshots_repo ON snapshots(repo_id);
CREATE INDEX idx_files_snapshot ON files(snapshot_id);
CREATE INDEX idx_kernels_file ON kernels(file_id);
CREATE INDEX idx_kernels_stage ON kernels(stage);
CREATE INDEX idx_deps_kernel ON deps(kernel_id);
CREATE INDEX idx_syntheses_kernel ON syntheses(kernel_id);
CREATE INDEX idx_verifications_synthesis ON verifications(synthesis_id);
CREATE INDEX idx_stage_events_kernel ON stage_events(kernel_id);
)sql";

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {"initial schema", kSchemaV1},
      {"curated tasks", R"sql(
-- One built task per kernel and dialect: the record without release fields,
-- and what the mutation check found. Export reads these rows.
CREATE TABLE curated_tasks(
  kernel_id INTEGER NOT NULL REFERENCES kernels(id),
  dialect TEXT NOT NULL,
  synthesis_id INTEGER,
  task_id TEXT NOT NULL,
  record TEXT NOT NULL,
  mutation TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  PRIMARY KEY(kernel_id, dialect)
);
)sql"},
      {"file licenses", R"sql(
-- The license each file carries (miner/file_license.hpp): an SPDX id or
-- expression, where it came from (spdx-tag, license-file, repository), the
-- license file that decided and the copyright line found. NULL in rows mined
-- before: the repository's license stands for them.
ALTER TABLE files ADD COLUMN license_spdx TEXT;
ALTER TABLE files ADD COLUMN license_source TEXT;
ALTER TABLE files ADD COLUMN license_file TEXT;
ALTER TABLE files ADD COLUMN copyright TEXT;
)sql"},
      // Append new migrations here; never edit one above.
  };
  return all;
}

}  // namespace kq::db
