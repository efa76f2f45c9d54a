"""Bad input in supervision_audits.csv and feedback.csv (SPEC 7.1, 2.3): each
fault gets its rule code, line and field in rejections.csv, a rejected row lists
its rejections only, rows read = accepted + rejected for every file, and a
feedback.csv that carries staff ids (by its header or through the agency's
mapping profile) is not read at all, with one message that says what, where and
what to do. The report still runs on such a folder."""
import os
import shutil

from e2elib import Checks, read_csv, run, tmpdir, write

c = Checks()
d = tmpdir()
data = os.path.join(d, "data")
write(os.path.join(data, "agencies.csv"),
      "agency_id,name,type,profile\n"
      "BAD,Badly Sent Council,la_csc,\n"
      "ID1,Named Survey Trust,health,\n"
      "ID2,Profiled Survey Council,la_csc,lcs\n")
for a in ("BAD", "ID1", "ID2"):
    head = "Worker ID,Team Name,Start Date\n" if a == "ID2" else "staff_id,team,start_date\n"
    write(os.path.join(data, a, "staff.csv"), head + "S1,A,2020-01-01\nS2,B,2021-01-01\n")
    write(os.path.join(data, a, "sessions.csv"),
          ("Worker ID,Supervision Date,Supervision Type,Outcome\n" if a == "ID2" else
           "staff_id,date,type,status\n") + "S1,2025-10-06,1:1,held\nS1,2025-12-08,1:1,held\n")
write(os.path.join(data, "BAD", "supervision_audits.csv"),
      "staff_id,audit_date,grade,session_date,auditor_id,wellbeing,reflection,development,"
      "child_focus,actions_reviewed,actions_smart\n"
      "S1,2025-10-01,Good,2025-09-30,S2,Y,Y,Y,Y,Y,Y\n"       # 2 accepted
      "S1,2025-10-02,Excellent,,,Y,,,,,\n"                    # 3 unknown grade
      "X1,2025-10-03,Good,,,Y,,,,,\n"                         # 4 nobody in staff.csv
      "S2,2025-10-04,Good,2025-10-09,,Y,N,,,,\n"              # 5 session after the audit
      "S2,,Good,,,,,,,,\n"                                    # 6 no audit date
      "S2,31/02/2025,Good,,,,,,,,\n"                          # 7 no such day
      "S1,2025-10-05,,,,Y,,,,,\n"                             # 8 no grade
      "S1,2025-10-06,RI,,Z9,maybe,Y,,,,\n")                   # 9 two warnings
write(os.path.join(data, "BAD", "feedback.csv"),
      "response_date,team,regular,reflective,effective,challenging,supportive\n"
      "2025-10-01,A,5,5,5,5,5\n"                              # 2 accepted
      "2025-10-02,A,,,,,\n"                                   # 3 nothing answered
      "2025-10-03,A,7,6,0,9,-1\n"                             # 4 all off the scale
      "2025-10-04,A,6,4,4,4,4\n"                              # 5 one off the scale
      "2025-10-05,Nobody's Team,4,4,4,4,4\n"                  # 6 a team nobody has
      ",A,4,4,4,4,4\n"                                        # 7 no response date
      "2025-10-07,A,maybe,agree,,,\n")                        # 8 one unreadable
write(os.path.join(data, "ID1", "feedback.csv"),
      "response_date,Staff ID,team,regular\n2025-10-01,S1,A,5\n")
write(os.path.join(data, "ID2", "feedback.csv"),
      "Response Date,Team,Worker ID,Q1\n2025-10-01,A,S1,5\n")

out = os.path.join(d, "out")
rc, err = run("validate", data, "--out", out)
c.eq("exit status", rc, 0)
ALL_ITEMS = "regular;reflective;effective;challenging;supportive"
WANT = [
    ("BAD", "supervision_audits.csv", "3", "grade", "E-CODE", "rejected"),
    ("BAD", "supervision_audits.csv", "4", "staff_id", "E-ORPHAN", "rejected"),
    ("BAD", "supervision_audits.csv", "5", "session_date", "W-CONTRADICTION", "warning"),
    ("BAD", "supervision_audits.csv", "6", "audit_date", "E-REQUIRED", "rejected"),
    ("BAD", "supervision_audits.csv", "7", "audit_date", "E-DATE", "rejected"),
    ("BAD", "supervision_audits.csv", "8", "grade", "E-REQUIRED", "rejected"),
    ("BAD", "supervision_audits.csv", "9", "wellbeing", "W-YESNO", "warning"),
    ("BAD", "supervision_audits.csv", "9", "auditor_id", "W-ORPHAN", "warning"),
    ("BAD", "feedback.csv", "3", ALL_ITEMS, "E-REQUIRED", "rejected"),
    ("BAD", "feedback.csv", "4", ALL_ITEMS, "E-REQUIRED", "rejected"),
    ("BAD", "feedback.csv", "5", "regular", "W-CODE", "warning"),
    ("BAD", "feedback.csv", "6", "team", "W-ORPHAN", "warning"),
    ("BAD", "feedback.csv", "7", "response_date", "E-REQUIRED", "rejected"),
    ("BAD", "feedback.csv", "8", "regular", "W-CODE", "warning"),
    ("ID1", "feedback.csv", "1", "staff_id", "E-NOT-ANONYMOUS", "rejected"),
    ("ID2", "feedback.csv", "1", "staff_id", "E-NOT-ANONYMOUS", "rejected"),
]
rej = read_csv(os.path.join(out, "rejections.csv"))
got = [tuple(r[f] for f in ("agency_id", "file", "line", "field", "code", "severity"))
       for r in rej if r["file"] in ("supervision_audits.csv", "feedback.csv")]
c.eq("each fault with its code, line and field, and nothing else", got, WANT)
reasons = {(r["agency_id"], r["file"], r["line"], r["code"]): r["reason"] for r in rej}
c.true("an answer off the scale says so",
       "outside the 1-5" in reasons[("BAD", "feedback.csv", "5", "W-CODE")])
c.true("an unreadable answer counts as not answered",
       "not answered" in reasons[("BAD", "feedback.csv", "8", "W-CODE")])
c.true("a team nobody has counts for the agency only",
       "agency only" in reasons[("BAD", "feedback.csv", "6", "W-ORPHAN")])
for k in (("ID1", "feedback.csv", "1", "E-NOT-ANONYMOUS"),
          ("ID2", "feedback.csv", "1", "E-NOT-ANONYMOUS")):
    c.true(f"{k[0]}: the reason names the column and says what to do",
           "anonymous" in reasons[k] and "delete that column" in reasons[k], reasons[k])
c.true("ID2's column matched through the lcs profile is named",
       "'Worker ID'" in reasons[("ID2", "feedback.csv", "1", "E-NOT-ANONYMOUS")])
c.true("one error line per refused survey on standard error",
       err.count("feedback.csv: not used") == 2 and "ID1/feedback.csv" in err
       and "ID2/feedback.csv" in err)
c.true("no row value of a refused survey is repeated anywhere",
       "2025-10-01,S1" not in open(os.path.join(out, "rejections.csv")).read())

dq = {(r["agency_id"], r["dataset"]): r for r in read_csv(os.path.join(out, "data_quality.csv"))}
for r in dq.values():
    c.eq(f"{r['file']}: read = accepted + rejected", int(r["rows_read"]),
         int(r["rows_accepted"]) + int(r["rows_rejected"]))
counts = lambda r: (r["status"], r["rows_read"], r["rows_accepted"], r["rows_rejected"],
                    r["warnings"])
c.eq("audits: 8 read, 3 accepted, 5 rejected, 3 warnings",
     counts(dq[("BAD", "supervision_audits")]), ("received", "8", "3", "5", "3"))
c.eq("feedback: 7 read, 4 accepted, 3 rejected, 3 warnings",
     counts(dq[("BAD", "feedback")]), ("received", "7", "4", "3", "3"))
for a in ("ID1", "ID2"):
    c.eq(f"{a}: the survey is unusable and nothing of it is read", counts(dq[(a, "feedback")]),
         ("unusable", "0", "0", "0", "0"))

# the report runs on it: the accepted rows count, the refused surveys are no data
rc, err = run("report", data, "--period", "2025-26-Q3", "--out", out, "--as-of", "2026-01-15")
c.eq("report exit status", rc, 0)
m = {(r["agency_id"], r["team"], r["group"], r["metric_id"]): r
     for r in read_csv(os.path.join(out, "metrics.csv"))}
nd = lambda k: (m[k]["numerator"], m[k]["denominator"], m[k]["rag"])
# audits of lines 2, 5, 9: good, good, RI
c.eq("BAD audit_good over the accepted audits", nd(("BAD", "", "", "audit_good")),
     ("2", "3", "suppressed"))
# responses 2 (5s), 5 (4s), 6 (4s, agency only), 8 (agree): all average 4 or more
c.eq("BAD feedback_positive over the accepted responses",
     nd(("BAD", "", "", "feedback_positive")), ("4", "4", "suppressed"))
c.eq("BAD team A counts the responses naming it", nd(("BAD", "A", "", "feedback_positive")),
     ("3", "3", "suppressed"))
c.eq("ID1 feedback no data", nd(("ID1", "", "", "feedback_positive")), ("0", "0", "no_data"))
c.eq("ID2 feedback no data", nd(("ID2", "", "", "feedback_positive")), ("0", "0", "no_data"))
shutil.rmtree(d)
c.done()
