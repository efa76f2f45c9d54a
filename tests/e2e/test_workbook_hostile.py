"""Broken and hostile workbooks (SPEC 8.3): each makes its dataset unusable
with the reason in words (E-WORKBOOK, line 0), never a crash or a hang, in
bounded memory and time; a dataset sent both as a file and as a sheet is an
error naming both (E-TWO-SOURCES); and nothing else of the run is lost: the
other agencies, and the agency's other files, are read as usual. Run by make
sanitize under ASan and UBSan too."""
import os
import resource
import shutil
import subprocess
import sys
import time

from e2elib import OVERSIGHT, TINY, Checks, read_csv, tmpdir

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import bad_xlsx as bx  # noqa: E402

MAX_SECONDS = 60   # per run, sanitizers included
MAX_PEAK_MB = 600  # peak resident memory of one run, sanitizers included

CASES = {
    "NOZIP": (bx.not_a_zip(), "not a zip archive"),
    "TRUNC": (bx.truncated(), "damaged or cut short"),
    "ENCOFF": (bx.encrypted_office(), "encrypted"),
    "ENCZIP": (bx.encrypted_zip(), "encrypted"),
    "BOMB": (bx.zip_bomb(300), "zip bomb"),
    "LAUGHS": (bx.billion_laughs(), "document type (DTD)"),
    "GRID": (bx.beyond_grid(), "beyond Excel's last row"),
    "STRINGS": (bx.many_strings(100000), "more than 65,536 different text values"),
    "DEEP": (bx.deep_xml(), "nested more than 32 levels"),
    "INDEX": (bx.bad_shared_index(), "refers to a text value the workbook does not have"),
}

c = Checks()
data = tmpdir()
tiny = os.path.join(TINY, "data", "TINY")
agencies = ["agency_id,name,type", "GOOD,Good,other"]
os.makedirs(os.path.join(data, "GOOD"))
for f in ("staff.csv", "sessions.csv"):
    shutil.copy(os.path.join(tiny, f), os.path.join(data, "GOOD", f))
for ag, (blob, _) in CASES.items():
    os.makedirs(os.path.join(data, ag))
    shutil.copy(os.path.join(tiny, "staff.csv"), os.path.join(data, ag, "staff.csv"))
    with open(os.path.join(data, ag, "sessions.xlsx"), "wb") as f:
        f.write(blob)
    agencies.append(f"{ag},{ag},other")
# A whole return that is not a workbook: every dataset it might hold is unusable.
os.makedirs(os.path.join(data, "BOOK"))
with open(os.path.join(data, "BOOK", "supervision-return.xlsx"), "wb") as f:
    f.write(bx.truncated())
agencies.append("BOOK,Book,other")
# Sessions both as a CSV file and as a sheet: neither is read; staff (sheet) is.
os.makedirs(os.path.join(data, "TWO"))
shutil.copy(os.path.join(tiny, "sessions.csv"), os.path.join(data, "TWO", "sessions.csv"))
staff_rows = [["staff_id", "team", "start_date"], ["T1", "Team", 43831]]
with open(os.path.join(data, "TWO", "supervision-return.xlsx"), "wb") as f:
    f.write(bx.book([("Staff", staff_rows), ("Sessions", bx.SESSIONS)]))
agencies.append("TWO,Two,other")
with open(os.path.join(data, "agencies.csv"), "w") as f:
    f.write("\n".join(agencies) + "\n")

out = os.path.join(data, "out")
t0 = time.monotonic()
try:
    p = subprocess.run([OVERSIGHT, "validate", data, "--out", out], capture_output=True,
                       text=True, timeout=MAX_SECONDS)
    rc, err = p.returncode, p.stderr
except subprocess.TimeoutExpired:
    rc, err = "timeout", ""
secs = time.monotonic() - t0
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
c.eq("validate finishes (no crash, no hang)", rc, 0)
c.true(f"within {MAX_SECONDS} s", secs < MAX_SECONDS, f"{secs:.1f} s")
c.true(f"peak memory under {MAX_PEAK_MB} MB", peak < MAX_PEAK_MB,
       f"{peak:.0f} MB")
c.true("no sanitizer report", "Sanitizer" not in err and "runtime error" not in err)

rej = read_csv(os.path.join(out, "rejections.csv"))
dq = {(r["agency_id"], r["dataset"]): r for r in read_csv(os.path.join(out, "data_quality.csv"))}
for ag, (_, words) in CASES.items():
    mine = [r for r in rej if r["agency_id"] == ag and r["file"] == "sessions.xlsx"]
    c.eq(f"{ag}: one E-WORKBOOK for the file, line 0",
         [(r["code"], r["line"], r["severity"]) for r in mine], [("E-WORKBOOK", "0", "rejected")])
    c.true(f"{ag}: the reason says '{words}'", mine and words in mine[0]["reason"],
           mine[0]["reason"] if mine else "")
    c.true(f"{ag}: said on screen in one line", f"{ag}/sessions.xlsx: not used: " in err)
    s = dq[(ag, "sessions")]
    c.eq(f"{ag}: sessions unusable, no rows", (s["status"], s["rows_read"]), ("unusable", "0"))
    c.eq(f"{ag}: the SHA-256 of what was received is recorded", len(s["sha256"]), 64)
    c.eq(f"{ag}: its staff.csv is still read", dq[(ag, "staff")]["status"], "received")
c.eq("GOOD is read as usual", (dq[("GOOD", "staff")]["status"],
                               dq[("GOOD", "sessions")]["status"]), ("received", "received"))
book = [r for r in rej if r["agency_id"] == "BOOK"]
c.eq("BOOK: every dataset the workbook might hold is unusable",
     sorted(r["file"] for r in book),
     sorted(f"supervision-return.xlsx#{d}" for d in
            ("staff", "sessions", "cases", "case_oversight", "assessments", "group_sessions",
             "absences", "supervision_audits", "feedback")))
c.true("BOOK: the reason names the workbook",
       all(r["code"] == "E-WORKBOOK" and "supervision-return.xlsx cannot be read" in r["reason"]
           for r in book))
c.eq("BOOK: the SHA-256 of the workbook is recorded", len(dq[("BOOK", "staff")]["sha256"]), 64)
c.eq("BOOK: said once on screen", err.count("BOOK/supervision-return.xlsx: not used"), 1)
two = [r for r in rej if r["agency_id"] == "TWO"]
c.eq("TWO: one E-TWO-SOURCES for sessions", [(r["code"], r["line"]) for r in two],
     [("E-TWO-SOURCES", "0")])
c.true("TWO: both sources named",
       "TWO/sessions.csv" in two[0]["reason"] and
       "TWO/supervision-return.xlsx#sessions" in two[0]["reason"], two[0]["reason"])
c.eq("TWO: sessions unusable, staff read from the sheet",
     (dq[("TWO", "sessions")]["status"], dq[("TWO", "staff")]["status"],
      dq[("TWO", "staff")]["file"]),
     ("unusable", "received", "TWO/supervision-return.xlsx#staff"))
shutil.rmtree(data)
c.done()
