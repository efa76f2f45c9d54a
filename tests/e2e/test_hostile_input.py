"""Input files as a hostile tester sends them. Only regular files inside DATA are
read: a FIFO or a /dev/zero symlink named sessions.csv, a symlink that leads
outside DATA, a folder named staff.csv, a dangling symlink and a file over 4 GiB
are unusable (E-READ, with the reason) and never read, and the run finishes in
seconds under a memory limit. A symlink that stays inside DATA is read.
Inside the files: UTF-16 (LE and BE, with BOM) is read like the UTF-8 original
(W-ENCODING); a NUL byte rejects its row (E-CHAR naming the field); a row with
too many fields (E-FIELDS) or a value over 64 MiB (E-FIELD-SIZE) is rejected
and the file's other rows are read; a team name over 200 characters is E-ID."""
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

# ---- UTF-16 with its byte-order mark, both ways round: read like the original -----------
def counts(out):
    return {(r["agency_id"], r["dataset"]): (r["status"], r["rows_read"], r["rows_accepted"],
                                             r["rows_rejected"])
            for r in read_csv(os.path.join(out, "data_quality.csv"))}


base = os.path.join(d, "out-base")
rc, err, base_rej = validate(fresh("base"), base)
c.eq("baseline: exit 0", rc, 0)
data = fresh("utf16")
for name, enc in (("staff.csv", "utf-16-le"), ("sessions.csv", "utf-16-be")):
    path = os.path.join(data, "TWO", name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "wb") as f:
        f.write("\ufeff".encode(enc) + text.encode(enc))
out = os.path.join(d, "out-utf16")
rc, err, rej = validate(data, out)
c.eq("UTF-16 files: exit 0", rc, 0)
c.eq("UTF-16 files: counts as for the UTF-8 originals", counts(out), counts(base))
for name, words in (("staff.csv", "little-endian"), ("sessions.csv", "big-endian")):
    w = [r for r in rej.get(("TWO", name), []) if r["code"] == "W-ENCODING"]
    c.true(f"UTF-16 {name}: W-ENCODING says {words}", w and words in w[0]["reason"],
           str(w))
with open(os.path.join(out, "rejections.csv"), "rb") as f:
    c.true("no NUL byte in rejections.csv", b"\0" not in f.read())

# ---- NUL bytes, too many fields, a long team name: those rows, not the file ------------
data = fresh("rows")
path = os.path.join(data, "TINY", "sessions.csv")
with open(path, "rb") as f:
    lines = f.read().split(b"\n")
lines[1] = lines[1].replace(b"1:1", b"1:\x001", 1)  # line 2: NUL inside the type
with open(path, "wb") as f:
    f.write(b"\n".join(lines))
path = os.path.join(data, "TINY", "staff.csv")
with open(path, "ab") as f:
    f.write(b"S8" + b"," * 200000 + b"\n")  # line 7: 200,001 fields
    f.write(b"S9," + b"T" * 201 + b",standard,,,2020-01-01,,Y,,,,,\n")  # line 8
    f.write("S10,".encode() + "\u00e9".encode() * 200 + b",standard,,,2020-01-01,,Y,,,,,\n")
big = os.path.join(data, "commentary.csv")
with open(big, "wb") as f:
    f.write(b"agency_id,section,text\n,summary,\"")
    f.write(b"x" * ((64 << 20) + 1))
    f.write(b"\"\n,summary,After the big one\n")
out = os.path.join(d, "out-rows")
rc, err, rej = validate(data, out)
c.eq("hostile rows: exit 0", rc, 0)
got = [(r["line"], r["field"], r["code"]) for r in rej.get(("TINY", "sessions.csv"), [])
       if r["code"] == "E-CHAR"]
c.eq("NUL in a field: E-CHAR naming the field", got, [("2", "type", "E-CHAR")])
got = [(r["line"], r["code"]) for r in rej.get(("TINY", "staff.csv"), [])
       if r["code"] in ("E-FIELDS", "E-QUOTE", "E-ID")]
c.eq("too many fields: E-FIELDS; team over 200 characters: E-ID",
     got, [("7", "E-FIELDS"), ("8", "E-ID")])
team = [r for r in rej.get(("TINY", "staff.csv"), []) if r["code"] == "E-ID"]
c.eq("the E-ID names the team field", [r["field"] for r in team], ["team"])
bc, nc = counts(base), counts(out)
c.eq("staff.csv: the other rows read (200 accented characters are a team name)",
     nc[("TINY", "staff")], ("received", str(int(bc[("TINY", "staff")][1]) + 3),
                             str(int(bc[("TINY", "staff")][2]) + 1),
                             str(int(bc[("TINY", "staff")][3]) + 2)))
got = [(r["line"], r["code"]) for r in rej.get(("", "commentary.csv"), [])]
c.eq("a value over 64 MiB: E-FIELD-SIZE on its row", got, [("2", "E-FIELD-SIZE")])
c.eq("a value over 64 MiB: the next row is read", nc[("", "commentary")],
     ("received", "2", "1", "1"))

shutil.rmtree(d)
c.done()
