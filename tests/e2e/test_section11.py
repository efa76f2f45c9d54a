"""The Section 11 return, read back and moderated (SPEC 8.2), end to end on the
sample partnership:

- `oversight template` on a data folder writes section11.csv with a row per
  agency and standard, and never replaces one that exists;
- a section11.csv with scores of every kind (0-3, the words in any case, the
  workbook's "2 - Mostly met") gives exactly the challenges the rule gives,
  worked out here from metrics.csv: the data-based rating of a standard is
  the worst RAG among its rated figures for the agency, and a score of 2 or 3
  against red, or 0 or 1 against green, is challenged;
- the workbook's Section 11 sheet is pre-filled with the returned scores and
  marks exactly those challenges; the PDF lists them for the moderation panel;
- bad rows are rejected with rule codes: an unknown agency (E-ORPHAN), an
  unknown standard (E-CODE), a score of 4 or a moderated score of 5 (E-SCORE),
  a blank score (E-REQUIRED), a second score for one agency and standard
  (E-DUPLICATE); the good rows still count."""
import csv
import os
import shutil
import subprocess
import warnings

from e2elib import Checks, read_csv, run, tmpdir

warnings.filterwarnings("ignore")
import openpyxl  # noqa: E402

c = Checks()
# The standards and their evidence, as SPEC 8.2 lists them.
EVIDENCE = {
    "s11_reach": ["supervision_frequency", "staff_fully_compliant", "staff_supervised"],
    "s11_recorded": ["notes_timely", "notes_shared", "cancellation_rate", "cancelled_rearranged",
                     "agreement_current"],
    "s11_case_oversight": ["case_oversight_current", "case_oversight_period", "assessment_day8",
                           "assessment_day20"],
    "s11_reflective": ["functions_balance", "group_supervision_monthly", "observation_current"],
    "s11_supervisors": ["supervisor_trained"],
    "s11_quality": ["audit_good", "audit_criteria", "feedback_positive"],
}
# Every way a score may be written, and the score it is.
FORMS = [("0", 0), ("1", 1), ("2", 2), ("3", 3), ("not met", 0), ("Partly Met", 1),
         ("mostly met", 2), ("FULLY MET", 3), ("2 - Mostly met", 2), ("fully_met", 3),
         ("Not-Met", 0), ("1 - Partly met", 1)]
WORDS = {0: "0 - Not met", 1: "1 - Partly met", 2: "2 - Mostly met", 3: "3 - Fully met"}

d = tmpdir()
data = os.path.join(d, "data")
shutil.copytree("sample-data", data)
agencies = [r["agency_id"] for r in read_csv(os.path.join(data, "agencies.csv"))]

# ------------------------------------------------------------ the template
rc, err = run("template", data)
c.eq("template on a data folder: exit 0", rc, 0)
s11 = os.path.join(data, "section11.csv")
rows = read_csv(s11)
c.eq("template: a row per agency and standard",
     [(r["agency_id"], r["standard"]) for r in rows],
     [(a, s) for a in agencies for s in EVIDENCE])
c.true("template: scores left blank", all(not r["self_score"] for r in rows))
c.eq("template: only section11.csv is added", sorted(os.listdir(data)),
     sorted(os.listdir("sample-data") + ["section11.csv"]))
before = open(s11, "rb").read()
rc, err = run("template", data)
c.eq("template again: exit 2, an existing section11.csv is kept", rc, 2)
c.true("template again: the file is unchanged", open(s11, "rb").read() == before)
with open(s11, "a", encoding="utf-8") as f:
    f.write("# scores being filled in\n")
rc, err = run("template", data, "--force")
c.eq("template --force on a data folder: exit 0", rc, 0)
c.true("template --force: section11.csv replaced by a fresh one",
       open(s11, "rb").read() == before, err)
c.eq("template --force: still only section11.csv is added", sorted(os.listdir(data)),
     sorted(os.listdir("sample-data") + ["section11.csv"]))

# ------------------------------------------------------------ scores of every kind
want_score = {}
with open(s11, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["agency_id", "standard", "self_score", "evidence", "moderated_score",
                "moderation_note"])
    k = 0
    for a in agencies:
        for s in EVIDENCE:
            text, score = FORMS[k % len(FORMS)]
            moderated = "" if k % 3 else str((score + 1) % 4)
            w.writerow([a, s, text, f"Our audit of {s}" if k % 2 else "", moderated,
                        "Agreed at panel" if moderated else ""])
            want_score[(a, s)] = (score, int(moderated) if moderated else None)
            k += 1
    # the bad rows, lines 38 onwards
    w.writerow(["NOPE", "s11_reach", "2", "", "", ""])            # unknown agency
    w.writerow(["NCC", "s11_everything", "2", "", "", ""])        # unknown standard
    w.writerow(["NCC", "s11_reach", "4", "", "", ""])             # score outside 0-3
    w.writerow(["NHT", "s11_reach", "2", "", "5", ""])            # moderated outside 0-3
    w.writerow(["POL", "s11_reach", "", "", "", ""])              # no score
    w.writerow(["EDU", "s11_quality", "3", "", "", ""])           # already scored
out = os.path.join(d, "out")
rc, err = run("report", data, "--period", "2025-26", "--out", out, "--as-of", "2026-04-30")
c.eq("report with section11.csv: exit 0", rc, 0)
rej = [(r["file"], r["line"], r["field"], r["code"], r["severity"])
       for r in read_csv(os.path.join(out, "rejections.csv")) if r["file"] == "section11.csv"]
c.eq("bad rows rejected with their rule codes", rej, [
    ("section11.csv", "38", "agency_id", "E-ORPHAN", "rejected"),
    ("section11.csv", "39", "standard", "E-CODE", "rejected"),
    ("section11.csv", "40", "self_score", "E-SCORE", "rejected"),
    ("section11.csv", "41", "moderated_score", "E-SCORE", "rejected"),
    ("section11.csv", "42", "self_score", "E-REQUIRED", "rejected"),
    ("section11.csv", "43", "standard", "E-DUPLICATE", "rejected"),
])
dq = {r["dataset"]: r for r in read_csv(os.path.join(out, "data_quality.csv"))
      if not r["agency_id"]}
c.eq("data_quality: section11.csv read 42, accepted 36, rejected 6",
     (dq["section11"]["status"], dq["section11"]["rows_read"], dq["section11"]["rows_accepted"],
      dq["section11"]["rows_rejected"]), ("received", "42", "36", "6"))

# the rule, from metrics.csv
metrics = read_csv(os.path.join(out, "metrics.csv"))
rag = {(r["agency_id"], r["metric_id"]): r["rag"] for r in metrics
       if (r["period_start"], r["period_end"]) == ("2025-04-01", "2026-03-31")
       and not r["team"] and not r["group"]}
order = {"green": 0, "amber": 1, "red": 2}
rating, want = {}, {}
for a in agencies:
    for s, ms in EVIDENCE.items():
        rated = [rag[(a, m)] for m in ms if rag.get((a, m)) in order]
        rating[(a, s)] = max(rated, key=order.get) if rated else "not rated"
        score = want_score[(a, s)][0]
        if rating[(a, s)] == "red" and score >= 2:
            want[(a, s)] = "higher"
        elif rating[(a, s)] == "green" and score <= 1:
            want[(a, s)] = "lower"
c.true("the data challenge some scores upwards and some downwards",
       "higher" in want.values() and "lower" in want.values(), repr(sorted(want.values())))
c.true("and agree with others", len(want) < len(want_score))

wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
ws = wb["Section 11"]
head = None
got_rows = {}
for row in ws.iter_rows(values_only=True):
    if head is None:
        if row and row[0] == "Agency" and "Standard id" in row:
            head = list(row)
        continue
    if not row or not row[1] or row[1] not in agencies:
        continue
    got_rows[(row[1], row[head.index("Standard id")])] = dict(zip(head, row))
c.eq("workbook: a row per agency and standard", sorted(got_rows), sorted(want_score))
c.eq("workbook: the data-based rating of each (from metrics.csv)",
     {k: (v["Data-based rating"] or "").lower() for k, v in got_rows.items()}, rating)
c.eq("workbook: the returned scores are pre-filled",
     {k: (v["Self-assessed score"], v["Moderated score"]) for k, v in got_rows.items()},
     {k: (WORDS[s], WORDS[m] if m is not None else None) for k, (s, m) in want_score.items()})
c.eq("workbook: exactly the challenges the rule gives",
     {k for k, v in got_rows.items() if v["Challenge"] == "CHALLENGE"}, set(want))
c.true("workbook: the agency's evidence is shown",
       got_rows[(agencies[0], "s11_recorded")]["Agency's evidence"] == "Our audit of s11_recorded")
dv = ws.data_validations.dataValidation
c.true("workbook: the scores stay editable from the fixed list",
       len(dv) == 2 and all("0 - Not met" in v.formula1 for v in dv))

pdf = subprocess.run(["pdftotext", "-layout", os.path.join(out, "board-report.pdf"), "-"],
                     capture_output=True, text=True).stdout
flat = " ".join(pdf.split())
c.true("PDF: the moderation panel's list", "Section 11: scores for the moderation panel" in pdf)
c.true("PDF: says how many scores were returned and challenged",
       f"returned 36 of 36 Section 11 scores" in flat and f"for the moderation panel to look at: {len(want)}." in flat,
       flat[flat.find("returned"):flat.find("returned") + 200])
section = pdf[pdf.find("Section 11: scores for the moderation panel", pdf.find("4. What")):]
ids = [line for line in section.splitlines() if "(s11_" in line]
c.eq("PDF: one row per challenge", len(ids), len(want))

# an agency's own pack lists its own challenges only
own = os.path.join(d, "own")
agency = next(a for a, _ in want)
rc, _ = run("report", data, "--period", "2025-26", "--out", own, "--as-of", "2026-04-30",
            "--agency", agency)
c.eq("agency pack: exit 0", rc, 0)
ws = openpyxl.load_workbook(os.path.join(own, "board-report.xlsx"))["Section 11"]
marks = [row for row in ws.iter_rows(values_only=True) if row and "CHALLENGE" in row]
c.eq("agency pack: its own challenges", len(marks), sum(1 for a, _ in want if a == agency))

# without section11.csv the sheet is ready for the scores and the PDF says none came
os.remove(s11)
none = os.path.join(d, "none")
rc, _ = run("report", data, "--period", "2025-26", "--out", none, "--as-of", "2026-04-30")
ws = openpyxl.load_workbook(os.path.join(none, "board-report.xlsx"))["Section 11"]
c.true("no section11.csv: no score pre-filled and no challenge",
       not any(v in (WORDS[0], WORDS[1], WORDS[2], WORDS[3], "CHALLENGE")
               for row in ws.iter_rows(values_only=True) for v in row))
flat = " ".join(subprocess.run(["pdftotext", "-layout", os.path.join(none, "board-report.pdf"),
                                "-"], capture_output=True, text=True).stdout.split())
c.true("no section11.csv: the PDF says no return came",
       "No Section 11 self-assessment was returned" in flat)

shutil.rmtree(d)
c.done()
