#!/usr/bin/env bash
# Runs on an NVIDIA GPU machine, from the repository root, after
# scripts/device/pack.sh .device/pack and a database whose kernels are extracted
# (.device/kquarry.db): synth, then verify on cpu-sim, cuda and hip-nvidia, and
# for every kernel whose cases carry a tolerance widened from the cpu-sim
# schedule spread (compare.basis), how its GPU runs fared under it. Answers
# whether 4 times the cpu-sim spread covers the order a GPU adds in.
# Result: $out/atomic_tolerance.json.
source scripts/device/env.sh
work=/tmp/kq-atomic && rm -rf "$work" && mkdir -p "$work"
cp .device/kquarry.db "$work/kquarry.db"
db=$work/kquarry.db
"$K" --db "$db" synth --jobs "$(nproc)" > "$work/synth.log" 2>&1
"$K" --db "$db" verify --backends cpu-sim,cuda,hip-nvidia --jobs "$(nproc)" > "$work/verify.log" 2>&1
python3 - "$db" "$out/atomic_tolerance.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("""
  SELECT k.name, s.tests, v.backend, v.case_name, v.status, substr(v.log, 1, 300)
  FROM kernels k JOIN syntheses s ON s.kernel_id = k.id JOIN verifications v ON v.synthesis_id = s.id
  WHERE s.tests LIKE '%order of floating-point accumulation%'""").fetchall()
kernels = {}
for name, tests, backend, case, status, log in rows:
    k = kernels.setdefault(name, {"cases": {c["name"]: c["compare"] for c in json.loads(tests) if "name" in c}, "runs": []})
    k["runs"].append({"backend": backend, "case": case, "status": status, "log": log})
stayed_out = db.execute("SELECT count(*) FROM kernels WHERE fail_reason LIKE 'nondeterministic%'").fetchone()[0]
summary = {"widened_kernels": len(kernels),
           "gpu_runs": sum(1 for k in kernels.values() for r in k["runs"] if r["backend"] != "cpu-sim"),
           "gpu_mismatches": sum(1 for k in kernels.values() for r in k["runs"]
                                 if r["backend"] != "cpu-sim" and r["status"] == "mismatch"),
           "still_nondeterministic": stayed_out, "kernels": kernels}
json.dump(summary, open(sys.argv[2], "w"), indent=1)
print(json.dumps({k: v for k, v in summary.items() if k != "kernels"}))
PY
