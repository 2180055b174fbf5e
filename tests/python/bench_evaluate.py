"""Timing of Scenario.evaluate against labsim mc, per sample (issue 20's target: within 20%).

python3 tests/python/bench_evaluate.py BUILD_DIR [ROWS]   (PYTHONPATH=BUILD_DIR/python)
Both on one thread, the four default metrics of labsim mc, the scenario's ten uncertain inputs
(uncertain-divide): evaluate gets the rows mc would draw as numbers (its nominal values varied
uniformly within each distribution's range); mc draws its own. Prints microseconds per sample,
the best of three. Not a test: timings on a shared machine are reported, not asserted.
"""
import os
import subprocess
import sys
import time

import numpy as np

import labsim

build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
s = labsim.load("uncertain-divide")
p = s.problem()
rng = np.random.default_rng(1)
lo, hi = np.array(p["bounds"]).T
X = lo + (hi - lo) * rng.random((rows, p["num_vars"]))
metrics = ["compute.h100_hours", "compute.h100_hours_per_researcher", "compute.largest_run_flop", "talent.headcount"]


def best(f):
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


evaluate = best(lambda: s.evaluate(p["names"], X, metrics=metrics))
mc = best(lambda: subprocess.run([os.path.join(build, "labsim"), "mc", "uncertain-divide", "-n", str(rows), "--threads", "1"],
                                 check=True, capture_output=True))
print(f"evaluate: {evaluate / rows * 1e6:.2f} us per row; labsim mc (whole process): {mc / rows * 1e6:.2f} us per sample; "
      f"ratio {evaluate / mc:.2f}")
