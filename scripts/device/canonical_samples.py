#!/usr/bin/env python3
"""Writes the canonical solution of every task of a release as an eval sample,
one file per dialect, so `kquarry eval` exercises each task's own test."""
import json, os, sys

release, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for dialect in ("cuda", "hip"):
    path = os.path.join(release, f"tasks.{dialect}.jsonl")
    if not os.path.exists(path):
        continue
    with open(path) as src, open(os.path.join(out, f"{dialect}.jsonl"), "w") as dst:
        for line in src:
            task = json.loads(line)
            dst.write(json.dumps({"task_id": task["task_id"], "dialect": dialect,
                                  "completion": task["canonical_solution"]}) + "\n")
