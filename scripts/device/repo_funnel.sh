#!/usr/bin/env bash
# Runs on an NVIDIA GPU machine, from the repository root, after
# scripts/device/pack.sh .device/pack: takes each extracted database named on
# the command line (.device/<name>.db; extraction needs libclang, which stays
# behind), then synthesizes, verifies on cpu-sim, cuda and hip-nvidia, exports,
# and prints the funnel. Results go to $OUT/<name>.stats.json and .log.
# Usage: scripts/device/repo_funnel.sh BUDGET_SECONDS NAME...
source scripts/device/env.sh
budget=${1:?usage: repo_funnel.sh BUDGET_SECONDS NAME...}
shift
jobs=$(nproc)
SECONDS=0
for name in "$@"; do
  work=/tmp/kq-funnel/$name
  mkdir -p "$work"
  db=$work/kquarry.db
  [[ -e $db ]] || cp ".device/$name.db" "$db"
  log=$out/$name.log
  run_step() {
    local left=$((budget - SECONDS - 15))
    ((left > 5)) || { echo "$* skipped: no time left" >> "$log"; return; }
    local t0=$SECONDS
    timeout "$left" "$K" --db "$db" "$@" >> "$log" 2>&1
    echo "step '$1' rc=$? $((SECONDS - t0))s" | tee -a "$log"
  }
  run_step synth --jobs "$jobs"
  run_step verify --backends cpu-sim,cuda,hip-nvidia --jobs "$jobs"
  run_step export --out "$work/rel" --version 0.1.0
  "$K" --db "$db" --json db stats > "$out/$name.stats.json"
  "$K" --db "$db" db stats | sed -n '/^funnel:/,$p'
  python3 scripts/device/summarize.py "$db" >> "$log" 2>&1
done
