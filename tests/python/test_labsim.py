"""The Python module `labsim` (issue 20, first part) against the command line.

Run by CTest as: python3 tests/python/test_labsim.py BUILD_DIR (with PYTHONPATH=BUILD_DIR/python).
Checks: run() gives the native engine's values bit for bit (through `labsim resolve` and the
engine's C interface, build/labsim_engine_dump); evaluate() row by row equals run() with the same
values set, and labsim sweep; frame() is `labsim run --format csv`'s tidy
table; bad input raises labsim.InputError with the located message; scenarios pickle; inputs()
lists the schema table's view.
"""
import io
import json
import os
import pickle
import struct
import subprocess
import sys
import tempfile

build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
labsim_cli = os.path.join(build, "labsim")
dump = os.path.join(build, "labsim_engine_dump")

import labsim  # noqa: E402  (PYTHONPATH=BUILD_DIR/python)

failed = 0


def check(name, body):
    global failed
    try:
        body()
        print(f"ok - {name}")
    except Exception as error:  # noqa: BLE001  (a test harness reports every failure)
        failed += 1
        print(f"not ok - {name}\n  {type(error).__name__}: {error}")


def native_bits(scenario, sets):
    """{(institution, metric, year): 64-bit pattern} of the native engine for `labsim run`."""
    args = [labsim_cli, "resolve", scenario]
    for s in sets:
        args += ["--set", s]
    resolved = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(resolved)
    try:
        lines = subprocess.run([dump, f.name], check=True, capture_output=True, text=True).stdout.split("\n")
    finally:
        os.unlink(f.name)
    layout = json.loads(lines[0])
    bits = {}
    n_metrics = len(layout["metrics"])
    for i, inst in enumerate(layout["institutions"]):
        for y in range(layout["years"]):
            for j, m in enumerate(layout["metrics"]):
                bits[(inst["id"], m["name"], layout["first_year"] + y)] = lines[1 + (i * layout["years"] + y) * n_metrics + j]
    return bits


def bits_of(x):
    return format(struct.unpack("<Q", struct.pack("<d", x))[0], "016x")


def run_is_native():
    for scenario, sets in [("compute-divide", {}), ("nairr", {"institutions.institute.funding.nsf-institute.amount": "35M"}),
                           ("state-university-policy", {"economy.pue": "1.4"})]:
        s = labsim.load(scenario, set=sets)
        r = s.run()
        native = native_bits(scenario, [f"{k}={v}" for k, v in sets.items()])
        compared = 0
        for inst, entry in r["institutions"].items():
            for metric, values in entry["metrics"].items():
                for k, year in enumerate(r["years"]):
                    assert bits_of(values[k]) == native[(inst, metric, int(year))], (scenario, inst, metric, year)
                    compared += 1
        assert compared == len(native), (compared, len(native))


def frame_is_the_csv():
    try:
        import pandas  # noqa: F401
    except ImportError:
        print("  (pandas not installed: frame() not checked)")
        return
    f = labsim.load("compute-divide").frame()
    csv = subprocess.run([labsim_cli, "run", "compute-divide", "--format", "csv"], check=True, capture_output=True,
                         text=True).stdout
    rows = [line.split(",") for line in csv.strip().split("\n")]
    header, rows = rows[0], rows[1:]
    assert header[:4] == ["scenario", "institution", "year", "metric"], header
    assert len(f) == len(rows), (len(f), len(rows))
    keys = {(r[1], int(r[2]), r[3]): float(r[4]) if r[4] else float("nan") for r in rows}
    assert [(r[1], int(r[2]), r[3]) for r in rows] == list(zip(f.institution, f.year, f.metric))  # same rows, same order
    for row in f.itertuples():
        written = keys[(row.institution, row.year, row.metric)]
        # the CSV writes ten significant digits
        assert (written != written and row.value != row.value) or abs(row.value - written) <= 1e-9 * max(1.0, abs(written)), row


def bad_input_is_located():
    try:
        labsim.load("compute-divide", set={"institutions.institute.operations.mfu": "150%"})
    except labsim.InputError as e:
        text = str(e)
        assert "--set #1:1:39: error: institutions.institute.operations.mfu:" in text, text
        assert "cannot exceed 100%" in text, text
        assert isinstance(e, ValueError)
        return
    raise AssertionError("no InputError")


def missing_file_is_oserror():
    try:
        labsim.load(os.path.join(root, "scenarios", "no-such.yaml"))
    except OSError as e:
        assert "no such file" in str(e), str(e)
        return
    raise AssertionError("no OSError")


def scenarios_pickle():
    s = labsim.load("nairr", set={"economy.pue": "1.3"})
    t = pickle.loads(pickle.dumps(s))
    assert t.sets == ["economy.pue=1.3"] and t.path == s.path
    a, b = s.run(), t.run()
    assert all(bits_of(x) == bits_of(y) for x, y in zip(a["institutions"]["institute"]["metrics"]["compute.h100_hours"],
                                                          b["institutions"]["institute"]["metrics"]["compute.h100_hours"]))


def inputs_listed():
    inputs = {i["path"]: i for i in labsim.load("compute-divide").inputs()}
    # compute-divide.yaml: economy.pue is 1.25, from 1 to 5; the institute's MFU is pert [20%, 37.5%, 52%]
    assert inputs["economy.pue"]["value"] == 1.25 and inputs["economy.pue"]["lower"] == 1 and inputs["economy.pue"]["upper"] == 5
    assert inputs["institutions.institute.operations.mfu"]["distribution"] == "pert: [20%, 37.5%, 52%]"


def evaluate_is_run_with_sets():
    import numpy as np
    s = labsim.load("uncertain-divide")
    names = ["institutions.institute.operations.mfu", "economy.pue", "market.industry_comp.growth"]
    X = np.array([[0.25, 1.1, 1.02], [0.375, 1.25, 1.04], [0.5, 1.4, 1.09]])
    r = s.evaluate(names, X, metrics=["compute.h100_hours_per_researcher", "talent.headcount"])
    for row, (mfu, pue, growth) in enumerate(X):
        # the same values through the loader, as --set reads them (a growth as a factor: "1.02x/yr")
        one = labsim.load("uncertain-divide", set={names[0]: repr(mfu), names[1]: repr(pue), names[2]: f"{growth!r}x/yr"}).run()
        for inst in ("institute", "industry-lab"):
            for metric in ("compute.h100_hours_per_researcher", "talent.headcount"):
                got = r[inst][metric][row]
                want = one["institutions"][inst]["metrics"][metric]
                assert [bits_of(v) for v in got] == [bits_of(v) for v in want], (row, inst, metric)
    # the command line's sweep over the same grid (its CSV writes ten significant digits)
    grid = np.linspace(0.2, 0.5, 4)
    sweep = subprocess.run([labsim_cli, "sweep", "uncertain-divide", "--vary", f"{names[0]}=0.2:0.5:4", "--metrics",
                            "compute.h100_hours_per_researcher", "--format", "csv"], check=True, capture_output=True, text=True).stdout
    r = s.evaluate([names[0]], grid.reshape(-1, 1), metrics=["compute.h100_hours_per_researcher"])
    for line in sweep.strip().split("\n")[1:]:
        x, inst, year, metric, value, unit = line.split(",")
        row = int(np.argmin(abs(grid - float(x))))
        got = r[inst][metric][row][int(year) - 2024]
        assert abs(got - float(value)) <= 1e-9 * max(1.0, abs(float(value))), (x, inst, year, got, value)


def evaluate_refuses_bad_values():
    import numpy as np
    s = labsim.load("compute-divide")
    try:
        s.evaluate(["institutions.institute.operations.mfu"], np.array([[0.3], [1.5]]))
    except labsim.InputError as e:
        assert "row 1, institutions.institute.operations.mfu" in str(e), str(e)
    else:
        raise AssertionError("no InputError for a share of 150%")
    try:
        s.evaluate(["economy.pew"], np.array([[1.0]]))
    except labsim.InputError as e:
        assert "economy.pew" in str(e), str(e)
    else:
        raise AssertionError("no InputError for an unknown path")


def salib_problem_and_ema_model():
    s = labsim.load("uncertain-divide")
    p = s.problem()
    # each bound is the distribution's low and high as labsim resolve writes them
    resolved = json.loads(subprocess.run([labsim_cli, "resolve", "uncertain-divide"], check=True, capture_output=True,
                                         text=True).stdout)
    by_path = {u["path"]: u for u in resolved["uncertain"]}
    assert p["num_vars"] == len(by_path) == len(p["names"]) == len(p["bounds"])
    for name, (lo, hi) in zip(p["names"], p["bounds"]):
        u = by_path[name]
        if u["kind"] in ("triangular", "pert"):
            assert (lo, hi) == (u["params"][0], u["params"][2]), (name, lo, hi, u["params"])
        elif u["kind"] == "uniform":
            assert (lo, hi) == (u["params"][0], u["params"][1]), (name, lo, hi)
        assert lo < hi, name
    try:
        s.problem(names=["economy.pue"])
    except ValueError as e:
        assert "has no distribution" in str(e)
    else:
        raise AssertionError("economy.pue has no distribution: bounds needed")
    assert s.problem(names=["economy.pue"], bounds=[[1.1, 1.5]])["bounds"] == [[1.1, 1.5]]
    # EMA Workbench: keyword arguments in, outcomes out; the numbers of run() with the same values set
    f = s.ema_model(["compute.h100_hours_per_researcher[institute]", "talent.headcount[industry-lab]"])
    out = f(**{"institutions.institute.operations.utilization": 0.8, "economy.pue": 1.2})
    one = labsim.load("uncertain-divide", set={"institutions.institute.operations.utilization": "0.8",
                                               "economy.pue": "1.2"}).run()["institutions"]
    assert [bits_of(v) for v in out["compute.h100_hours_per_researcher[institute]"]] == \
        [bits_of(v) for v in one["institute"]["metrics"]["compute.h100_hours_per_researcher"]]
    assert [bits_of(v) for v in out["talent.headcount[industry-lab]"]] == \
        [bits_of(v) for v in one["industry-lab"]["metrics"]["talent.headcount"]]


check("run() gives the native engine's values bit for bit", run_is_native)
check("problem() is SALib's dict from the distributions; ema_model() runs as run() does", salib_problem_and_ema_model)
check("evaluate() gives, row by row, the bits of run() with the same values set", evaluate_is_run_with_sets)
check("evaluate() refuses values and paths the loader refuses", evaluate_refuses_bad_values)
check("frame() is labsim run --format csv's tidy table", frame_is_the_csv)
check("bad input raises labsim.InputError with the located message", bad_input_is_located)
check("a missing file raises OSError", missing_file_is_oserror)
check("scenarios pickle and run to the same bits", scenarios_pickle)
check("inputs() lists the schema table's view", inputs_listed)
print(f"{failed} check(s) failed" if failed else "all checks passed")
sys.exit(1 if failed else 0)
