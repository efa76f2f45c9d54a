"""oversight validate on sample-data: exactly the deliberate faults listed in
sample-data/README.md, and rows read = accepted + rejected for every file."""
import os
import shutil

from e2elib import Checks, read_csv, run, tmpdir

WANT = """\
NCC,sessions.csv,778,notes_recorded_date,W-CONTRADICTION,warning
NCC,sessions.csv,1256,date,E-DATE,rejected
NCC,case_oversight.csv,868,child_id,E-ORPHAN,rejected
NCC,supervision_audits.csv,250,session_date,W-CONTRADICTION,warning
NHT,staff.csv,1,Band,I-UNKNOWN-COLUMN,info
NHT,staff.csv,19,agreement_review_date,W-DATE,warning
NHT,absences.csv,4,end_date,E-RANGE,rejected
POL,staff.csv,19,frequent_contact,W-YESNO,warning
POL,sessions.csv,707,status,E-CODE,rejected
EDU,sessions.csv,320,duration_minutes,W-NUMBER,warning
EDU,sessions.csv,348,staff_id,E-ORPHAN,rejected
CHY,staff.csv,0,,W-ENCODING,warning
CHY,staff.csv,10,staff_id,E-DUPLICATE,rejected
CHY,sessions.csv,542,functions,W-CODE,warning
CHY,feedback.csv,16,regular;reflective;effective;challenging;supportive,E-REQUIRED,rejected
PRB,staff.csv,27,supervisor_id,W-ORPHAN,warning
PRB,sessions.csv,566,,E-RAGGED,rejected
PRB,feedback.csv,9,regular,W-CODE,warning
"""

c = Checks()
out = tmpdir()
rc, err = run("validate", "sample-data", "--out", out)
c.eq("exit status", rc, 0)
got = [",".join((r["agency_id"], r["file"], r["line"], r["field"], r["code"], r["severity"]))
       for r in read_csv(os.path.join(out, "rejections.csv"))]
c.eq("exactly the deliberate faults", got, WANT.splitlines())
dq = read_csv(os.path.join(out, "data_quality.csv"))
c.eq("coverage grid size (3 partnership files + 6 agencies x 9)", len(dq), 3 + 6 * 9)
for r in dq:
    c.eq(f"{r['file']}: read = accepted + rejected", int(r["rows_read"]),
         int(r["rows_accepted"]) + int(r["rows_rejected"]))
    if r["status"] == "received":
        c.true(f"{r['file']}: SHA-256 recorded", len(r["sha256"]) == 64)
by = {(r["agency_id"], r["dataset"]): r for r in dq}
c.eq("NCC sessions read through the lcs profile",
     (by[("NCC", "sessions")]["rows_read"], by[("NCC", "sessions")]["rows_accepted"]),
     ("1357", "1356"))
c.eq("NHT sessions read through the esr profile (BOM, CRLF)",
     by[("NHT", "sessions")]["rows_accepted"], "1069")
c.eq("POL sends no cases", by[("POL", "cases")]["status"], "missing")
# the quality evidence (SPEC 7): every agency but EDU sends audits, all a survey
rows = lambda a, ds: tuple(by[(a, ds)][k] for k in ("status", "rows_read", "rows_accepted",
                                                     "rows_rejected", "warnings"))
c.eq("NCC audits read through the lcs profile", rows("NCC", "supervision_audits"),
     ("received", "316", "316", "0", "1"))
c.eq("NHT audits read through the esr profile (BOM, CRLF)", rows("NHT", "supervision_audits"),
     ("received", "86", "86", "0", "0"))
c.eq("EDU sends no audits", rows("EDU", "supervision_audits"), ("missing", "0", "0", "0", "0"))
c.eq("NCC survey: a forms export with the statements as headings", rows("NCC", "feedback"),
     ("received", "83", "83", "0", "0"))
c.eq("CHY survey: one response with nothing answered", rows("CHY", "feedback"),
     ("received", "15", "14", "1", "0"))
c.eq("PRB survey: one answer off the scale", rows("PRB", "feedback"),
     ("received", "22", "22", "0", "1"))
shutil.rmtree(out)
c.done()
