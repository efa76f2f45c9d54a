"""Workbooks in (SPEC 8.3): the sample partnership sent as Excel workbooks, some
agencies one <dataset>.xlsx per dataset, others one supervision-return.xlsx
with a sheet per dataset (sheet names as people write them, a notes sheet
first), and actions.xlsx for the board office, with dates as real date cells,
whole numbers as numbers and TRUE/FALSE as booleans. The figures must be
those of the CSV run, and the rejections at the same rows (agency, dataset,
line, field, code); only the file column differs, naming the workbook.
W-ENCODING is the one exception: it says a CSV file was not UTF-8, which a
workbook cannot be."""
import glob
import os
import shutil
import sys

from e2elib import Checks, read_csv, run, tmpdir

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import to_xlsx  # noqa: E402

SHEETS = {"staff": "Staff", "sessions": "Sessions", "group_sessions": "Group Sessions",
          "case_oversight": "Case Oversight", "cases": "Cases", "absences": "Absences",
          "assessments": "Assessments", "supervision_audits": "Supervision Audits",
          "feedback": "Feedback"}
PER_DATASET = ["NHT", "POL", "EDU"]
ONE_BOOK = ["NCC", "CHY", "PRB"]

c = Checks()
work = tmpdir()
csv_dir = os.path.join(work, "csv")
x_dir = os.path.join(work, "xlsx")
shutil.copytree("sample-data", csv_dir)
shutil.copytree("sample-data", x_dir)
for ag in PER_DATASET:
    for f in glob.glob(os.path.join(x_dir, ag, "*.csv")):
        name = os.path.splitext(os.path.basename(f))[0]
        to_xlsx.write_book(f[:-4] + ".xlsx", [(name, f)])
        os.remove(f)
for ag in ONE_BOOK:
    files = sorted(glob.glob(os.path.join(x_dir, ag, "*.csv")))
    to_xlsx.write_book(os.path.join(x_dir, ag, "supervision-return.xlsx"),
                       [(SHEETS[os.path.basename(f)[:-4]], f) for f in files],
                       extra_first="Read me")
    for f in files:
        os.remove(f)
actions = os.path.join(x_dir, "actions.csv")
to_xlsx.write_book(os.path.join(x_dir, "actions.xlsx"), [("actions", actions)])
os.remove(actions)

outs = {}
for name, data in (("csv", csv_dir), ("xlsx", x_dir)):
    out = os.path.join(work, "out-" + name)
    rc, err = run("report", data, "--period", "2025-26", "--trend", "2", "--as-of", "2026-04-30",
                  "--out", out)
    c.eq(f"{name} run: exit status", rc, 0)
    outs[name] = out

with open(os.path.join(outs["csv"], "metrics.csv"), "rb") as f:
    m_csv = f.read()
with open(os.path.join(outs["xlsx"], "metrics.csv"), "rb") as f:
    m_x = f.read()
c.true("metrics.csv identical to the CSV run", m_csv == m_x and len(m_csv) > 1000)


def keys(out, skip=()):
    return [(r["agency_id"], r["line"], r["field"], r["code"])
            for r in read_csv(os.path.join(out, "rejections.csv")) if r["code"] not in skip]


c.eq("rejections at the same rows (agency, line, field, code)",
     keys(outs["xlsx"]), keys(outs["csv"], skip=("W-ENCODING",)))
rej = read_csv(os.path.join(outs["xlsx"], "rejections.csv"))
files = {(r["agency_id"], r["code"]): r["file"] for r in rej}
c.eq("a sheet's rejection names the workbook and sheet",
     files[("NCC", "E-DATE")], "supervision-return.xlsx#sessions")
c.eq("a workbook's rejection names the workbook", files[("POL", "E-CODE")], "sessions.xlsx")
c.eq("a value past the header is E-RAGGED in a sheet too", files[("PRB", "E-RAGGED")],
     "supervision-return.xlsx#sessions")

dq_csv = {(r["agency_id"], r["dataset"]): r for r in read_csv(os.path.join(outs["csv"],
                                                                          "data_quality.csv"))}
dq_x = read_csv(os.path.join(outs["xlsx"], "data_quality.csv"))
for r in dq_x:
    k = (r["agency_id"], r["dataset"])
    want = dq_csv[k]
    c.eq(f"{k}: same status and counts",
         (r["status"], r["rows_read"], r["rows_accepted"], r["rows_rejected"]),
         (want["status"], want["rows_read"], want["rows_accepted"], want["rows_rejected"]))
by = {(r["agency_id"], r["dataset"]): r for r in dq_x}
c.eq("provenance names workbook and sheet", by[("NCC", "group_sessions")]["file"],
     "NCC/supervision-return.xlsx#group_sessions")
c.eq("provenance of a dataset workbook", by[("NHT", "sessions")]["file"], "NHT/sessions.xlsx")
c.eq("provenance of a partnership workbook", by[("", "actions")]["file"], "actions.xlsx")
book = os.path.join(x_dir, "NCC", "supervision-return.xlsx")
import hashlib  # noqa: E402
with open(book, "rb") as f:
    digest = hashlib.sha256(f.read()).hexdigest()
c.eq("a sheet's SHA-256 is its workbook's", by[("NCC", "cases")]["sha256"], digest)
shutil.rmtree(work)
c.done()
