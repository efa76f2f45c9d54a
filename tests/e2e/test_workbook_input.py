"""Workbooks meet the same input rules as CSV files. A workbook is opened only as
a regular file inside DATA: a FIFO named cases.xlsx, a supervision-return.xlsx
that is a symlink leading outside DATA, and a /dev/zero symlink named staff.xlsx
are unusable (E-READ, with the reason) and never read, and the run finishes in
seconds; a workbook symlink that stays inside DATA is read. A feedback sheet
with a staff_id column is not read (E-NOT-ANONYMOUS), like feedback.csv. And
template --xlsx keeps the template rules: never over an existing file unless
--force, never through a symlink even with --force (exit 4, the target
untouched), and no temporary file left behind."""
import os
import shutil
import subprocess
import sys

from e2elib import OVERSIGHT, TINY, Checks, read_csv, run, tmpdir

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import to_xlsx  # noqa: E402

c = Checks()
d = tmpdir()


def fresh(name):
    data = os.path.join(d, name)
    shutil.copytree(os.path.join(TINY, "data"), data, symlinks=True)
    return data


def validate(data, out):
    p = subprocess.run([OVERSIGHT, "validate", data, "--out", out], capture_output=True,
                       text=True, timeout=60)
    rows = read_csv(os.path.join(out, "rejections.csv")) if p.returncode in (0, 3) else []
    dq = {(r["agency_id"], r["dataset"]): r
          for r in read_csv(os.path.join(out, "data_quality.csv"))} if rows or \
        p.returncode in (0, 3) else {}
    return p.returncode, p.stderr, rows, dq


def codes(rows, agency, file):
    return [(r["line"], r["code"]) for r in rows if r["agency_id"] == agency and
            r["file"] == file]


def reason(rows, agency, file):
    return " ".join(r["reason"] for r in rows if r["agency_id"] == agency and
                    r["file"] == file)


secret = os.path.join(d, "secret.xlsx")
to_xlsx.write_book(secret, [("staff", os.path.join(TINY, "data", "TINY", "staff.csv"))])

# ---- a FIFO sessions.xlsx, an outside supervision-return.xlsx, a /dev/zero staff.xlsx ----
data = fresh("hostile")
os.unlink(os.path.join(data, "TINY", "cases.csv"))
os.mkfifo(os.path.join(data, "TINY", "cases.xlsx"))
os.unlink(os.path.join(data, "TWO", "staff.csv"))
os.symlink("/dev/zero", os.path.join(data, "TWO", "staff.xlsx"))
os.symlink(secret, os.path.join(data, "TWO", "supervision-return.xlsx"))
out = os.path.join(d, "out-hostile")
rc, err, rej, dq = validate(data, out)
c.eq("hostile workbooks: the run finishes, exit 0", rc, 0)
c.eq("FIFO cases.xlsx: one E-READ at line 0",
     codes(rej, "TINY", "cases.xlsx"), [("0", "E-READ")])
c.true("FIFO cases.xlsx: the reason says why",
       "named pipe" in reason(rej, "TINY", "cases.xlsx"), reason(rej, "TINY", "cases.xlsx"))
c.eq("FIFO cases.xlsx: unusable", dq[("TINY", "cases")]["status"], "unusable")
c.eq("/dev/zero staff.xlsx: one E-READ at line 0",
     codes(rej, "TWO", "staff.xlsx"), [("0", "E-READ")])
c.true("/dev/zero staff.xlsx: outside the data folder",
       "outside the data folder" in reason(rej, "TWO", "staff.xlsx"))
c.eq("outside supervision-return.xlsx: every sheet it might hold is unusable (E-READ)",
     sorted(set(r["code"] for r in rej if r["agency_id"] == "TWO" and
                r["file"].startswith("supervision-return.xlsx#"))), ["E-READ"])
c.true("outside supervision-return.xlsx: the reason says why",
       "outside the data folder" in reason(rej, "TWO", "supervision-return.xlsx#cases"),
       reason(rej, "TWO", "supervision-return.xlsx#cases"))
c.eq("outside supervision-return.xlsx: said once on screen",
     err.count("TWO/supervision-return.xlsx: not used"), 1)
c.eq("the two sources of TWO's staff: the file and the unusable workbook are not mixed",
     dq[("TWO", "staff")]["status"], "unusable")
c.eq("TINY's staff.csv is still read", dq[("TINY", "staff")]["status"], "received")

# ---- a workbook symlink that stays inside DATA is read ----------------------------------
data = fresh("inside")
book = os.path.join(data, "TINY", "books", "real.xlsx")
os.makedirs(os.path.dirname(book))
to_xlsx.write_book(book, [("sessions", os.path.join(data, "TINY", "sessions.csv"))])
os.unlink(os.path.join(data, "TINY", "sessions.csv"))
os.symlink(os.path.join("books", "real.xlsx"), os.path.join(data, "TINY", "sessions.xlsx"))
out = os.path.join(d, "out-inside")
rc, err, rej, dq = validate(data, out)
c.eq("a workbook symlink inside DATA: exit 0", rc, 0)
c.eq("a workbook symlink inside DATA is read", dq[("TINY", "sessions")]["status"], "received")

# ---- a feedback sheet that names who answered is not read -------------------------------
data = fresh("anon")
fb = os.path.join(d, "feedback.csv")
with open(fb, "w") as f:
    f.write("Staff ID,response_date,supportive\nT1,2025-06-01,4\n")
to_xlsx.write_book(os.path.join(data, "TINY", "supervision-return.xlsx"), [("Feedback", fb)])
out = os.path.join(d, "out-anon")
rc, err, rej, dq = validate(data, out)
c.eq("feedback sheet with staff ids: exit 0", rc, 0)
c.true("feedback sheet with staff ids: E-NOT-ANONYMOUS",
       any(code == "E-NOT-ANONYMOUS"
           for _, code in codes(rej, "TINY", "supervision-return.xlsx#feedback")),
       codes(rej, "TINY", "supervision-return.xlsx#feedback"))
c.eq("feedback sheet with staff ids: unusable", dq[("TINY", "feedback")]["status"], "unusable")

# ---- template --xlsx: no overwrite, --force, never through a symlink ------------------
folder = os.path.join(d, "tpl")
os.makedirs(folder)
target = os.path.join(d, "elsewhere.xlsx")
with open(target, "w") as f:
    f.write("keep me\n")
os.symlink(target, os.path.join(folder, "supervision-return.xlsx"))
rc, err = run("template", folder, "--xlsx")
c.eq("template --xlsx over a symlink: exit 2, nothing written", rc, 2)
rc, err = run("template", folder, "--xlsx", "--force")
c.eq("template --xlsx --force over a symlink: exit 4", rc, 4)
c.true("template --xlsx --force over a symlink: says so", "symbolic link" in err, err)
with open(target) as f:
    c.eq("the symlink's target is untouched", f.read(), "keep me\n")
c.eq("no temporary file is left", sorted(os.listdir(folder)), ["supervision-return.xlsx"])
os.unlink(os.path.join(folder, "supervision-return.xlsx"))
rc, err = run("template", folder, "--xlsx")
c.eq("template --xlsx into an empty folder: exit 0", rc, 0)
c.eq("only the workbook is written", sorted(os.listdir(folder)), ["supervision-return.xlsx"])
rc, err = run("template", folder, "--xlsx")
c.eq("a second template --xlsx: exit 2", rc, 2)
c.true("a second template --xlsx: names --force", "--force" in err, err)
rc, err = run("template", folder, "--xlsx", "--force")
c.eq("template --xlsx --force replaces it: exit 0", rc, 0)
c.eq("still only the workbook", sorted(os.listdir(folder)), ["supervision-return.xlsx"])
c.done()
