"""template DIR --xlsx (SPEC 8.3): the collection workbook has a Read me sheet
and one sheet per agency dataset with its header frozen, a note on each column,
drop-down lists on code and yes/no columns, date validation (1990-2100) and
whole numbers; it is never written over unless --force; filled in with valid
rows it reads back with no rejection; LibreOffice opens and converts it (when
soffice is installed: the test says so and skips that part otherwise)."""
import datetime
import os
import shutil
import subprocess

import openpyxl

from e2elib import Checks, read_csv, run, tmpdir

c = Checks()
work = tmpdir()
book = os.path.join(work, "supervision-return.xlsx")

rc, err = run("template", work, "--xlsx", "--agency", "NCC")
c.eq("template --xlsx: exit status", rc, 0)
c.true("supervision-return.xlsx written", os.path.isfile(book))
with open(book, "rb") as f:
    first = f.read()
rc, err = run("template", work, "--xlsx")
c.eq("an existing workbook is refused (exit 2)", rc, 2)
c.true("the refusal says what to do", "--force" in err, err)
with open(book, "rb") as f:
    c.true("the existing workbook is left as it was", f.read() == first)
rc, err = run("template", work, "--xlsx", "--agency", "../x")
c.eq("--agency must be an agency id", rc, 2)
rc, err = run("template", work, "--agency", "NCC")
c.eq("--agency without --xlsx is a usage error", rc, 2)

wb = openpyxl.load_workbook(book)
c.eq("sheets", wb.sheetnames, ["Read me", "Staff", "Sessions", "Absences", "Group sessions",
                               "Cases", "Case oversight", "Assessments", "Supervision audits",
                               "Feedback"])
readme = wb["Read me"]
c.eq("the agency id is in the Read me sheet", readme["B3"].value, "NCC")
lists = {}
for name in wb.sheetnames[1:]:
    ws = wb[name]
    c.eq(f"{name}: header frozen", ws.freeze_panes, "A2")
    heads = [cell for cell in ws[1] if cell.value]
    c.true(f"{name}: a note on every column", all(h.comment and h.comment.text for h in heads))
    for dv in ws.data_validations.dataValidation:
        for col in str(dv.sqref).split():
            lists[(name, ws[col.split(":")[0]].column_letter and
                   ws.cell(1, ws[col.split(":")[0]].column).value)] = dv
c.eq("sessions type: drop-down of the codes", lists[("Sessions", "type")].formula1,
     '"one_to_one,ad_hoc,group,peer"')
c.eq("sessions status: drop-down", lists[("Sessions", "status")].formula1, '"held,cancelled"')
c.eq("yes/no: drop-down", lists[("Staff", "frequent_contact")].formula1, '"Y,N"')
c.eq("schedule: drop-down", lists[("Staff", "schedule")].type, "list")
c.eq("category: drop-down", lists[("Cases", "category")].type, "list")
d = lists[("Sessions", "date")]
c.eq("dates: 1990-01-01 to 2100-12-31", (d.type, d.formula1, d.formula2),
     ("date", "32874", "73415"))
w = lists[("Sessions", "duration_minutes")]
c.eq("durations: whole numbers 1-1440", (w.type, w.formula1, w.formula2), ("whole", "1", "1440"))
c.eq("attendees: whole numbers", lists[("Group sessions", "attendees")].type, "whole")
c.eq("grade: drop-down", lists[("Supervision audits", "grade")].formula1,
     '"outstanding,good,requires_improvement,inadequate"')
c.eq("audit criteria: yes/no drop-down", lists[("Supervision audits", "child_focus")].formula1,
     '"Y,N"')
c.eq("agreement scale: drop-down", lists[("Feedback", "supportive")].type, "list")
c.eq("Feedback: anonymous, no staff_id column",
     "staff_id" in [cell.value for cell in wb["Feedback"][1]], False)

rc, err = run("template", work, "--xlsx", "--force")
c.eq("--force replaces it", rc, 0)
wb = openpyxl.load_workbook(book)
c.eq("a blank workbook has no agency id", wb["Read me"]["B3"].value, None)

# Filled in by an agency, with valid rows, then read back.
D = datetime.date
wb["Staff"].append(["S1", "Team A", "Social worker", "asye", D(2025, 1, 6), "S2", D(2025, 1, 6),
                    None, "Y", D(2025, 1, 20), D(2025, 7, 1), D(2025, 6, 1), D(2025, 2, 1), None])
wb["Staff"].append(["S2", "Team A", "Team manager", "standard", None, None, D(2015, 3, 2), None,
                    "N", None, None, None, D(2024, 5, 1), D(2019, 1, 1)])
wb["Sessions"].append(["S1", "S2", D(2025, 5, 1), "one_to_one", "held", 60, D(2025, 5, 3), "Y",
                       "management; support"])
wb["Sessions"].append(["S1", "S2", D(2025, 6, 2), "ad_hoc", "cancelled", None, None, "N", None])
wb["Absences"].append(["S1", D(2025, 7, 1), D(2025, 9, 30), "parental leave"])
wb["Group sessions"].append(["Team A", D(2025, 5, 20), "S2", 6])
wb["Cases"].append(["C1", "cp", D(2025, 1, 10), None, "S1"])
wb["Case oversight"].append(["C1", D(2025, 2, 1), "S2"])
wb["Assessments"].append(["C1", D(2025, 1, 10), D(2025, 2, 20), D(2025, 1, 18), D(2025, 1, 30)])
wb["Supervision audits"].append(["S1", D(2025, 5, 10), "good", D(2025, 5, 1), "S2", "Y", "Y",
                                 "N", "Y", None, "Y"])
wb["Feedback"].append([D(2025, 6, 15), "Team A", 4, "agree", 5, "neither", 4])
agency = os.path.join(work, "AG1")
os.makedirs(agency)
filled = os.path.join(agency, "supervision-return.xlsx")
wb.save(filled)


def check_reads_back(label, folder):
    out = os.path.join(work, "out-" + label)
    rc, err = run("validate", folder, "--out", out)
    c.eq(f"{label}: validate exit status", rc, 0)
    rej = read_csv(os.path.join(out, "rejections.csv"))
    c.eq(f"{label}: no rejection, warning or note", [(r["file"], r["line"], r["code"])
                                                     for r in rej], [])
    dq = {r["dataset"]: r for r in read_csv(os.path.join(out, "data_quality.csv"))}
    c.eq(f"{label}: every sheet received with its rows",
         {k: (v["status"], v["rows_accepted"]) for k, v in dq.items()},
         {"staff": ("received", "2"), "sessions": ("received", "2"),
          "absences": ("received", "1"), "group_sessions": ("received", "1"),
          "cases": ("received", "1"), "case_oversight": ("received", "1"),
          "assessments": ("received", "1"), "supervision_audits": ("received", "1"),
          "feedback": ("received", "1")})


check_reads_back("filled-in", agency)

soffice = shutil.which("soffice") or shutil.which("libreoffice")
if not soffice:
    print("note: soffice is not installed (Debian package libreoffice-calc-nogui); the "
          "LibreOffice part of this test is skipped")
else:
    env = dict(os.environ, HOME=os.path.join(work, "home"))
    lo = os.path.join(work, "lo")
    for src, fmt in ((book, "pdf"), (filled, "xlsx:Calc MS Excel 2007 XML")):
        p = subprocess.run([soffice, "--headless", "--norestore", "--convert-to", fmt,
                            "--outdir", lo, src], capture_output=True, text=True, env=env,
                           timeout=300)
        c.eq(f"LibreOffice converts {os.path.basename(os.path.dirname(src))} to "
             f"{fmt.split(':')[0]}: exit status", p.returncode, 0)
    c.true("LibreOffice wrote the PDF", os.path.getsize(os.path.join(lo,
                                                                     "supervision-return.pdf")))
    again = os.path.join(work, "AG2")
    os.makedirs(again)
    shutil.copy(os.path.join(lo, "supervision-return.xlsx"), again)
    check_reads_back("saved-by-libreoffice", again)
shutil.rmtree(work)
c.done()
