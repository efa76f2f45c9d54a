"""oversight validate on crafted bad extracts: BOM, CRLF, semicolons, quoted
newlines, unterminated quotes, ragged rows, Windows-1252, broken headers, empty
and missing files, bad agency ids, unlisted folders, and a single-agency
self-audit. Every rejection, warning and count is asserted exactly."""
import os
import shutil

from e2elib import Checks, read_csv, run, tmpdir, write

c = Checks()
d = tmpdir()
data = os.path.join(d, "data")
write(f"{data}/agencies.csv",
      "agency_id,name,type\nA1,Agency One,police\nA2,Agency Two,Health\n"
      "../x,Bad,police\nA1,Again,police\n")
write(f"{data}/A1/staff.csv",
      "\ufeffStaff ID,Team,Start Date,End Date,Supervisor ID,Extra Column\r\n"
      "S1,Alpha,01/04/2024,,M1,x\r\n"
      "S2,Alpha,2024-04-01,2023-01-01,,\r\n"
      "S1,Beta,2024-04-01,,,\r\n"
      "M1,Mgmt,31/02/2026,,,\r\n"
      "S3,Alpha,2024-05-01,,ZZ,\r\n")
write(f"{data}/A1/sessions.csv",
      "staff_id;Supervision Date;type;status;notes_shared;functions\n"
      "S1;2025-01-06;1:1;held;Y;\"management;\nsupport\"\n"
      "S1;2025-02-03;1:1;held;maybe;development\n"
      "S1;2025-03-03;1:1;held;Y\n"
      "S1;2025-03-10;1:1;held;Y;;;\n"
      "S9;2025-03-11;1:1;held;Y;\n"
      "S3;2025-03-12;1:1;held;N;\"unterminated\n"
      "S3;2025-03-13;1:1;held;N;\n")
write(f"{data}/A1/case_oversight.csv", "child_id,date\nK1,2025-01-01\n")
write(f"{data}/A1/group_sessions.csv", "")
write(f"{data}/A1/absences.csv", "staff_id,start_date,reason\nS1,2025-01-01,Leave\n")
write(f"{data}/A2/staff.csv",
      "staff_id,team,start_date,role\nT1,\u00c9quipe,2024-01-01,Lead \u2013 \u00a3 budget\n",
      encoding="cp1252")
os.makedirs(f"{data}/ZZ")

out = os.path.join(d, "out")
rc, err = run("validate", data, "--out", out)
c.eq("exit status with usable input", rc, 0)
got = [(r["agency_id"], r["file"], r["line"], r["field"], r["code"], r["severity"])
       for r in read_csv(f"{out}/rejections.csv")]
want = [
    ("", "agencies.csv", "0", "agency_id", "W-UNLISTED-AGENCY", "warning"),
    ("", "agencies.csv", "4", "agency_id", "E-ID", "rejected"),
    ("", "agencies.csv", "5", "agency_id", "E-DUPLICATE", "rejected"),
    ("A1", "staff.csv", "1", "Extra Column", "I-UNKNOWN-COLUMN", "info"),
    ("A1", "staff.csv", "2", "supervisor_id", "W-ORPHAN", "warning"),
    ("A1", "staff.csv", "3", "end_date", "E-RANGE", "rejected"),
    ("A1", "staff.csv", "4", "staff_id", "E-DUPLICATE", "rejected"),
    ("A1", "staff.csv", "5", "start_date", "E-DATE", "rejected"),
    ("A1", "staff.csv", "6", "supervisor_id", "W-ORPHAN", "warning"),
    ("A1", "sessions.csv", "4", "notes_shared", "W-YESNO", "warning"),
    ("A1", "sessions.csv", "5", "", "E-RAGGED", "rejected"),
    ("A1", "sessions.csv", "6", "", "W-RAGGED", "warning"),
    ("A1", "sessions.csv", "7", "staff_id", "E-ORPHAN", "rejected"),
    ("A1", "sessions.csv", "8", "", "E-QUOTE", "rejected"),
    ("A1", "case_oversight.csv", "0", "", "E-DEPENDENCY", "rejected"),
    ("A1", "group_sessions.csv", "0", "", "E-EMPTY", "rejected"),
    ("A1", "absences.csv", "1", "end_date", "E-HEADER-MISSING", "rejected"),
    ("A2", "staff.csv", "0", "", "W-ENCODING", "warning"),
    ("A2", "sessions.csv", "0", "", "E-MISSING-FILE", "rejected"),
]
c.eq("every rejection, warning and note", got, want)
reasons = {(r["file"], r["line"], r["code"]): r["reason"] for r in read_csv(f"{out}/rejections.csv")}
c.true("missing column reason lists the columns the file has",
       "staff_id, start_date, reason" in reasons[("absences.csv", "1", "E-HEADER-MISSING")])

dq = {(r["agency_id"], r["dataset"]): r for r in read_csv(f"{out}/data_quality.csv")}
counts = lambda k: tuple(dq[k][f] for f in ("status", "rows_read", "rows_accepted",
                                              "rows_rejected", "warnings"))
c.eq("agencies.csv counts", counts(("", "agencies")), ("received", "4", "2", "2", "1"))
c.eq("actions.csv missing", counts(("", "actions")), ("missing", "0", "0", "0", "0"))
c.eq("A1 staff counts", counts(("A1", "staff")), ("received", "5", "2", "3", "2"))
c.eq("A1 sessions counts (quoted newline, ragged, open quote)", counts(("A1", "sessions")),
     ("received", "6", "3", "3", "2"))
c.eq("A1 case_oversight needs cases", counts(("A1", "case_oversight")),
     ("unusable", "0", "0", "0", "0"))
c.eq("A1 empty group_sessions", counts(("A1", "group_sessions")), ("unusable", "0", "0", "0", "0"))
c.eq("A1 absences without end_date", counts(("A1", "absences")), ("unusable", "0", "0", "0", "0"))
c.eq("A1 cases missing", counts(("A1", "cases")), ("missing", "0", "0", "0", "0"))
c.eq("A2 staff read as Windows-1252", counts(("A2", "staff")), ("received", "1", "1", "0", "1"))
c.eq("A2 sessions missing", counts(("A2", "sessions")), ("missing", "0", "0", "0", "0"))
c.true("unusable files still carry their SHA-256", len(dq[("A1", "absences")]["sha256"]) == 64)
c.true("missing files carry no SHA-256", dq[("A1", "cases")]["sha256"] == "")
for k, r in dq.items():
    c.eq(f"{k}: read = accepted + rejected", int(r["rows_read"]),
         int(r["rows_accepted"]) + int(r["rows_rejected"]))
c.true("stderr names the missing required file", "A2/sessions.csv: missing" in err)

# A folder with nothing usable exits 3 with one clear line.
empty = os.path.join(d, "empty")
os.makedirs(empty)
rc, err = run("validate", empty, "--out", os.path.join(d, "out3"))
c.eq("no usable input exit status", rc, 3)
c.true("no usable input message", "neither agencies.csv" in err, err.strip())

# A single agency's folder is a self-audit: its id is the folder's name.
solo = os.path.join(d, "SOLO")
write(f"{solo}/staff.csv", "staff_id,team,start_date\nP1,Team A,2024-01-01\n")
write(f"{solo}/sessions.csv", "staff_id,date,type,status\nP1,2025-01-10,1:1,held\n")
rc, err = run("validate", solo, "--out", os.path.join(d, "out4"))
c.eq("self-audit exit status", rc, 0)
dq = read_csv(os.path.join(d, "out4", "data_quality.csv"))
c.eq("self-audit lists only the agency's datasets", [r["agency_id"] for r in dq], ["SOLO"] * 9)
c.eq("self-audit sessions accepted", [r["rows_accepted"] for r in dq if r["dataset"] == "sessions"], ["1"])

# Usage errors exit 2 with one line.
rc, err = run("report", solo)
c.eq("report without --period exits 2", rc, 2)
c.eq("one line on stderr", len(err.strip().splitlines()), 1)
rc, err = run("validate", solo, "--bogus")
c.eq("unknown option exits 2", rc, 2)
shutil.rmtree(d)
c.done()
