"""--threads N: one thread and several give byte-identical outputs (agencies are
read and measured in parallel, then merged in a fixed order), on the sample
partnership, the reference fixtures and an agency's own pack; a count outside
1-64 is a usage error."""
import filecmp
import os

from e2elib import FIXTURES, Checks, run, tmpdir

c = Checks()
d = tmpdir()
root = os.path.normpath(os.path.join(FIXTURES, "..", ".."))
runs = [
    ("sample", ["report", os.path.join(root, "sample-data"), "--period", "2025-26",
                "--trend", "2"]),
    ("sample-ncc", ["report", os.path.join(root, "sample-data"), "--period", "2025-26",
                    "--agency", "NCC"]),
    ("tiny-full", ["report", os.path.join(FIXTURES, "tiny-full", "data"), "--period",
                   "2025-26-Q3", "--trend", "3"]),
    ("tiny-validate", ["validate", os.path.join(FIXTURES, "tiny", "data")]),
]
for name, args in runs:
    outs = {}
    for n in ("1", "2", "3"):
        out = os.path.join(d, f"{name}-{n}")
        rc, err = run(*args, "--out", out, "--threads", n, "-q")
        outs[n] = (rc, out)
    c.eq(f"{name}: same exit with 1, 2 and 3 threads", {outs[n][0] for n in outs},
         {outs["1"][0]})
    files = sorted(f for f in os.listdir(outs["1"][1]) if not f.startswith("."))
    c.true(f"{name}: outputs written", len(files) > 2, str(files))
    for n in ("2", "3"):
        other = sorted(f for f in os.listdir(outs[n][1]) if not f.startswith("."))
        c.eq(f"{name}: same files with {n} threads", other, files)
        _, mismatch, errors = filecmp.cmpfiles(outs["1"][1], outs[n][1], files, shallow=False)
        c.eq(f"{name}: byte-identical with 1 and {n} threads", mismatch + errors, [])

for bad in ("0", "65", "two", ""):
    rc, err = run("validate", os.path.join(FIXTURES, "tiny", "data"), "--out",
                  os.path.join(d, "bad"), "--threads", bad)
    c.eq(f"--threads {bad!r}: exit 2", rc, 2)
    c.true(f"--threads {bad!r}: says what it takes", "--threads takes" in err, err[:200])
rc, err = run("validate", os.path.join(FIXTURES, "tiny", "data"), "--threads")
c.eq("--threads without a value: exit 2", rc, 2)
c.done()
