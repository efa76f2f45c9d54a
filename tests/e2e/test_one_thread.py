"""One thread gives what many give (core/threads.h): with OVERSIGHT_THREADS=1
every parallel step (agencies read, figures worked out, the PDF beside the
workbook) runs on the one thread, as in the WebAssembly build, and on the
sample partnership and the reference fixture every output is byte-identical
to the run on every processor; a value that is not a count is ignored."""
import filecmp
import os
import subprocess

from e2elib import FIXTURES, OVERSIGHT, Checks, tmpdir

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
c = Checks()


def report(data, period, threads):
    out = tmpdir()
    env = dict(os.environ)
    env.pop("OVERSIGHT_THREADS", None)
    if threads is not None:
        env["OVERSIGHT_THREADS"] = threads
    p = subprocess.run([OVERSIGHT, "report", data, "--period", period, "--out", out,
                        "--as-of", "2026-04-30", "-q"], env=env, capture_output=True, text=True)
    return p.returncode, out


for data, period in ((os.path.join(ROOT, "sample-data"), "2025-26"),
                     (os.path.join(FIXTURES, "tiny-full", "data"), "2025-26")):
    name = os.path.relpath(data, ROOT)
    rc_many, many = report(data, period, None)
    for threads in ("1", "zero"):
        rc_one, one = report(data, period, threads)
        c.eq(f"{name}: exit status, OVERSIGHT_THREADS={threads}", (rc_one, rc_many), (0, 0))
        names = sorted(n for n in os.listdir(many) if not n.startswith("."))
        c.eq(f"{name}: same outputs, OVERSIGHT_THREADS={threads}", sorted(n for n in os.listdir(one) if not n.startswith(".")), names)
        same = [n for n in names if filecmp.cmp(os.path.join(many, n), os.path.join(one, n),
                                                shallow=False)]
        c.eq(f"{name}: byte-identical, OVERSIGHT_THREADS={threads}", same, names)
c.done()
