"""Quality beside the counts in the pack (SPEC 7.3): the three-sources table of
"How do we know?" gives, for each agency and the partnership, the figures of
metrics.csv for supervision frequency, audits graded good and practitioners'
positive answers, and the same sentence in the PDF and the workbook where they
disagree; the quality and outcomes areas have their tiles; an agency with no
quality evidence is named in the key messages; and no feedback figure under the
suppression threshold is shown with a number anywhere in the workbook."""
import os
import re
import shutil
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import Checks, read_csv, run, tmpdir  # noqa: E402

import openpyxl  # noqa: E402

warnings.simplefilter("ignore")
c = Checks()
root = tmpdir()
out = os.path.join(root, "pack")
rc, err = run("report", "sample-data", "--period", "2025-26", "--out", out, "--as-of",
              "2026-04-30", "-q")
c.eq("exit 0", rc, 0)
metrics = read_csv(os.path.join(out, "metrics.csv"))
fig = {(m["agency_id"], m["metric_id"]): m for m in metrics if not m["team"] and not m["group"]}
text = subprocess.run(["pdftotext", "-layout", os.path.join(out, "board-report.pdf"), "-"],
                      capture_output=True, text=True, check=True).stdout
raw = subprocess.run(["pdftotext", "-raw", os.path.join(out, "board-report.pdf"), "-"],
                     capture_output=True, text=True, check=True).stdout
flat = re.sub(r"\s+", " ", raw)  # content order: a table cell's lines stay together
wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
ws = wb["How do we know"]
rows = list(ws.iter_rows(values_only=True))
start = [i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Three sources")][0]
agencies = {a["name"]: a["agency_id"] for a in read_csv("sample-data/agencies.csv")}
seen = 0
for r in rows[start + 2:]:
    if not r[0]:
        break
    aid = "ALL" if r[0] == "Partnership" else agencies.get(r[0])
    c.true(f"three sources: a known unit ({r[0]})", aid is not None)
    for col, mid in ((1, "supervision_frequency"), (2, "audit_good"), (3, "feedback_positive")):
        m = fig[(aid, mid)]
        if m["rag"] in ("green", "amber", "red"):
            c.true(f"three sources {aid} {mid}: metrics.csv's figure",
                   isinstance(r[col], float) and abs(r[col] - int(m["numerator"]) /
                                                     int(m["denominator"])) < 1e-9, repr(r[col]))
        else:
            c.true(f"three sources {aid} {mid}: no number ({m['rag']})",
                   not isinstance(r[col], (int, float)), repr(r[col]))
    if r[4]:
        c.true(f"three sources {aid}: the PDF gives the same sentence",
               re.sub(r"\s+", " ", r[4]) in flat, r[4])
    seen += 1
c.eq("three sources: every agency and the partnership", seen, len(agencies) + 1)
c.true("the PDF has the quality and outcomes areas", "\nQuality\n" in text and "\nOutcomes\n"
       in text)
teams = wb["Teams"]
numbers = {}
theader = [h.value for h in teams[5]]
fcol = theader.index("Practitioner feedback positive") \
    if "Practitioner feedback positive" in theader else None
c.true("Teams has a column for the practitioners' view", fcol is not None, theader)
for r in teams.iter_rows(min_row=6, values_only=True):
    if fcol is not None and r[2]:
        numbers[(r[0], r[2])] = r[fcol]
nsup = 0
for m in metrics:
    if m["metric_id"] == "feedback_positive" and m["team"] and m["rag"] == "suppressed":
        v = numbers.get((m["agency_id"], m["team"]))
        nsup += 1
        c.true(f"suppressed feedback team {m['agency_id']}/{m['team']}: no number shown",
               v == "suppressed", repr(v))
c.true("some team's feedback figure is suppressed", nsup > 0, nsup)

# an agency with neither audits nor a survey is named in the key messages
data = os.path.join(root, "data")
shutil.copytree("sample-data", data)
for f in ("supervision_audits.csv", "feedback.csv"):
    p = os.path.join(data, "POL", f)
    if os.path.exists(p):
        os.remove(p)
out = os.path.join(root, "nopol")
rc, err = run("report", data, "--period", "2025-26", "--out", out, "--as-of", "2026-04-30", "-q")
c.eq("POL without quality files: exit 0", rc, 0)
text = subprocess.run(["pdftotext", "-layout", os.path.join(out, "board-report.pdf"), "-"],
                      capture_output=True, text=True, check=True).stdout
msgs = re.sub(r"\s+", " ", text[text.index("\nKey messages\n"):text.index("\nHeadline figures")])
c.true("key messages name the agency with no quality evidence",
       "No quality evidence from Northshire Police Public Protection Unit" in msgs, msgs[:300])
c.done()
