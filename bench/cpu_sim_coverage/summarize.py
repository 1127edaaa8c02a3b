#!/usr/bin/env python3
"""cpu-sim coverage of one `kquarry run` output: for each kernel whose unit
compiles standalone, whether cpu-sim runs it, and (when a GPU backend ran)
whether cpu-sim agrees with the GPU on every case.

Usage: summarize.py NAME OUT_DIR [NAME OUT_DIR ...] > cpu_sim_coverage.json

Each standalone kernel falls in one class:
  runs         synthesis found a plan and its cases ran on cpu-sim
  sim_failure  cpu-sim itself could not compile, link or run the unit
               (a missing header or intrinsic, a simulator crash)
  plan         the planner found no case to run (sizes, templates, layouts),
               or its typical case went out of bounds (the sizes were wrong);
               not a cpu-sim limit, listed apart so the share is honest
A GPU column is filled only where a GPU backend verified the kernel: `agrees`
is true when every case that ran on the GPU passed against the cpu-sim golden.
"""
import json, re, sqlite3, sys

SIM_FAILURE = re.compile(r"cpu-sim (compile_error|link_error|crash|runtime_error|timeout)")
OUT_OF_BOUNDS = re.compile(r"out-of-bounds access|invalid memory access|out of bounds for type|before its start")


def kernel_rows(db):
    return db.execute("""
      SELECT k.id, k.qualified_name, f.path, sy.status, COALESCE(sy.reason, ''), sy.id
      FROM kernels k JOIN files f ON f.id = k.file_id JOIN units u ON u.kernel_id = k.id
      LEFT JOIN syntheses sy ON sy.id = (SELECT MAX(id) FROM syntheses WHERE kernel_id = k.id)
      WHERE u.standalone_ok = 1 ORDER BY f.path, k.line_begin""").fetchall()


def gpu_agreement(db, synthesis_id):
    rows = db.execute("SELECT backend, status FROM verifications WHERE synthesis_id = ? AND backend != 'cpu-sim'",
                      (synthesis_id,)).fetchall()
    if not rows:
        return None
    by_backend = {}
    for backend, status in rows:
        by_backend.setdefault(backend, True)
        by_backend[backend] &= status == "pass"
    return by_backend


def classify(status, reason):
    if status == "ok":
        return "runs"
    if OUT_OF_BOUNDS.search(reason):
        return "plan"
    if SIM_FAILURE.search(reason):
        return "sim_failure"
    return "plan"


def summarize(name, out_dir):
    db = sqlite3.connect(f"{out_dir}/kquarry.db")
    kernels, counts = [], {"runs": 0, "sim_failure": 0, "plan": 0, "not_synthesized": 0}
    for kid, qname, path, status, reason, syn in kernel_rows(db):
        cls = classify(status, reason) if status else "not_synthesized"
        counts[cls] += 1
        kernels.append({"kernel": qname, "path": path, "class": cls, "reason": reason.split("\n")[0][:200],
                        "gpu": gpu_agreement(db, syn) if syn else None})
    tried = counts["runs"] + counts["sim_failure"]
    gpu_checked = [k for k in kernels if k["gpu"]]
    return {"repo": name, "standalone": len(kernels), "counts": counts,
            "runs_share_of_standalone": round(counts["runs"] / len(kernels), 3) if kernels else None,
            "runs_share_where_a_plan_exists": round(counts["runs"] / tried, 3) if tried else None,
            "gpu_checked": len(gpu_checked),
            "gpu_agrees": sum(1 for k in gpu_checked if all(k["gpu"].values())),
            "kernels": kernels}


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    print(json.dumps([summarize(args[i], args[i + 1]) for i in range(0, len(args), 2)], indent=1))
