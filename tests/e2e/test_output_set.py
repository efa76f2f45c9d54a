"""The output folder is one consistent set (SPEC 5.1), tried as a hostile tester
would: every run leaves exactly one run's outputs and a manifest whose sizes and
SHA-256 sums match; a failure half-way (a disk that fills up, an output name
that is a folder or a symlink) exits 4 and leaves the previous set byte for
byte, and so does a run killed while it writes; two runs at once take turns;
--no-wait says who holds the folder; an --agency run's exception lists never
stay beside a later run; temporary files of killed runs are removed; symlinks
planted at temporary names are never written through; a bad --agency writes
nothing."""
import csv
import fcntl
import hashlib
import os
import shutil
import subprocess
import time

from e2elib import FIXTURES, OVERSIGHT, TINY, Checks, run, tmpdir

c = Checks()
d = tmpdir()
data = os.path.join(TINY, "data")
SAMPLE = os.path.normpath(os.path.join(FIXTURES, "..", "..", "sample-data"))
LOCK = ".oversight.lock"


def report(out, *extra, env=None):
    p = subprocess.run([OVERSIGHT, "report", data, "--period", "2025-26-Q3", "--out", out,
                        "-q", *extra], capture_output=True, text=True, env=env)
    return p.returncode, p.stderr


def snapshot(folder):
    """Every entry but the lock: name -> bytes (or 'dir'/'link -> target')."""
    snap = {}
    for n in sorted(os.listdir(folder)):
        if n == LOCK:
            continue
        p = os.path.join(folder, n)
        if os.path.islink(p):
            snap[n] = "link -> " + os.readlink(p)
        elif os.path.isdir(p):
            snap[n] = "dir"
        else:
            with open(p, "rb") as f:
                snap[n] = f.read()
    return snap


def manifest(folder):
    """(first line, {file: (bytes, sha256)}) of the folder's manifest."""
    with open(os.path.join(folder, "manifest.csv"), newline="", encoding="utf-8") as f:
        first = f.readline().rstrip("\n")
        rows = {r["file"]: (int(r["bytes"]), r["sha256"]) for r in csv.DictReader(f)}
    return first, rows


def check_set(what, folder):
    """The folder holds exactly the manifest's files, each with its size and SHA-256."""
    first, rows = manifest(folder)
    c.true(f"{what}: manifest first line", first.startswith("# run "), first)
    names = sorted(n for n in os.listdir(folder) if n not in (LOCK, "manifest.csv"))
    c.eq(f"{what}: the folder holds exactly the manifest's files", names, sorted(rows))
    bad = []
    for n, (size, sha) in rows.items():
        with open(os.path.join(folder, n), "rb") as f:
            b = f.read()
        if len(b) != size or hashlib.sha256(b).hexdigest() != sha:
            bad.append(n)
    c.eq(f"{what}: every size and SHA-256 matches", bad, [])
    return first, rows


def no_temporaries(what, folder):
    left = [n for n in os.listdir(folder) if n.startswith(".oversight-tmp-") or ".tmp." in n]
    c.eq(f"{what}: no temporary files left", left, [])


# ---- one run: outputs and a manifest that matches them ------------------------------
out = os.path.join(d, "out")
rc, err = report(out, "--agency", "TWO")
c.eq("agency run exits 0", rc, 0)
first, rows = check_set("agency run", out)
c.eq("manifest first line: command, period, run date, version", first.rsplit(" ", 1)[0],
     "# run report 2025-26-Q3 2026-01-15")
c.true("the agency run wrote its follow-up lists into the set",
       "exceptions-intervals.csv" in rows and "exceptions-late-notes.csv" in rows, sorted(rows))

# ---- validate after it: the exception lists (ids) go, so do the report's files ----------
rc, err = run("validate", data, "--out", out, "-q")
c.eq("validate into the agency run's folder exits 0", rc, 0)
first, rows = check_set("validate after agency run", out)
c.eq("validate's manifest line", first, "# run validate - 2026-01-15 0.1.0")
c.eq("no exception lists left beside validate's outputs",
     sorted(n for n in os.listdir(out) if n.startswith("exceptions")), [])
c.eq("validate's set", sorted(rows), ["completeness.csv", "data_quality.csv", "rejections.csv"])

# ---- --agency NOPE is refused before anything is written ------------------------------
before = snapshot(out)
rc, err = report(out, "--agency", "NOPE")
c.eq("unknown --agency exits 2", rc, 2)
c.true("unknown --agency names it", "--agency NOPE" in err, err)
c.true("unknown --agency leaves the folder byte for byte", snapshot(out) == before)

# ---- a disk that fills up half-way through the PDF: exit 4, previous set untouched ------
rc, _ = report(out)
c.eq("partnership run exits 0", rc, 0)
before = snapshot(out)
for name in ("board-report.pdf", "rejections.csv", "board-report.xlsx"):
    env = dict(os.environ, OVERSIGHT_TEST_FAIL=name)
    rc, err = report(out, "--agency", "TINY", env=env)
    c.eq(f"full disk while writing {name}: exit 4", rc, 4)
    c.true(f"full disk while writing {name}: one plain line",
           f"no space left on device while writing {name}; nothing in the folder was replaced"
           in err and len([ln for ln in err.splitlines() if "error" in ln and "TWO/" not in ln])
           == 1, err)
    c.true(f"full disk while writing {name}: no library code", "0x" not in err, err)
    c.true(f"full disk while writing {name}: previous set byte for byte",
           snapshot(out) == before)
    no_temporaries(f"full disk while writing {name}", out)

# ---- an output name that is a folder: exit 4, never written, previous set untouched -----
rc, _ = run("validate", data, "--out", out, "-q")
os.mkdir(os.path.join(out, "metrics.csv"))
before = snapshot(out)
rc, err = report(out)
c.eq("metrics.csv is a folder: exit 4", rc, 4)
c.true("metrics.csv is a folder: says so", "metrics.csv in" in err and "a folder" in err, err)
c.true("metrics.csv is a folder: previous set byte for byte", snapshot(out) == before)
no_temporaries("metrics.csv is a folder", out)
os.rmdir(os.path.join(out, "metrics.csv"))

# ---- an output name that is a symlink: exit 4, its target never written -----------------
victim = os.path.join(d, "victim.txt")
with open(victim, "w") as f:
    f.write("precious\n")
os.symlink(victim, os.path.join(out, "board-report.pdf"))
before = snapshot(out)
rc, err = report(out)
c.eq("board-report.pdf is a symlink: exit 4", rc, 4)
c.true("board-report.pdf is a symlink: says so", "symbolic link" in err, err)
with open(victim) as f:
    c.eq("the symlink's target is unchanged", f.read(), "precious\n")
c.true("board-report.pdf is a symlink: previous set byte for byte", snapshot(out) == before)
os.unlink(os.path.join(out, "board-report.pdf"))

# ---- the lock itself planted as a symlink: refused, target unchanged --------------------
lk = os.path.join(d, "lk")
os.makedirs(lk)
os.symlink(victim, os.path.join(lk, LOCK))
rc, err = report(lk)
c.eq("lock file is a symlink: exit 4", rc, 4)
with open(victim) as f:
    c.eq("the lock symlink's target is unchanged", f.read(), "precious\n")

# ---- temporary files of killed runs are removed ----------------------------------------
stale = [".oversight-tmp-0123456789abcdef", ".metrics.csv.tmp.99999", ".board-report.pdf.tmp.4"]
for n in stale:
    with open(os.path.join(out, n), "w") as f:
        f.write("half a file")
os.makedirs(os.path.join(out, ".oversight-tmp-fedcba9876543210"))
with open(os.path.join(out, ".oversight-tmp-fedcba9876543210", "scratch"), "w") as f:
    f.write("PK")
rc, err = report(out)
c.eq("run over stale temporary files exits 0", rc, 0)
no_temporaries("stale temporary files", out)
c.true("the stale scratch folder is gone",
       not os.path.exists(os.path.join(out, ".oversight-tmp-fedcba9876543210")))
check_set("after removing stale files", out)

# ---- symlinks planted at every temporary name a run could use --------------------------
plant = os.path.join(d, "plant")
os.makedirs(plant)
targets = []
names = ["rejections.csv", "data_quality.csv", "completeness.csv", "metrics.csv",
         "board-report.pdf", "board-report.xlsx", "board-report.html", "manifest.csv",
         "exceptions-intervals.csv",
         "exceptions-late-notes.csv"]
pid = os.getpid()
for i, n in enumerate(names):
    t = os.path.join(d, f"target-{i}")
    with open(t, "w") as f:
        f.write(f"target {i}\n")
    targets.append(t)
    # the predictable names of earlier versions, for the pids a run may get next
    for p in range(pid, pid + 400):
        os.symlink(t, os.path.join(plant, f".{n}.tmp.{p}"))
    for k in range(8):
        os.symlink(t, os.path.join(plant, f".oversight-tmp-{i:02x}{k:014x}"))
rc, err = report(plant, "--agency", "TWO")
c.eq("run among planted symlinks exits 0", rc, 0)
c.eq("every planted symlink's target is unchanged",
     [open(t).read() for t in targets], [f"target {i}\n" for i in range(len(names))])
check_set("run among planted symlinks", plant)
c.eq("planted symlinks at temporary names removed (never followed)",
     [n for n in os.listdir(plant) if n.startswith(".") and n != LOCK], [])
mode = os.stat(os.path.join(plant, "metrics.csv")).st_mode & 0o777
umask = os.umask(0)
os.umask(umask)
c.eq("outputs are 0644 less the umask", oct(mode), oct(0o644 & ~umask))

# ---- two different runs at once take turns; the folder is one run's set ----------------
both = os.path.join(d, "both")
os.makedirs(both)
lockf = open(os.path.join(both, LOCK), "w")
lockf.write("pid 1: e2e test holding the folder\n")
lockf.flush()
fcntl.flock(lockf, fcntl.LOCK_EX)
rc, err = report(both, "--no-wait")
c.eq("--no-wait on a busy folder exits 2", rc, 2)
c.true("--no-wait says which run holds the folder", "e2e test holding the folder" in err, err)
c.eq("--no-wait writes nothing", sorted(os.listdir(both)), [LOCK])
procs = [
    subprocess.Popen([OVERSIGHT, "report", data, "--period", "2025-26-Q3", "--agency", "TINY",
                      "--out", both], stderr=subprocess.PIPE, text=True),
    subprocess.Popen([OVERSIGHT, "validate", SAMPLE, "--out", both],
                     stderr=subprocess.PIPE, text=True),
]
time.sleep(1.0)
c.eq("both runs wait while the folder is held", [p.poll() for p in procs], [None, None])
fcntl.flock(lockf, fcntl.LOCK_UN)
lockf.close()
results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
c.eq("both runs complete", [r[0] for r in results], [0, 0])
c.true("a waiting run says so", any("waiting for another run" in r[1] for r in results))
first, rows = check_set("two runs at once", both)
c.true("the folder is one run's set",
       (first.startswith("# run report") and "exceptions-intervals.csv" in rows)
       or (first.startswith("# run validate") and "metrics.csv" not in rows), first)

# ---- a run killed while it writes: the previous set stays; the next run cleans up ------
killed = os.path.join(d, "killed")
rc, _ = report(killed)
before = snapshot(killed)
caught = False
for attempt in range(20):
    p = subprocess.Popen([OVERSIGHT, "report", data, "--period", "2025-26-Q3", "--agency",
                          "TINY", "--out", killed, "-q"], stderr=subprocess.DEVNULL)
    while p.poll() is None:
        if any(n.startswith(".oversight-tmp-") for n in os.listdir(killed)):
            p.kill()
            break
    if p.wait() == -9:
        caught = True
        break
    rc, _ = report(killed)  # it finished first: put the partnership set back and retry
    before = snapshot(killed)
c.true("a run was killed while writing", caught)
left = snapshot(killed)
c.eq("killed run: the previous set byte for byte, beside its temporary files",
     {n: b for n, b in left.items() if not n.startswith(".oversight-tmp-")}, before)
rc, err = report(killed)
c.eq("the run after a killed one exits 0", rc, 0)
no_temporaries("the run after a killed one", killed)
check_set("the run after a killed one", killed)

# ---- an output folder that cannot be made: exit 4 --------------------------------------
afile = os.path.join(d, "a-file")
open(afile, "w").close()
rc, err = report(os.path.join(afile, "sub"))
c.eq("output folder under a file: exit 4", rc, 4)

shutil.rmtree(d)
c.done()
