#!/usr/bin/env bash
# Yield on real repositories: one `kquarry run` per repository (cpu-sim only),
# then the funnel and top drop reasons of each into bench/results/yield.json.
# Usage: bench/yield/run_yield.sh KQUARRY WORK NAME=REPO_PATH... 
# REPO_PATH is a local git repository or a plain folder (a sample of one).
set -euo pipefail
kq=$(realpath "$1"); work=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
parts=()
for pair in "$@"; do
  name=${pair%%=*}; repo=${pair#*=}
  echo "$repo" > "$work/repos-$name.txt"
  rm -rf "$work/out-$name"
  start=$(date +%s)
  nice "$kq" run --repos "$work/repos-$name.txt" --out "$work/out-$name" --jobs 2 --backends cpu-sim \
    > "$work/log-$name.txt" 2>&1 || true
  secs=$(( $(date +%s) - start ))
  python3 "$here/summarize.py" "$name" "$work/out-$name" "$kq" "wall seconds: $secs" > "$work/$name.json"
  parts+=("$work/$name.json")
done
python3 - "${parts[@]}" <<'PY'
import json, os, subprocess, sys
repos = [json.load(open(p)) for p in sys.argv[1:]]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "")
commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
print(json.dumps({"benchmark": "yield", "machine": {"nproc": os.cpu_count(), "cpu_model": cpu},
                  "commit": commit, "backends": ["cpu-sim"], "repos": repos}, indent=1))
PY
