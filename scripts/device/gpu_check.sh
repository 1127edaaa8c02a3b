#!/usr/bin/env bash
# Runs on an NVIDIA GPU machine, from the repository root, after
# scripts/device/pack.sh .device/pack and a database whose kernels are extracted
# (.device/kquarry.db; extraction needs libclang, which stays behind):
#   synth + verify on cpu-sim, cuda and hip-nvidia, export, the canonical
#   solutions evaluated through the release's own tests on cuda, and every
#   hand-written example spec compared across backends. Results go to $OUT.
source scripts/device/env.sh
phase=${1:-all}      # stages | release | matrix | all: a machine's call has a time limit
budget=${2:-580}     # seconds this call may take; each step gets what is left
work=/tmp/kq-gpu
db=$work/kquarry.db
if [[ $phase != release || ! -e $db ]]; then
  rm -rf "$work" && mkdir -p "$work"
  cp .device/kquarry.db "$db"
fi
jobs=$(nproc)

logs=$work/logs && mkdir -p "$logs"
SECONDS=0
step() {
  local name=$1 t0=$SECONDS rc
  shift
  local left=$((budget - SECONDS - 20))
  ((left > 5)) || { echo "$name skipped: no time left" | tee -a "$logs/steps.txt"; return; }
  timeout "$left" "$@" > "$logs/$name.log" 2>&1
  rc=$?
  echo "$name rc=$rc $((SECONDS - t0))s" | tee -a "$logs/steps.txt"
}

if [[ $phase == matrix ]]; then
step spec_matrix python3 scripts/device/spec_matrix.py "$K" "$db" examples/specs "$work/matrix" "$out/spec_matrix.json"
fi
if [[ $phase == stages || $phase == all ]]; then
step backends "$K" backends --json
step synth "$K" --db "$db" synth --jobs "$jobs"
step verify "$K" --db "$db" verify --backends cpu-sim,cuda,hip-nvidia --jobs "$jobs"
fi
if [[ $phase == release || $phase == all ]]; then
step export "$K" --db "$db" export --out "$work/rel" --version 0.1.0
step stats "$K" --db "$db" db stats --json
python3 scripts/device/canonical_samples.py "$work/rel/release-0.1.0" "$work/samples"
step eval_cuda "$K" eval --release "$work/rel/release-0.1.0" --samples "$work/samples/cuda.jsonl" --backend cuda --results "$logs/eval_cuda.json"
step eval_hip "$K" eval --release "$work/rel/release-0.1.0" --samples "$work/samples/hip.jsonl" --backend hip-nvidia --results "$logs/eval_hip.json"
step spec_matrix python3 scripts/device/spec_matrix.py "$K" "$db" examples/specs "$work/matrix" "$out/spec_matrix.json"
fi
python3 scripts/device/summarize.py "$db" > "$logs/summary.txt" 2>&1
cp "$work/rel/release-0.1.0/MANIFEST.json" "$logs/" 2>/dev/null
# At most a few files come back from such a machine: one archive, the database, the tables.
cp "$logs/summary.txt" "$logs/steps.txt" "$out/"
cp "$out/spec_matrix.json" "$logs/" 2>/dev/null
tar -czf "$out/gpu-logs.tar.gz" -C "$work" logs
gzip -c "$db" > "$out/gpu.db.gz"
cat "$logs/steps.txt" "$logs/summary.txt"
