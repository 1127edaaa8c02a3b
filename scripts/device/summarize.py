#!/usr/bin/env python3
"""Prints the funnel and the verification table of a database."""
import sqlite3, sys

db = sqlite3.connect(sys.argv[1])
print("kernels by stage:")
for stage, n in db.execute("SELECT stage, count(*) FROM kernels GROUP BY stage ORDER BY 2 DESC"):
    print(f"  {stage:16} {n}")
print("failures:")
for stage, reason, n in db.execute(
        "SELECT failed_stage, substr(fail_reason, 1, 90), count(*) FROM kernels "
        "WHERE failed_stage IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 12"):
    print(f"  {n:3} {stage}: {reason}")
print("verifications (cases) by backend and status:")
for backend, status, n in db.execute(
        "SELECT backend, status, count(*) FROM verifications GROUP BY 1, 2 ORDER BY 1, 2"):
    print(f"  {backend:12} {status:16} {n}")
