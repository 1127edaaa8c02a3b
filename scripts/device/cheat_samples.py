#!/usr/bin/env python3
"""Writes cheating samples for `kquarry eval`: every generic cheat of
tests/curation/data/cheats.json applied to the first N tasks of a release's
dialect (the cheat text follows the task's complete_prompt). Each sample
carries the reason text the evaluator must give, in "expect".
Usage: cheat_samples.py RELEASE DIALECT N OUT.jsonl [CHEATS.json]"""
import json, os, sys

release, dialect, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cheats_path = sys.argv[5] if len(sys.argv) > 5 else os.path.join(
    os.path.dirname(__file__), "..", "..", "tests", "curation", "data", "cheats.json")
cheats = [c for c in json.load(open(cheats_path)) if c.get("generic")]
tasks = [json.loads(l) for l in open(os.path.join(release, f"tasks.{dialect}.jsonl")) if l.strip()][:n]
with open(out, "w") as dst:
    for task in tasks:
        for c in cheats:
            text = c.get("prefix", "") + task["complete_prompt"] + c["completion"]
            dst.write(json.dumps({"task_id": task["task_id"], "dialect": dialect, "solution": text,
                                  "cheat": c["name"], "expect": c["expect"]}) + "\n")
