"""Quarter by quarter (issue 16, part 2): when the report period is a quarter,
the pack sets beside it the quarters of the financial year so far, the year to
date and the same quarter last year; when it is a year, its four quarters.

Every column must be the figure a report of that period on its own gives
(metrics.csv of a separate run), except the staff-record snapshot measures
(SPEC 9.2), which are not covered in a column that ends before the report
period unless the history holds the figure reported then (shown with †)."""
import os
import re
import shutil
import subprocess
import warnings

import openpyxl

from e2elib import Checks, read_csv, run, tmpdir

warnings.simplefilter("ignore")
c = Checks()
SAMPLE = "sample-data"
SNAPSHOT = {"agreement_current", "observation_current", "supervisor_trained"}
root = tmpdir()


def report(name, period, *extra):
    out = os.path.join(root, name)
    rc, err = run("report", SAMPLE, "--period", period, "--out", out, "--as-of", "2026-04-30",
                  "-q", *extra)
    c.eq(f"report {period} {' '.join(extra)}: exit 0", rc, 0)
    if rc != 0:
        print(err)
    return out


def figures(out):
    """{(agency_id, metric_id): row} of the report period's agency and ALL rows."""
    rows = read_csv(os.path.join(out, "metrics.csv"))
    first = rows[0]["period_start"], rows[0]["period_end"]
    return {(r["agency_id"], r["metric_id"]): r for r in rows
            if (r["period_start"], r["period_end"]) == first and not r["team"]
            and not r["group"] and not r["metric_id"].startswith("info_")}


def quarters_sheet(out):
    wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
    if "Quarters" not in wb.sheetnames:
        return None, None, None
    ws = wb["Quarters"]
    rows = list(ws.iter_rows(min_row=5))
    header = [cell.value for cell in rows[0]]
    return ws, header, rows[1:]


def same(label, cell, row):
    """The workbook cell shows metrics.csv's figure row."""
    if row["rag"] in ("green", "amber", "red"):
        n, d = int(row["numerator"]), int(row["denominator"])
        ok = (isinstance(cell.value, float) or isinstance(cell.value, int)) and \
            abs(cell.value - n / d) < 1e-9 and f'" {row["rag"][0].upper()}' in cell.number_format
    else:
        ok = isinstance(cell.value, str) and row["rag"].replace("_", " ") in cell.value.lower() \
            or (row["rag"] == "no_data" and isinstance(cell.value, str))
    c.true(label, ok, (cell.value, cell.number_format, row["rag"], row["numerator"],
                       row["denominator"]))


def title_to_id(out):
    wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
    ws = wb["Summary"]
    return {r[0]: r[1] for r in ws.iter_rows(min_row=6, values_only=True) if r[0] and r[1]}


# --- a quarter: Q1 Q2 Q3, the year to date, Q3 a year before -----------------------
q3 = report("q3", "2025-26-Q3")
ws, header, rows = quarters_sheet(q3)
c.eq("the Quarters sheet's columns", header[4:],
     ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 to date", "2024-25 Q3"])
alone = {"2025-26 Q1": figures(report("q1", "2025-26-Q1")),
         "2025-26 Q2": figures(report("q2", "2025-26-Q2")),
         "2025-26 Q3": figures(q3),
         "2025-26 to date": figures(report("ytd", "2025-04-01:2025-12-31")),
         "2024-25 Q3": figures(report("lq3", "2024-25-Q3"))}
ids = title_to_id(q3)
checked = 0
for row in rows:
    agency, measure = row[0].value, row[3].value
    if agency is None:
        break
    mid = ids[measure]
    for i, label in enumerate(header[4:]):
        cell = row[4 + i]
        ends_with_p = label in ("2025-26 Q3", "2025-26 to date")
        if mid in SNAPSHOT and not ends_with_p:
            c.true(f"{agency} {mid} {label}: not covered (a staff-record snapshot)",
                   isinstance(cell.value, str) and "not covered" in cell.value.lower(),
                   cell.value)
        else:
            same(f"{agency} {mid} {label}: the figure of a report of that period",
                 cell, alone[label][(agency, mid)])
        checked += 1
c.true("every agency, the partnership and every rated measure checked", checked >= 7 * 20 * 5,
       checked)

# The PDF sets the same table under each area for the partnership.
text = subprocess.run(["pdftotext", "-layout", os.path.join(q3, "board-report.pdf"), "-"],
                      capture_output=True, text=True, check=True).stdout
c.eq("the PDF has a quarter-by-quarter table per area",
     text.count("Quarter by quarter: Partnership"), 5)
freq = text[text.index("Quarter by quarter: Partnership"):]
line = [ln for ln in freq.splitlines() if ln.strip().startswith("Supervision frequency")][0]
want = [alone[p][("ALL", "supervision_frequency")]["value"] + "%" for p in header[4:]]
c.eq("the PDF's frequency row is the five figures", re.findall(r"[0-9]+\.[0-9]%", line), want)
c.true("the PDF explains the snapshot columns",
       "Staff-record measures (agreements, observations, training) describe staff" in text)

# --- a year: its four quarters then the year ------------------------------------------
year = report("year", "2025-26")
ws, header, rows = quarters_sheet(year)
c.eq("a year's columns", header[4:],
     ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4", "2025-26"])
q4 = figures(report("q4", "2025-26-Q4"))
fy = figures(year)
ids = title_to_id(year)
for row in rows:
    if row[0].value != "ALL":
        continue
    mid = ids[row[3].value]
    same(f"year: ALL {mid} in Q4 (ends with the year: snapshots covered)", row[7], q4[("ALL", mid)])
    same(f"year: ALL {mid} for the year is the report period's", row[8], fy[("ALL", mid)])

# --- an agency's own pack: the table and its notes are the agency's ------------------
ncc = report("ncc", "2025-26", "--agency", "NCC")
ws, header, rows = quarters_sheet(ncc)
c.eq("an agency's Quarters sheet: the agency's rows only",
     sorted({r[0].value for r in rows if r[0].value and r[1].value}), ["NCC"])
name = [r[1].value for r in rows if r[0].value == "NCC"][0]
flags = [r[0].value for r in ws.iter_rows() if str(r[0].value or "").startswith("\u2021")]
c.true("an agency's Quarters sheet explains a flagged figure", flags, flags)
# a team's quarter figures are not in the table, so no note speaks of a team
c.true("every \u2021 note names the agency, as its table shows no team",
       flags and all(name in f for f in flags), flags)

# --- a month: no quarter-by-quarter table ---------------------------------------------
month = report("month", "2025-12")
ws, header, rows = quarters_sheet(month)
c.true("a month has no Quarters sheet", ws is None)
text = subprocess.run(["pdftotext", os.path.join(month, "board-report.pdf"), "-"],
                      capture_output=True, text=True, check=True).stdout
c.true("a month has no quarter-by-quarter table", "Quarter by quarter" not in text)

# --- with a history: the snapshot figures reported for Q1 fill the Q1 column ----------
hist = os.path.join(root, "history.sqlite")
q1h = report("q1h", "2025-26-Q1", "--history", hist)
q2h = report("q2h", "2025-26-Q2", "--history", hist)
ws, header, rows = quarters_sheet(q2h)
ids = title_to_id(q2h)
q1fig = figures(q1h)
for row in rows:
    if row[0].value != "ALL" or ids[row[3].value] != "agreement_current":
        continue
    cell = row[4]
    want = q1fig[("ALL", "agreement_current")]
    n, d = int(want["numerator"]), int(want["denominator"])
    c.true("with a history: Q1's agreement figure is the one reported for Q1, marked †",
           isinstance(cell.value, float) and abs(cell.value - n / d) < 1e-9
           and "\u2020" in cell.number_format, (cell.value, cell.number_format))
notes = [r[0].value for r in ws.iter_rows() if r[0].value and "Taken from the history" in
         str(r[0].value)]
c.true("with a history: the note says when Q1 was reported",
       notes and "2025-26 Q1 as reported on 30 Apr 2026" in notes[0], notes)

shutil.rmtree(root, ignore_errors=True)
c.done()
