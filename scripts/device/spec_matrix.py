#!/usr/bin/env python3
"""Runs every hand-written example spec on each backend that takes the unit's
dialect and compares the outputs with cpu-sim's: the cross-backend table."""
import json, os, sqlite3, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

kq, db_path, specs_dir, work, result_path = sys.argv[1:6]

def units_for(kernel):
    db = sqlite3.connect(db_path)
    return db.execute(
        "SELECT k.dialect, u.source, u.hip_source FROM kernels k JOIN units u ON u.kernel_id = k.id "
        "WHERE (k.qualified_name = ? OR k.name = ?) AND u.standalone_ok = 1", (kernel, kernel)).fetchall()

def sim(unit, spec, backend, out):
    r = subprocess.run([kq, "sim", unit, "--spec", spec, "--backend", backend, "--out", out],
                       capture_output=True, text=True, timeout=600)
    return r.returncode

def compare(a, b, spec):
    return subprocess.run([kq, "sim", "--compare", a, b, "--spec", spec],
                          capture_output=True, text=True, timeout=600).returncode

def check(project, name):
        spec = os.path.join(specs_dir, project, name)
        kernel = json.load(open(spec))["kernel"]
        found = units_for(kernel)
        row = {"project": project, "kernel": kernel}
        if not found:
            row["status"] = "no standalone unit"
            return row
        dialect, source, hip_source = found[0]
        base = os.path.join(work, project, name[:-5])
        os.makedirs(base, exist_ok=True)
        units = {}
        ext = ".hip" if dialect == "hip" else ".cu"
        units[dialect] = os.path.join(base, "unit" + ext)
        open(units[dialect], "w").write(source)
        if dialect == "cuda" and hip_source:
            units["hip"] = os.path.join(base, "unit.hip")
            open(units["hip"], "w").write(hip_source)
        ref = os.path.join(base, "cpu-sim")
        row["cpu-sim"] = "run" if sim(units[dialect], spec, "cpu-sim", ref) == 0 else "failed"
        plan = [("cuda", units.get("cuda")), ("hip-nvidia", units.get("hip"))]
        for backend, unit in plan:
            if not unit:
                row[backend] = "n/a"
                continue
            out = os.path.join(base, backend)
            if sim(unit, spec, backend, out) != 0:
                row[backend] = "failed"
            elif row["cpu-sim"] != "run":
                row[backend] = "run (no reference)"
            else:
                row[backend] = "agree" if compare(ref, out, spec) == 0 else "differ"
        return row

jobs = [(p, n) for p in sorted(os.listdir(specs_dir)) if os.path.isdir(os.path.join(specs_dir, p))
        for n in sorted(os.listdir(os.path.join(specs_dir, p))) if n.endswith(".json")]
with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
    rows = list(pool.map(lambda j: check(*j), jobs))

json.dump(rows, open(result_path, "w"), indent=1)
for r in rows:
    print(f'{r["project"]:12} {r["kernel"]:32} cpu-sim={r.get("cpu-sim","-"):7} '
          f'cuda={r.get("cuda","-"):10} hip-nvidia={r.get("hip-nvidia", r.get("status","-"))}')
