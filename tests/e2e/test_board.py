"""The board on one page (page 2 of the PDF, the first sheet of the workbook),
tried with what breaks pages: 30 agencies with 60-character names, an agency
with no rated figure (too few staff: every figure suppressed), a measure with
every agency suppressed, 500 overdue actions; then 35 agencies, where the page
lists the 20 with most reds and the workbook's Board sheet has them all."""
import os
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import Checks, run, tmpdir, write  # noqa: E402

import openpyxl  # noqa: E402

warnings.simplefilter("ignore")
c = Checks()


def partnership(root, nagencies):
    """A partnership of nagencies with long names; agency A00 has one member of
    staff (every figure suppressed), the others six; the odd ones miss November;
    each agency has one cancelled session (cancellations rearranged: every
    agency suppressed)."""
    ids = [f"A{i:02d}" for i in range(nagencies)]
    names = {}
    rows = ["agency_id,name,type"]
    for i, a in enumerate(ids):
        name = f"Agency {i:02d} of the partnership with a deliberately long name"
        name = (name + " " + "x" * 60)[:60]
        names[a] = name
        rows.append(f"{a},{name},other")
    write(os.path.join(root, "agencies.csv"), "\n".join(rows) + "\n")
    months = ["2025-10-06", "2025-11-03", "2025-12-01"]
    for i, a in enumerate(ids):
        nstaff = 1 if i == 0 else 6
        staff = ["staff_id,team,start_date"] + [f"{a}S{k},Team {k % 2},2020-01-01"
                                                 for k in range(nstaff)]
        sess = ["staff_id,date,type,status,notes_recorded_date"]
        for k in range(nstaff):
            for j, d in enumerate(months):
                if i % 2 and j == 1 and k < 4:
                    continue  # misses November: red frequency
                sess.append(f"{a}S{k},{d},one_to_one,held,{d}")
        sess.append(f"{a}S0,2025-10-20,one_to_one,cancelled,")
        write(os.path.join(root, a, "staff.csv"), "\n".join(staff) + "\n")
        write(os.path.join(root, a, "sessions.csv"), "\n".join(sess) + "\n")
    acts = ["action_id,agency_id,metric_id,description,owner,due_date,status"]
    for k in range(500):
        acts.append(f"X{k:03d},{ids[k % nagencies]},supervision_frequency,Do it,Owner,"
                    f"2025-{1 + k % 12:02d}-{1 + k % 28:02d},open")
    write(os.path.join(root, "actions.csv"), "\n".join(acts) + "\n")
    return ids, names


def page_text(pdf, page):
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout


root = tmpdir()
data = os.path.join(root, "thirty")
ids, names = partnership(data, 30)
out = os.path.join(root, "out30")
rc, err = run("report", data, "--period", "2025-26-Q3", "--out", out, "--as-of", "2026-04-30",
              "-q")
c.eq("30 agencies: exit 0", rc, 0)
pdf = os.path.join(out, "board-report.pdf")
p2, p3 = page_text(pdf, 2), page_text(pdf, 3)
c.true("page 2 is the board", "The board on one page" in p2)
c.true("the board fits one page: page 3 is the contents",
       p3.strip().splitlines()[1:2] == ["Contents"] or "\nContents\n" in p3[:200])
c.true("the board fits one page: its last block is on page 2", "Decisions asked of the board" in p2)
missing = [a for a in ids if names[a] not in p2 and f"({a})" not in p2]
c.eq("page 2 names every agency (in full, or cut with its id)", missing, [])
c.true("page 2 has the partnership row", "\nPartnership" in p2 or " Partnership " in p2)
c.true("500 overdue actions: the oldest ten, then how many more",
       "Overdue improvement actions: 500" in p2 and "and 490 more" in p2)
c.true("the oldest action comes first", p2.index("X000,") < p2.index("and 490 more")
       if "X000," in p2 else False)
c.true("decisions asked of the board", "Decisions asked of the board" in p2)
row = [ln for ln in p2.splitlines() if "(A00)" in ln or names["A00"] in ln]
c.true("A00 (no rated figure) shows suppressed marks and no rating",
       row and " s " in row[0] + " " and "G" not in row[0].split(")")[-1], repr(row))
wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
c.eq("the workbook opens on the Board sheet", wb.sheetnames[0], "Board")
ws = wb["Board"]
listed = {r[1].value for r in ws.iter_rows() if r[1].value in ids}
c.eq("Board sheet: a row per agency", len(listed), 30)

data = os.path.join(root, "thirtyfive")
ids, names = partnership(data, 35)
out = os.path.join(root, "out35")
rc, err = run("report", data, "--period", "2025-26-Q3", "--out", out, "--as-of", "2026-04-30",
              "-q")
c.eq("35 agencies: exit 0", rc, 0)
pdf = os.path.join(out, "board-report.pdf")
p2, p3 = page_text(pdf, 2), page_text(pdf, 3)
shown = [a for a in ids if names[a] in p2 or f"({a})" in p2]
c.eq("35 agencies: the page lists 20", len(shown), 20)
c.true("35 agencies: the page says 15 more are on the workbook's Board sheet",
       "15 more are on the workbook's Board" in p2.replace("\n", " "))
c.true("35 agencies: still one page", "Decisions asked of the board" in p2)
ws = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))["Board"]
listed = {r[1].value for r in ws.iter_rows() if r[1].value in ids}
reds = {r[1].value: r[-1].value for r in ws.iter_rows() if r[1].value in ids}
left = [a for a in ids if a not in shown]
c.true("35 agencies: the page lists those with most reds",
       min(reds[a] for a in shown) >= max(reds[a] for a in left),
       repr((sorted(reds[a] for a in shown), sorted(reds[a] for a in left))))
c.eq("35 agencies: the Board sheet has them all", len(listed), 35)
c.done()
