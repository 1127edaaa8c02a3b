#!/usr/bin/env bash
# Runs on an NVIDIA GPU machine from the repository root, with a packed
# kquarry (scripts/device/pack.sh DIR/pack) and a release (DIR/release) under
# DIR (default .devcarry/eval): every task's canonical solution evaluated on
# cuda and hip-nvidia (correct, not slower, with the reference-vs-reference
# noise of each), then the generic cheats of tests/curation/data/cheats.json
# on the first tasks, on cuda. Results go to $OUT.
set -uo pipefail
dir=${1:-.devcarry/eval}
budget=${2:-560}
root=$PWD
pack=$root/$dir/pack
out=${OUT:-/tmp/kq-eval-out}
mkdir -p "$out"
export LD_LIBRARY_PATH=$pack/lib CPLUS_INCLUDE_PATH=$pack/include LIBRARY_PATH=$pack/lib
export KQ_SOURCE_ROOT=$root XDG_CACHE_HOME=/tmp/kq-cache PATH=/usr/local/cuda/bin:$PATH
K=$pack/kquarry
rel=$root/$dir/release
work=/tmp/kq-eval && rm -rf "$work" && mkdir -p "$work"
jobs=$(nproc)
SECONDS=0
step() {
  local name=$1 t0=$SECONDS left=$((budget - SECONDS - 15))
  shift
  ((left > 5)) || { echo "$name skipped: no time left" | tee -a "$out/steps.txt"; return; }
  timeout "$left" "$@" > "$out/$name.log" 2>&1
  echo "$name rc=$? $((SECONDS - t0))s" | tee -a "$out/steps.txt"
}
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader > "$out/gpu.txt" 2>&1
nvcc --version | tail -2 >> "$out/gpu.txt"
python3 "$dir/canonical_samples.py" "$rel" "$work/samples"
python3 "$dir/cheat_samples.py" "$rel" cuda "${CHEAT_TASKS:-2}" "$work/samples/cheats.jsonl" "$dir/cheats.json"
step eval_cuda "$K" --set jobs="$jobs" eval --release "$rel" --samples "$work/samples/cuda.jsonl" --backend cuda --results "$out/eval_cuda.json"
step eval_cheats "$K" --set jobs="$jobs" eval --release "$rel" --samples "$work/samples/cheats.jsonl" --backend cuda --no-timing --results "$out/eval_cheats.json"
step eval_hip "$K" --set jobs="$jobs" eval --release "$rel" --samples "$work/samples/hip.jsonl" --backend hip-nvidia --results "$out/eval_hip.json"
cp "$work/samples/cheats.jsonl" "$out/"
cat "$out/steps.txt"
