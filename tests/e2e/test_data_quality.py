"""Data-quality flags (issue 16, part 5) on the reference fixture, 2025-26 Q3.

Worked out by hand from tests/fixtures/tiny/data (sessions.csv of each agency):

- TINY holds 16 one-to-ones in the quarter for staff in scope (S1 2, S2 5,
  S3 9). The notes date is filled, and not before the session, on 5 of them
  (S1 both; S2 7 Oct, 20 Oct and 5 Nov: 12 Nov's notes are dated 10 Nov,
  before the session, and 10 Dec's are blank) = 31 %. Whether notes were
  shared is filled on 5 (S1 Y and N; S2 yes, TRUE and 1: "maybe" is not an
  answer) = 31 %. The functions are filled on 7 (S1 2, S2 5) = 43 %, but
  TINY's functions_balance counts 3 staff: suppressed, so not flagged.
- TWO holds 5, every one with a notes date, a shared answer and functions.
- The partnership: notes date 10 of 21 = 47 %, shared 10 of 21 = 47 %,
  functions 12 of 21 = 57 % (functions_balance is rated for ALL: 3 of 5).
- The staff-record figures (agreement, observation, training) are all
  suppressed (denominators under 5): no flag.

So five figures are flagged at the default threshold of 80 %, weakest first:
TINY notes_timely, TINY notes_shared (both 5/16), ALL notes_timely, ALL
notes_shared (both 10/21), ALL functions_balance (12/21). With the
threshold set to 30 % in the standards file none is (31 % is not below 30 %).
"""
import os
import re
import shutil
import subprocess
import warnings

import openpyxl

from e2elib import TINY, Checks, run, tmpdir

warnings.simplefilter("ignore")
c = Checks()
MARK = "\u2021"


def report(out, *extra):
    rc, err = run("report", os.path.join(TINY, "data"), "--period", "2025-26-Q3", "--out", out,
                  "--as-of", "2026-01-15", "-q", *extra)
    c.eq(f"report {' '.join(extra)}: exit 0", rc, 0)
    if rc != 0:
        print(err)
    return rc


def pdf_text(path, first=None, last=None):
    cmd = ["pdftotext"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [path, "-"], capture_output=True, text=True, check=True).stdout


def flat(s):
    return re.sub(r"\s+", " ", s)


root = tmpdir()
out = os.path.join(root, "out")
report(out)
pdf = os.path.join(out, "board-report.pdf")
text = flat(pdf_text(pdf))

want_sentences = [
    f"{MARK} Tiny Borough Council fills the notes date on 31 % of its sessions: Notes recorded "
    "on time reflects recording as much as lateness.",
    f"{MARK} Tiny Borough Council fills whether notes were shared on 31 % of its sessions: "
    "Notes shared reflects recording as much as practice.",
    f"{MARK} Across the partnership the notes date is filled on 47 % of sessions: Notes "
    "recorded on time reflects recording as much as lateness.",
    f"{MARK} Across the partnership whether notes were shared is filled on 47 % of sessions: "
    "Notes shared reflects recording as much as practice.",
    f"{MARK} Across the partnership the functions discussed is filled on 57 % of sessions: All "
    "four functions covered reflects recording as much as practice.",
]
for s in want_sentences:
    c.true(f"the PDF explains the flag in words: {s[:60]}", s in text)
c.true("no flag for TWO (every field filled)", "Two Rivers Youth Trust fills" not in text)
c.true("no flag for a suppressed figure (TINY functions)",
       "Tiny Borough Council fills the functions" not in text)

# The board page: the weakest three, and how many in all.
board = flat(pdf_text(pdf, 2))
c.true("the board page counts the flags", "(5 flagged)" in board, board[-600:])
weak = re.search(r"Weakest recording behind the figures \(5 flagged\): (.*?); 2 more", board)
c.true("the board page names the weakest three, weakest first",
       weak is not None and weak.group(1) ==
       "Notes recorded on time at Tiny Borough Council (31 % filled), Notes shared at Tiny "
       "Borough Council (31 % filled) and Notes recorded on time at Partnership (47 % filled)",
       weak and weak.group(1))

# The tables mark the figure beside its value.
c.true("the area table marks TINY's notes figure", "18.8% " + MARK in text)
c.true("the area table marks the partnership's functions figure", "60.0% " + MARK in text)

# The workbook: the same figures marked, the share filled in the filterable table,
# every flag listed on the Board sheet.
wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
ws = wb["Agencies"]
header = [cell.value for cell in ws[5]]
marked = set()
for row in ws.iter_rows(min_row=7, max_row=12):
    for i, cell in enumerate(row):
        if MARK in (cell.number_format or ""):
            marked.add((row[1].value, header[i]))
c.eq("Agencies marks exactly the five flagged cells", sorted(marked), sorted([
    ("TINY", "Notes recorded on time"), ("TINY", "Notes shared"),
    ("ALL", "Notes recorded on time"), ("ALL", "Notes shared"),
    ("ALL", "All four functions covered")]))
ws = wb["Trend by agency"]
rows = list(ws.iter_rows(min_row=6, values_only=True))
fill = {(r[1], r[4]): r[9] for r in rows if r[0] == "2025-26 Q3"}
near = lambda a, b: a is not None and abs(a - b) < 1e-9
c.true("Field filled: TINY notes date 5/16", near(fill.get(("TINY", "Notes recorded on time")), 5 / 16))
c.true("Field filled: ALL notes shared 10/21", near(fill.get(("ALL", "Notes shared")), 10 / 21))
c.true("Field filled: ALL functions 12/21", near(fill.get(("ALL", "All four functions covered")), 12 / 21))
c.true("Field filled: TWO notes date 5/5", near(fill.get(("TWO", "Notes recorded on time")), 1.0))
c.eq("Field filled is blank for a suppressed figure",
     fill.get(("TINY", "All four functions covered")), None)
notes = [r[10] for r in rows if r[10]]
c.eq("the filterable table carries each flag's sentence", len(notes), 5)
board_ws = [r[0] for r in wb["Board"].iter_rows(values_only=True) if r[0]]
c.true("the Board sheet lists every flag",
       all(s in board_ws for s in want_sentences), [b for b in board_ws if MARK in str(b)])

# The threshold lives in the standards file: at 30 % nothing is flagged.
std = os.path.join(root, "standards.csv")
with open(std, "w", encoding="utf-8") as f:
    f.write("kind,id,agency_id,target,amber,direction,value,note\n"
            "setting,fill_flag_percent,,,,,30,\n")
out30 = os.path.join(root, "out30")
report(out30, "--standards", std)
text30 = flat(pdf_text(os.path.join(out30, "board-report.pdf")))
c.true("threshold 30 %: no flag in the PDF", MARK + " " not in text30.replace(
    "\u2021 rests on a field", ""))
c.true("threshold 30 %: the board says none is flagged",
       "No figure rests on a field filled in fewer than 30 % of the rows it counts." in text30)
shutil.rmtree(root, ignore_errors=True)
c.done()
