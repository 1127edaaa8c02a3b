#!/usr/bin/env bash
# The example corpus (or the projects named in KQ_BENCH_PROJECTS) through a
# one-node Slurm cluster started here, with 1, 2 and 4 shards, against the
# local run of the same corpus and settings. Prints JSON for
# bench/results/slurm.json. Needs root and Debian's slurmctld, slurmd,
# slurm-client and munge; stops every daemon it started.
# Usage: bench/slurm/slurm_bench.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kq=$(cd "${1:?usage: slurm_bench.sh BUILD_DIR}" && pwd)/cli/kquarry
projects=${KQ_BENCH_PROJECTS:-vecops imgkit reductions particles hipstream sparse}
work=$(mktemp -d /tmp/kq-slurm-bench.XXXXXX)
c=$work/cluster
mkdir -p "$c"/{state,spool,log,munge} "$work/corpus"
chmod 700 "$c/munge"

stop() {
  scancel --user=root 2>/dev/null || true
  for f in "$c/slurmd.pid" "$c/slurmctld.pid" "$c/munge/munged.pid"; do
    [[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$work"
}
trap stop EXIT

for p in $projects; do cp -r "$root/examples/$p" "$work/corpus/"; echo "$p"; done > "$work/corpus/repos.txt"

head -c 1024 /dev/urandom > "$c/munge/munge.key"
chmod 400 "$c/munge/munge.key"
/usr/sbin/munged --force --key-file="$c/munge/munge.key" --socket="$c/munge/munge.sock" \
  --pid-file="$c/munge/munged.pid" --log-file="$c/munge/munged.log" --seed-file="$c/munge/seed"
port=$((20000 + $$ % 20000))
# The same configuration as the integration test's (tests/slurm/one_node_cluster.cpp).
cat > "$c/slurm.conf" <<EOF
ClusterName=kqbench
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$c/munge/munge.sock
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$c/state
SlurmdSpoolDir=$c/spool
SlurmctldPidFile=$c/slurmctld.pid
SlurmdPidFile=$c/slurmd.pid
SlurmctldLogFile=$c/log/slurmctld.log
SlurmdLogFile=$c/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
GresTypes=gpu
ReturnToService=2
MpiDefault=none
SchedulerType=sched/builtin
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=1000 Gres=gpu:1 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
echo "NodeName=localhost Name=gpu Count=1 File=/dev/null" > "$c/gres.conf"
export SLURM_CONF=$c/slurm.conf
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF" -N localhost
for _ in $(seq 100); do [[ $(sinfo -h -o %t 2>/dev/null) == idle* ]] && break; sleep 0.3; done

common=(--set curation.mutation_check=false --set slurm.poll_s=1 --set slurm.cpus_per_task=1)
run() {  # NAME EXECUTOR SHARDS -> seconds, and the run's JSON summary in $work/NAME.json
  # Every measured run starts from its own copy of one warm object cache, so
  # none profits from compile checks an earlier one left behind.
  rm -rf "$work/cache-$1"
  [[ -d $work/warm ]] && cp -r "$work/warm" "$work/cache-$1"
  local t0; t0=$(date +%s.%N)
  (cd "$work/corpus" && XDG_CACHE_HOME=$work/cache-$1 "$kq" "${common[@]}" --set "slurm.shards=$3" run \
     --executor "$2" --repos repos.txt --out "$work/$1" --backends cpu-sim --version 0.0.1 --jobs 1 --json \
     > "$work/$1.json") || (($? == 1))  # 1: done, some kernels not exported (sparse's, by builtin)
  python3 -c "print($(date +%s.%N) - $t0)"
}
# KQ_BENCH_CACHE: a cache an earlier run of this corpus filled; otherwise one warm-up run fills it.
if [[ -n ${KQ_BENCH_CACHE:-} ]]; then
  cp -r "$KQ_BENCH_CACHE" "$work/warm"
else
  run warmup local 1 > /dev/null
  mv "$work/cache-warmup" "$work/warm"
fi
local_s=$(run local local 1)
results=()
for n in 1 2 4; do
  s=$(run "s$n" slurm "$n")
  same=$(cmp -s "$work/local/release-0.0.1/tasks.cuda.jsonl" "$work/s$n/release-0.0.1/tasks.cuda.jsonl" && echo true || echo false)
  results+=("{\"shards\": $n, \"wall_seconds\": $s, \"release_equals_local\": $same, \"summary\": $(cat "$work/s$n.json")}")
done
python3 - "$local_s" "$(cat "$work/local.json")" "$projects" "$(git -C "$root" rev-parse HEAD)" "${results[@]}" <<'EOF'
import json, sys, os
local_s, local_sum, projects, commit = float(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = [json.loads(r) for r in sys.argv[5:]]
out = {"benchmark": "slurm", "commit": commit, "machine": {"nproc": os.cpu_count(),
       "loadavg_at_end": os.getloadavg()[0]}, "corpus": projects.split(),
       "settings": "every run from a copy of one warm object cache; cpu-sim, builtin synthesizer, curation.mutation_check=false, slurm.cpus_per_task=1, one-node cluster (slurmctld/slurmd 22.05, select/cons_tres, fake gpu gres)",
       "local": {"wall_seconds": round(local_s, 1), "stages": {s["stage"]: round(s["seconds"], 1) for s in local_sum["stages"]},
                 "tasks": local_sum["tasks"]}, "slurm": []}
for r in runs:
    jobs = 5  # mine, extract, synth, verify arrays and the final job
    tasks = 4 * r["shards"] + 1
    out["slurm"].append({"shards": r["shards"], "wall_seconds": round(r["wall_seconds"], 1),
        "jobs": jobs, "array_tasks": tasks, "tasks_exported": r["summary"]["tasks"],
        "release_equals_local": r["release_equals_local"],
        "stages": {s["stage"]: round(s["seconds"], 1) for s in r["summary"]["stages"]},
        "overhead_seconds_per_job": round((r["wall_seconds"] - local_s) / jobs, 1),
        "speedup_vs_local": round(local_s / r["wall_seconds"], 2)})
print(json.dumps(out, indent=1))
EOF
