#!/usr/bin/env python3
"""Funnel and top drop reasons of one `kquarry run` output, as a JSON object.

Usage: summarize.py NAME OUT_DIR KQUARRY [NOTE]
Reads OUT_DIR/kquarry.db through `kquarry db stats --json` (the funnel) and
groups the kernels' fail reasons by their leading words (numbers, names and
quoted text stripped), so that one cause counts once.
"""
import json, re, sqlite3, subprocess, sys

name, out_dir, kquarry = sys.argv[1:4]
note = sys.argv[4] if len(sys.argv) > 4 else ""
db_path = f"{out_dir}/kquarry.db"
stats = json.loads(subprocess.run([kquarry, "--db", db_path, "--json", "db", "stats"],
                                  check=True, capture_output=True, text=True).stdout)


def cause(reason):
    r = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "X", reason or "")
    r = re.sub(r"\b\d+\b", "N", r)
    r = re.split(r"[:(\n]", r)[0] if not r.startswith("unsupported") else ":".join(r.split(":")[:2])
    return r.strip()[:110]


db = sqlite3.connect(db_path)
drops = {}
for stage, reason in db.execute("SELECT failed_stage, fail_reason FROM kernels WHERE failed_stage IS NOT NULL"):
    key = f"{stage}: {cause(reason)}"
    drops[key] = drops.get(key, 0) + 1
dialects = dict(db.execute("SELECT dialect, count(*) FROM kernels GROUP BY dialect").fetchall())
funnel = {step["step"]: step["count"] for step in stats.get("funnel", [])}
if funnel.get("discovered"):
    funnel["exported_share"] = round(funnel.get("exported", 0) / funnel["discovered"], 3)
print(json.dumps({"repo": name, "note": note, "funnel": funnel, "kernels_by_dialect": dialects,
                  "top_drop_reasons": dict(sorted(drops.items(), key=lambda kv: -kv[1])[:12])}, indent=1))
