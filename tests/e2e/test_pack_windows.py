"""What the pack says about extract windows (SPEC 9.1, 9.2, 9.4), read back from
the PDF text and the workbook:
- sample-data with --trend 4: the extracts begin on 1 April 2024, so 2022-23 and
  2023-24 are "not covered" in words in the PDF and on the workbook's Trend sheet,
  and never 0.0 %; "How do we know?" names every agency's extract date and how many
  agencies cover each period; the footer gives the figures' as-at date (the latest
  extract date) beside the run date;
- the reference fixture with TWO's extract starting after the quarter begins: the
  key messages name TWO as not covering the period, its figures read "Not covered"
  in both layouts and the partnership's figures are TINY's alone."""
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
HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "fixtures", "tiny", "data")
c = Checks()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


root = tmpdir()
out = os.path.join(root, "s4")
rc, err = run("report", "sample-data", "--period", "2025-26", "--trend", "4", "--out", out,
              "--as-of", "2026-04-30", "-q")
c.eq("sample-data --trend 4: exit 0", rc, 0)
text = pdf_text(os.path.join(out, "board-report.pdf"))
c.true("PDF: 2022-23 and 2023-24 said to be not covered",
       "Not covered by the extracts: 2022-23 and 2023-24" in text)
early = [ln for ln in text.splitlines() if re.search(r"2022-23|2023-24", ln)]
c.true("PDF: no 0.0% on any line that names 2022-23 or 2023-24",
       not any("0.0%" in ln for ln in early), repr([ln for ln in early if "0.0%" in ln][:3]))
c.true("PDF: no line says zero to 84%", "from 0.0%" not in text)
agencies = read_csv(os.path.join("sample-data", "agencies.csv"))
for a in agencies:
    y, m, d = a["extract_date"].split("-") if "-" in a["extract_date"] else ("", "", "")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    words = f"{int(d)} {months[int(m) - 1]} {y}" if y else ""
    c.true(f"PDF: How do we know gives {a['agency_id']}'s extract date ({words})",
           words and words in text)
c.true("PDF: agencies covering each period", "2023-24: none of 6" in text
       and "2025-26: 6 of 6" in text)
latest = max(a["extract_date"] for a in agencies)
c.true("PDF footer: figures as at the latest extract date, run date beside it",
       "figures as at 20 April 2026 · produced 30 April 2026" in text and latest == "2026-04-20",
       latest)
wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
ws = wb["Trend"]
head = [cell.value for cell in next(ws.iter_rows(min_row=5, max_row=5))]
cols = [i for i, v in enumerate(head) if v in ("2022-23", "2023-24")]
c.eq("workbook Trend: a column for each early year", len(cols), 2)
vals = [row[i].value for row in ws.iter_rows(min_row=6, max_row=21) for i in cols]
c.true("workbook Trend: every early-year figure reads 'not covered'",
       vals and all(v == "not covered" for v in vals), repr(vals[:4]))
c.true("workbook Trend: no number for an early year",
       not any(isinstance(v, (int, float)) for v in vals))

# the filterable table of every measure over time by agency, against metrics.csv
metrics4 = read_csv(os.path.join(out, "metrics.csv"))
labels = {"2022-04-01": "2022-23", "2023-04-01": "2023-24", "2024-04-01": "2024-25",
          "2025-04-01": "2025-26"}
want = {(labels[m["period_start"]], m["agency_id"], m["metric_id"]): m for m in metrics4
        if not m["team"] and not m["group"] and not m["metric_id"].startswith("info_")}
defs = wb["Definitions"]
title_id = {r[1]: r[0] for r in defs.iter_rows(values_only=True) if r[0] and r[1]}
ids = {a["agency_id"] for a in agencies} | {"ALL"}
bad, n = [], 0
for r in wb["Trend by agency"].iter_rows(min_row=6, values_only=True):
    if r[1] not in ids:
        continue
    n += 1
    m = want.get((r[0], r[1], title_id.get(r[4])))
    if m is None:
        bad.append(("unknown row", r[:5]))
    elif m["rag"] in ("green", "amber", "red"):
        if not isinstance(r[7], (int, float)) or abs(r[7] - int(m["numerator"]) /
                                               int(m["denominator"])) > 1e-9:
            bad.append(("value", r[:8]))
    elif isinstance(r[7], (int, float)):
        bad.append(("a number for a figure not shown", r[:8]))
    if r[0] in ("2022-23", "2023-24") and r[8] != "Not covered":
        bad.append(("early year", r[:9]))
c.eq("workbook Trend by agency: a row per period, agency and rated measure", n, len(want))
c.eq("workbook Trend by agency: metrics.csv's figures, early years not covered", bad[:3], [])

# the PDF's appendix A4: every measure over time, the partnership's row as metrics.csv
a4 = text[text.index("A4. Every measure over time"):] if "A4. Every measure over time" in text \
    else ""
c.true("PDF: appendix A4 lists every measure over time", bool(a4))
for mid, title in (("supervision_frequency", "Supervision frequency"),
                   ("notes_timely", "Notes recorded on time")):
    v = [want[(y, "ALL", mid)] for y in ("2024-25", "2025-26")]
    row = f"Partnership Not covered Not covered {v[0]['value']}% {v[0]['rag'][0].upper()} " \
          f"{v[1]['value']}% {v[1]['rag'][0].upper()}"
    block = re.sub(r"\s+", " ", a4[a4.index(title):]) if title in a4 else ""
    c.true(f"PDF A4: the partnership's {mid} over the four years", row in block, row)

# TWO's extract starts after the quarter begins: it does not cover 2025-26 Q3.
data = os.path.join(root, "late")
shutil.copytree(TINY, data)
with open(os.path.join(data, "agencies.csv"), encoding="utf-8") as f:
    lines = f.read().splitlines()
lines[0] += ",covers_from"
lines = [lines[0]] + [ln + (",2025-11-01" if ln.startswith("TWO,") else ",") for ln in lines[1:]]
with open(os.path.join(data, "agencies.csv"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
out = os.path.join(root, "late-out")
rc, err = run("report", data, "--period", "2025-26-Q3", "--out", out, "--as-of", "2026-01-15",
              "-q")
c.eq("TWO not covering the quarter: exit 0", rc, 0)
metrics = read_csv(os.path.join(out, "metrics.csv"))
two = [m for m in metrics if m["agency_id"] == "TWO"]
c.true("metrics.csv: every TWO row not_covered with blank numbers",
       two and all(m["rag"] == "not_covered" and m["numerator"] == "" == m["value"] for m in two))
text = pdf_text(os.path.join(out, "board-report.pdf"))
msgs = text[text.index("\nKey messages\n"):text.index("\nHeadline figures")]
c.true("PDF key messages: TWO's extract does not cover the period",
       "The extract of Two Rivers Youth Trust does not cover 2025-26 Q3" in re.sub(r"\s+", " ", msgs))
c.true("PDF: TWO's figures read Not covered", "Not covered" in text)
wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
summary = [r[0].value for r in wb["Summary"].iter_rows() if r[0].value]
c.true("workbook key messages: the same sentence",
       any("The extract of Two Rivers Youth Trust does not cover 2025-26 Q3" in s for s in summary))
ag = wb["Agencies"]
words = {cell.value for row in ag.iter_rows() if row[1].value == "TWO" for cell in row[2:]}
c.true("workbook Agencies: TWO's cells read not covered", "not covered" in words, repr(words))
allsf = [m for m in metrics if m["agency_id"] == "ALL" and m["metric_id"] == "supervision_frequency"
         and not m["team"]][0]
tinysf = [m for m in metrics if m["agency_id"] == "TINY" and m["metric_id"] ==
          "supervision_frequency" and not m["team"]][0]
c.eq("partnership figures are TINY's alone", (allsf["numerator"], allsf["denominator"]),
     (tinysf["numerator"], tinysf["denominator"]))
c.done()
