"""The workbook prints and reads like the report: every sheet has print titles
and a frozen header; every wrapped cell's row is tall enough for its lines
(the same estimate of a line as the program's: 1.2 characters of 10-point
Arial to a unit of column width); no cell shows an absolute path (files are
named relative to the data folder, templates by their file name); optional
files an agency did not send read "not sent", required ones "missing"; agency
names fit their column."""
import math
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import Checks, run, tmpdir  # noqa: E402

import openpyxl  # noqa: E402

warnings.simplefilter("ignore")
c = Checks()
root = tmpdir()
for label, extra in (("partnership", []), ("NCC's own", ["--agency", "NCC"])):
    out = os.path.join(root, label.replace("'", "").replace(" ", "-"))
    rc, err = run("report", os.path.abspath("sample-data"), "--period", "2025-26", "--trend", "2",
                  "--out", out, "--as-of", "2026-04-30", "-q", *extra)
    c.eq(f"{label}: exit 0", rc, 0)
    wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
    for ws in wb.worksheets:
        c.true(f"{label} {ws.title}: print titles", bool(ws.print_title_rows))
        c.true(f"{label} {ws.title}: frozen header", bool(ws.freeze_panes))
        short = []
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if not isinstance(v, str):
                    continue
                c_abs = v.startswith("/") or os.getcwd() in v
                if c_abs:
                    short.append(("absolute path", cell.coordinate, v[:60]))
                if cell.alignment is not None and cell.alignment.wrap_text:
                    width = ws.column_dimensions[cell.column_letter].width or 8.43
                    per = max(width * 1.2 - 1, 4)
                    lines = sum(max(1, math.ceil(len(p) / per)) for p in v.split("\n"))
                    h = ws.row_dimensions[cell.row].height
                    if lines > 1 and (h is None or h < 12.75 * lines):
                        short.append(("row too short", cell.coordinate, lines, h))
        c.eq(f"{label} {ws.title}: wrapped rows tall enough, no absolute path", short[:3], [])
    know = wb["How do we know"]
    words = {cell.value for row in know.iter_rows() for cell in row if isinstance(cell.value, str)}
    if not extra:  # NCC sends every file; the others send only staff and sessions (and absences)
        c.true(f"{label}: optional files not sent read 'not sent'", "not sent" in words)
    c.true(f"{label}: no optional file is called missing",
           not any(row[1].value in ("cases", "assessments", "group_sessions", "absences")
                   and row[3].value == "missing" for row in know.iter_rows()))
    ag = wb["Agencies"]
    width = ag.column_dimensions["A"].width
    longest = max(len(cell.value) for cell in ag["A"][6:] if isinstance(cell.value, str)
                  and not cell.value.startswith(("Legend", "Target")))
    c.true(f"{label}: agency names fit their column", width * 1.2 >= longest,
           f"width {width}, longest {longest}")
c.done()
