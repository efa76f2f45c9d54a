"""The quality and outcomes figures of SPEC 7 end to end, on the hand-worked
fixture tests/fixtures/quality (see its expected/DERIVATION.md) and on tiny-full:

- every row of the eight SPEC 7 figures (agency, team and group rows and ALL)
  equals expected/metrics.csv, in the same order: numerator, denominator,
  value, target, amber and rag, secondary suppression included;
- rejections.csv (agency, file, line, field, code, severity) and
  data_quality.csv (status, counts, SHA-256) as derived by hand, with rows read
  = accepted + rejected for every file;
- tiny-full's audit and feedback files give the rejections and coverage grid
  of its expected files;
- the figures of an agency that sent no usable file are no_data, never 0 %, and
  ALL adds up the agencies that did;
- a second run gives a byte-identical metrics.csv.
"""
import filecmp
import os
import shutil

from e2elib import FIXTURES, Checks, read_csv, run, tmpdir

QUALITY = os.path.join(FIXTURES, "quality")
FULL = os.path.join(FIXTURES, "tiny-full")
SPEC7 = {"audit_good", "audit_criteria", "feedback_positive", "workforce_stability",
         "info_audits", "info_feedback_responses", "info_starters", "info_leavers"}
FIELDS = ("period_start", "period_end", "agency_id", "team", "group", "metric_id", "numerator",
          "denominator", "value", "target", "amber", "rag")
REJ = ("agency_id", "file", "line", "field", "code", "severity")

c = Checks()
out = tmpdir()
args = ["report", os.path.join(QUALITY, "data"), "--period", "2025-26-Q3", "--as-of",
        "2026-01-15"]
rc, err = run(*args, "--out", out)
c.eq("quality: exit status", rc, 0)
if rc != 0:
    print(err)
    c.done()
c.true("quality: the unusable survey is named with what to do",
       "QC/feedback.csv: not used" in err and "Staff ID" in err and "anonymous" in err
       and "delete that column" in err)

rows = read_csv(os.path.join(out, "metrics.csv"))
got = [tuple(r[f] for f in FIELDS) for r in rows if r["metric_id"] in SPEC7]
want = [tuple(r[f] for f in FIELDS)
        for r in read_csv(os.path.join(QUALITY, "expected", "metrics.csv"))]
c.eq("quality: as many SPEC 7 rows as derived", len(got), len(want))
for g, w in zip(got, want):
    c.eq("quality " + "/".join(x for x in w[2:6] if x), g, w)
c.eq("quality: the SPEC 7 rows in metrics.csv order", got, want)

rej = [tuple(r[f] for f in REJ) for r in read_csv(os.path.join(out, "rejections.csv"))]
c.eq("quality: rejections.csv", rej,
     [tuple(r[f] for f in REJ)
      for r in read_csv(os.path.join(QUALITY, "expected", "rejections.csv"))])
c.true("quality: every issue has a reason",
       all(r["reason"] for r in read_csv(os.path.join(out, "rejections.csv"))))
dq = read_csv(os.path.join(out, "data_quality.csv"))
c.eq("quality: data_quality.csv", dq,
     read_csv(os.path.join(QUALITY, "expected", "data_quality.csv")))
for r in dq:
    c.eq(f"quality {r['file']}: read = accepted + rejected", int(r["rows_read"]),
         int(r["rows_accepted"]) + int(r["rows_rejected"]))

# QC sent no usable file: no data, not 0 %, and nothing of it in ALL
qc = [r for r in rows if r["agency_id"] == "QC" and r["metric_id"] in
      ("audit_good", "audit_criteria", "feedback_positive")]
c.eq("quality: QC's audit and feedback rows are all no_data",
     sorted({(r["numerator"], r["denominator"], r["value"], r["rag"]) for r in qc}),
     [("0", "0", "", "no_data")])
c.true("quality: QC has a no_data row for every criterion and statement",
       len([r for r in qc if r["group"]]) == 11, str(len(qc)))
by = {(r["agency_id"], r["team"], r["group"], r["metric_id"]): r for r in rows}
for key in sorted(k for k in by if k[0] == "ALL" and k[3] in
                  ("audit_good", "audit_criteria", "feedback_positive", "workforce_stability")):
    parts = [by[(a, "", key[2], key[3])] for a in ("QA", "QB", "QC")]
    c.eq(f"quality: ALL = sum of agencies {key[3]} {key[2]}".rstrip(),
         (int(by[key]["numerator"]), int(by[key]["denominator"])),
         (sum(int(p["numerator"]) for p in parts), sum(int(p["denominator"]) for p in parts)))
c.eq("quality: criteria add up to the pooled row (QA)",
     tuple(sum(int(by[("QA", "", g, "audit_criteria")][f]) for g in
               ("wellbeing", "reflection", "development", "child_focus", "actions_reviewed",
                "actions_smart")) for f in ("numerator", "denominator")),
     (int(by[("QA", "", "", "audit_criteria")]["numerator"]),
      int(by[("QA", "", "", "audit_criteria")]["denominator"])))

out2 = tmpdir()
run(*args, "--out", out2, check_rc=0)
c.true("quality: metrics.csv byte-identical on a second run",
       filecmp.cmp(os.path.join(out, "metrics.csv"), os.path.join(out2, "metrics.csv"),
                   shallow=False))
shutil.rmtree(out)
shutil.rmtree(out2)

# ------------------------------------------------------------ tiny-full's two files
out = tmpdir()
rc, err = run("validate", os.path.join(FULL, "data"), "--out", out)
c.eq("tiny-full validate: exit status", rc, 0)
files = ("supervision_audits.csv", "feedback.csv")
got = sorted(tuple(r[f] for f in REJ) for r in read_csv(os.path.join(out, "rejections.csv"))
             if r["file"] in files)
want = sorted(tuple(r[f] for f in REJ)
              for r in read_csv(os.path.join(FULL, "expected", "rejections.csv"))
              if r["file"] in files)
c.eq("tiny-full: rejections of the audits and the survey", got, want)
c.eq("tiny-full: data_quality.csv", read_csv(os.path.join(out, "data_quality.csv")),
     read_csv(os.path.join(FULL, "expected", "data_quality.csv")))
shutil.rmtree(out)
c.done()
