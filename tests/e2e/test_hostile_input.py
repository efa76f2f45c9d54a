"""Input files as a hostile tester sends them. Only regular files inside DATA are
read: a FIFO or a /dev/zero symlink named sessions.csv, a symlink that leads
outside DATA, a folder named staff.csv, a dangling symlink and a file over 4 GiB
are unusable (E-READ, with the reason) and never read, and the run finishes in
seconds under a memory limit. A symlink that stays inside DATA is read."""
import os
import resource
import shutil
import subprocess

from e2elib import OVERSIGHT, TINY, Checks, read_csv, tmpdir

c = Checks()
d = tmpdir()
# The sanitizer builds reserve terabytes of address space: no limit for them.
LIMIT = os.environ.get("BUILD", "build") == "build"
MEMORY = 1 << 30


def limited():
    if LIMIT:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def fresh(name):
    data = os.path.join(d, name)
    shutil.copytree(os.path.join(TINY, "data"), data, symlinks=True)
    return data


def validate(data, out):
    """Runs validate in a memory-limited child; returns (rc, stderr, rejections by file)."""
    p = subprocess.run([OVERSIGHT, "validate", data, "--out", out], capture_output=True,
                       text=True, timeout=60, preexec_fn=limited)
    rows = read_csv(os.path.join(out, "rejections.csv")) if p.returncode in (0, 3) else []
    by_file = {}
    for r in rows:
        by_file.setdefault((r["agency_id"], r["file"]), []).append(r)
    return p.returncode, p.stderr, by_file


def status(out, agency, dataset):
    for r in read_csv(os.path.join(out, "data_quality.csv")):
        if r["agency_id"] == agency and r["dataset"] == dataset:
            return r["status"]
    return None


def e_read(what, by_file, key, words):
    rows = [r for r in by_file.get(key, []) if r["code"] == "E-READ"]
    c.eq(f"{what}: one E-READ at line 0", [(r["line"], r["severity"]) for r in rows],
         [("0", "rejected")])
    c.true(f"{what}: the reason says why", rows and words in rows[0]["reason"],
           rows[0]["reason"] if rows else "")


# ---- a FIFO named sessions.csv: never opened for a blocking read -----------------------
data = fresh("fifo")
os.unlink(os.path.join(data, "TINY", "sessions.csv"))
os.mkfifo(os.path.join(data, "TINY", "sessions.csv"))
out = os.path.join(d, "out-fifo")
rc, err, rej = validate(data, out)
c.eq("FIFO sessions.csv: the run finishes, exit 0", rc, 0)
e_read("FIFO sessions.csv", rej, ("TINY", "sessions.csv"), "named pipe (FIFO)")
c.eq("FIFO sessions.csv: unusable", status(out, "TINY", "sessions"), "unusable")
c.eq("FIFO sessions.csv: TWO still read", status(out, "TWO", "sessions"), "received")

# ---- sessions.csv a symlink to /dev/zero: never read ------------------------------------
data = fresh("zero")
os.unlink(os.path.join(data, "TWO", "sessions.csv"))
os.symlink("/dev/zero", os.path.join(data, "TWO", "sessions.csv"))
out = os.path.join(d, "out-zero")
rc, err, rej = validate(data, out)
c.eq("/dev/zero sessions.csv: the run finishes, exit 0", rc, 0)
e_read("/dev/zero sessions.csv", rej, ("TWO", "sessions.csv"), "outside the data folder")

# ---- a symlink leading outside DATA, another inside it, a dangling one, a folder -------
secret = os.path.join(d, "secret.csv")
with open(secret, "w") as f:
    f.write("SECRET-FIRST-LINE,root,x\nmore,secret,lines\n")
data = fresh("links")
os.symlink(secret, os.path.join(data, "TINY", "cases.csv.tmp"))
os.replace(os.path.join(data, "TINY", "cases.csv.tmp"), os.path.join(data, "TINY", "cases.csv"))
os.rename(os.path.join(data, "TINY", "assessments.csv"),
          os.path.join(data, "TINY", "assessments-real.csv"))
os.symlink("assessments-real.csv", os.path.join(data, "TINY", "assessments.csv"))
os.symlink("nowhere.csv", os.path.join(data, "TINY", "group_sessions.csv.tmp"))
os.replace(os.path.join(data, "TINY", "group_sessions.csv.tmp"),
           os.path.join(data, "TINY", "group_sessions.csv"))
os.unlink(os.path.join(data, "TWO", "staff.csv"))
os.mkdir(os.path.join(data, "TWO", "staff.csv"))
out = os.path.join(d, "out-links")
rc, err, rej = validate(data, out)
c.eq("symlinks and a folder: exit 0", rc, 0)
e_read("symlink outside DATA", rej, ("TINY", "cases.csv"), "outside the data folder")
texts = ""
for n in os.listdir(out):
    with open(os.path.join(out, n), "rb") as f:
        texts += f.read().decode("utf-8", "replace")
c.true("nothing of the outside file reaches the outputs", "SECRET" not in texts)
c.true("nothing of the outside file reaches the messages", "SECRET" not in err)
e_read("dangling symlink", rej, ("TINY", "group_sessions.csv"), "leads to nothing")
e_read("folder named staff.csv", rej, ("TWO", "staff.csv"), "folder, not a file")
c.eq("folder named staff.csv: sessions need it",
     [r["code"] for r in rej.get(("TWO", "sessions.csv"), [])], ["E-DEPENDENCY"])
c.eq("a symlink that stays inside DATA is read", status(out, "TINY", "assessments"),
     "received")

# ---- a file over 4 GiB: refused by its size, never read ---------------------------------
data = fresh("big")
big = os.path.join(data, "TINY", "absences.csv")
with open(big, "r+b") as f:
    f.truncate((4 << 30) + 1)  # sparse: no disk space used
out = os.path.join(d, "out-big")
rc, err, rej = validate(data, out)
c.eq("4 GiB absences.csv: exit 0", rc, 0)
e_read("4 GiB absences.csv", rej, ("TINY", "absences.csv"), "larger than 4 GiB")

shutil.rmtree(d)
c.done()
