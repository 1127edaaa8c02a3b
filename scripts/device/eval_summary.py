#!/usr/bin/env python3
"""Summarizes an eval_check.sh run (its $OUT folder) as bench/results/eval.json:
per dialect the canonical verdicts, the candidate/reference time ratios and
the reference-vs-reference spread; for the cheats, how many were refused and
with the expected reason. Usage: eval_summary.py OUT_DIR COMMIT > eval.json"""
import json, os, statistics, sys

out, commit = sys.argv[1], sys.argv[2]


def quantiles(values):
    if not values:
        return None
    v = sorted(values)
    pick = lambda q: v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))]
    return {"n": len(v), "median": round(statistics.median(v), 4), "p10": round(pick(0.1), 4),
            "p90": round(pick(0.9), 4), "min": round(v[0], 4), "max": round(v[-1], 4)}


def canonical(name):
    path = os.path.join(out, f"eval_{name}.json")
    if not os.path.exists(path):
        return None
    rep = json.load(open(path))
    samples = rep["samples"]
    timed = [s for s in samples if "candidate_us" in s]
    return {
        "counts": rep["counts"],
        "correct_share": round(sum(s["verdict"] == "correct" for s in samples) / max(1, len(samples)), 4),
        "candidate_over_reference": quantiles([s["candidate_us"] / s["reference_us"] for s in timed if s["reference_us"] > 0]),
        "reference_vs_reference": quantiles([abs(s["reference2_us"] / s["reference_us"] - 1) for s in timed if s["reference_us"] > 0]),
        "reference_us": quantiles([s["reference_us"] for s in timed]),
        "summary": rep.get("summary"),
        "not_correct": [{k: s.get(k) for k in ("task_id", "verdict", "reason", "candidate_us", "reference_us", "reference2_us")}
                        for s in samples if s["verdict"] != "correct"],
    }


def cheats():
    path = os.path.join(out, "eval_cheats.json")
    if not os.path.exists(path):
        return None
    rep = json.load(open(path))
    wanted = [json.loads(l) for l in open(os.path.join(out, "cheats.jsonl"))]
    rows, refused, named = [], 0, 0
    for s in rep["samples"]:
        w = wanted[s["line"] - 1]
        ok = s["verdict"] == "incorrect"
        has = w["expect"] in s["reason"]
        refused += ok
        named += ok and has
        rows.append({"cheat": w["cheat"], "task_id": s["task_id"], "verdict": s["verdict"], "named": has,
                     "reason": s["reason"][:160]})
    return {"samples": len(rows), "refused": refused, "refused_with_named_reason": named,
            "not_named": [r for r in rows if not (r["verdict"] == "incorrect" and r["named"])]}


gpu = open(os.path.join(out, "gpu.txt")).read().strip() if os.path.exists(os.path.join(out, "gpu.txt")) else ""
print(json.dumps({"machine": gpu, "commit": commit, "cuda": canonical("cuda"), "hip_nvidia": canonical("hip"),
                  "cheats_cuda": cheats()}, indent=1))
