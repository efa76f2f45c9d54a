"""The history of reported figures (SPEC 8.1), end to end, on the sample
partnership cut quarter by quarter (scripts/cut-quarters.py):

- four quarters recorded one after the other: `oversight history` lists four
  runs, one line each; the export holds every run, the input files of each
  (as data_quality.csv) and the figures of each quarter (as metrics.csv);
- the Q4 pack's trend equals what was reported each quarter: every row of
  Q1-Q3 in its metrics.csv is the row that quarter's run reported, except the
  rows restatements.csv lists; the snapshot figures of Q1-Q3 (not covered by
  the extracts) come from the history, and the PDF and workbook mark them;
- a changed extract (one session recorded late, for a day of Q2) produces
  exactly the expected restatements.csv rows: every Q2 row whose numbers in
  the new extract differ from the reported ones, and the late session's own
  effect on POL and ALL;
- a run that fails (an --out that cannot be made, an output that cannot be
  written, --strict with rejected rows) records nothing;
- a file that is not an oversight history (not SQLite, another schema, a newer
  history version, damaged) is refused with exit 2 by report and by history,
  and left byte for byte as it was, with nothing beside it;
- two runs at once on one file both land whole; the history refuses UPDATE
  and DELETE."""
import csv
import filecmp
import os
import shutil
import sqlite3
import subprocess
import sys
import warnings

from e2elib import OVERSIGHT, Checks, read_csv, run, tmpdir

warnings.filterwarnings("ignore")
import openpyxl  # noqa: E402

c = Checks()
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PYTHON = os.environ.get("PYTHON", sys.executable)
AS_OF = {1: "2025-07-14", 2: "2025-10-14", 3: "2026-01-14", 4: "2026-04-30"}
PERIOD = {1: ("2025-04-01", "2025-06-30"), 2: ("2025-07-01", "2025-09-30"),
          3: ("2025-10-01", "2025-12-31"), 4: ("2026-01-01", "2026-03-31")}
SNAPSHOT = {"agreement_current", "observation_current", "supervisor_trained"}
KEY = ("agency_id", "team", "group", "metric_id")

d = tmpdir()
cut = os.path.join(d, "cut")
p = subprocess.run([PYTHON, os.path.join(ROOT, "scripts", "cut-quarters.py"),
                    os.path.join(ROOT, "sample-data"), cut, "2025-26"],
                   capture_output=True, text=True)
c.eq("cut-quarters.py runs", p.returncode, 0)


def data(q):
    return os.path.join(cut, f"data-Q{q}")


def report(q, out, history, *extra, trend=None, as_of=None):
    return run("report", data(q) if isinstance(q, int) else q, "--period",
               f"2025-26-Q{q if isinstance(q, int) else 2}", "--trend", str(trend or 1),
               "--out", out, "--as-of", as_of or AS_OF[q if isinstance(q, int) else 2],
               "--history", history, "-q", *extra)


def rows_of(path, period):
    return {tuple(r[k] for k in KEY): r for r in read_csv(path)
            if (r["period_start"], r["period_end"]) == period}


def history_lines(path):
    p = subprocess.run([OVERSIGHT, "history", path], capture_output=True, text=True)
    return p.returncode, [l for l in p.stdout.splitlines() if l.strip()], p.stderr


# ------------------------------------------------------------ four quarters recorded
hist = os.path.join(d, "history.sqlite")
outs = {}
for q in (1, 2, 3, 4):
    outs[q] = os.path.join(d, f"Q{q}")
    rc, err = report(q, outs[q], hist, trend=q)
    c.eq(f"Q{q}: exit status", rc, 0)
    if rc:
        print(err)
rc, lines, err = history_lines(hist)
c.eq("history lists: exit status", rc, 0)
c.eq("history lists four runs, one line each", len(lines), 4)
for q, line in zip((1, 2, 3, 4), lines):
    c.true(f"run {q}: its line names the run, date, quarter and scope",
           line.startswith(f"run {q} ") and AS_OF[q] in line and f"2025-26 Q{q}" in line
           and "partnership" in line and line.endswith("reported"), line)

exp = os.path.join(d, "export")
rc, err = run("history", hist, "--export", exp)
c.eq("history --export: exit status", rc, 0)
runs = read_csv(os.path.join(exp, "runs.csv"))
c.eq("runs.csv: the four runs", [(r["run_id"], r["run_date"], r["period_start"], r["scope"])
                                 for r in runs],
     [(str(q), AS_OF[q], PERIOD[q][0], "partnership") for q in (1, 2, 3, 4)])
c.true("runs.csv: program version and standards SHA-256 of each run",
       all(r["program_version"] and len(r["standards_sha256"]) == 64 for r in runs))
inputs = read_csv(os.path.join(exp, "inputs.csv"))
figures = read_csv(os.path.join(exp, "figures.csv"))
for q in (1, 2, 3, 4):
    dq = read_csv(os.path.join(outs[q], "data_quality.csv"))
    got = [(r["agency_id"], r["dataset"], r["status"], r["rows_read"], r["rows_accepted"],
            r["rows_rejected"], r["sha256"]) for r in inputs if r["run_id"] == str(q)]
    want = [(r["agency_id"], r["dataset"], r["status"], r["rows_read"], r["rows_accepted"],
             r["rows_rejected"], r["sha256"]) for r in dq]
    c.eq(f"inputs.csv of run {q} = its data_quality.csv", got, want)
    mine = {tuple(r[k] for k in ("agency_id", "team", "group", "metric_id")):
            (r["numerator"], r["denominator"], r["value"], r["rag"])
            for r in figures if r["run_id"] == str(q)}
    want = {k: (r["numerator"], r["denominator"], r["value"], r["rag"])
            for k, r in rows_of(os.path.join(outs[q], "metrics.csv"), PERIOD[q]).items()}
    c.true(f"figures.csv of run {q} = the quarter's rows of its metrics.csv",
           mine == want and len(mine) > 100, f"{len(mine)} vs {len(want)}")
    c.eq(f"runs.csv: figure count of run {q}", runs[q - 1]["figures"], str(len(want)))
c.eq("figures.csv: the group rows of audit_criteria and feedback_positive carry the group text "
     "metrics.csv writes",
     ({r["group"] for r in figures if r["metric_id"] == "audit_criteria" and r["group"]},
      {r["group"] for r in figures if r["metric_id"] == "feedback_positive" and r["group"]}),
     ({"wellbeing", "reflection", "development", "child_focus", "actions_reviewed",
       "actions_smart"}, {"regular", "reflective", "effective", "challenging", "supportive"}))

# ------------------------------------------------------------ the Q4 trend is what was reported
restated = read_csv(os.path.join(outs[4], "restatements.csv"))
restated_keys = {(r["period_start"], r["period_end"]) + tuple(r[k] for k in KEY)
                 for r in restated}
from_history = 0
for q in (1, 2, 3):
    reported = rows_of(os.path.join(outs[q], "metrics.csv"), PERIOD[q])
    trend = rows_of(os.path.join(outs[4], "metrics.csv"), PERIOD[q])
    c.eq(f"Q4 trend, Q{q}: the same rows as reported", sorted(trend), sorted(reported))
    differ = []
    for k, r in sorted(reported.items()):
        t = trend.get(k)
        if not t:
            continue
        if PERIOD[q] + k in restated_keys:
            continue
        if tuple(t[f] for f in ("numerator", "denominator", "value", "rag")) != \
                tuple(r[f] for f in ("numerator", "denominator", "value", "rag")):
            differ.append((k, r["numerator"], r["denominator"], r["rag"], t["numerator"],
                           t["denominator"], t["rag"]))
        if k[3] in SNAPSHOT and r["rag"] != "not_covered":
            from_history += 1
    c.eq(f"Q4 trend, Q{q}: every row not restated equals what Q{q} reported", differ[:5], [])
    snap = [k for k, t in trend.items() if k[3] in SNAPSHOT and t["rag"] == "not_covered"
            and reported[k]["rag"] != "not_covered"]
    c.eq(f"Q4 trend, Q{q}: no snapshot figure left not covered where one was reported", snap, [])
c.true("Q4 trend: snapshot figures of earlier quarters come from the history", from_history > 30,
       str(from_history))

# the same history, without --history: those figures are not covered
plain = os.path.join(d, "Q4-plain")
rc, _ = run("report", data(4), "--period", "2025-26-Q4", "--trend", "4", "--out", plain,
            "--as-of", AS_OF[4], "-q")
c.eq("Q4 without --history: exit status", rc, 0)
c.true("without --history no restatements.csv is written",
       not os.path.exists(os.path.join(plain, "restatements.csv")))
# restatements.csv is one of the run's set: in its manifest, and gone when a
# later run into the same folder compares with no history
again = os.path.join(d, "Q4-again")
shutil.copytree(outs[4], again)


def manifest_files(folder):
    with open(os.path.join(folder, "manifest.csv"), newline="", encoding="utf-8") as f:
        f.readline()  # the run line
        return [r["file"] for r in csv.DictReader(f)]


manifest = manifest_files(again)
c.true("restatements.csv is listed in manifest.csv", "restatements.csv" in manifest, manifest)
rc, _ = run("report", data(4), "--period", "2025-26-Q4", "--trend", "4", "--out", again,
            "--as-of", AS_OF[4], "-q")
c.eq("Q4 again without --history: exit status", rc, 0)
c.true("a later run without --history removes restatements.csv",
       not os.path.exists(os.path.join(again, "restatements.csv")))
c.true("... and its manifest no longer lists it",
       "restatements.csv" not in manifest_files(again))
q1 = rows_of(os.path.join(plain, "metrics.csv"), PERIOD[1])
c.eq("without --history the Q1 snapshot figures are not covered",
     {t["rag"] for k, t in q1.items() if k[3] in SNAPSHOT}, {"not_covered"})

pdf = subprocess.run(["pdftotext", "-layout", os.path.join(outs[4], "board-report.pdf"), "-"],
                     capture_output=True, text=True).stdout
c.true("PDF: figures from the history carry the mark", "% \u2020" in pdf)
c.true("PDF: the note says when they were reported",
       "as reported on 14 Jan 2026" in " ".join(pdf.split()))
c.true("PDF: restatements in How do we know?",
       "Figures restated since they were reported" in pdf)
wb = openpyxl.load_workbook(os.path.join(outs[4], "board-report.xlsx"))
ws = wb["Trend"]
marked = [cell.coordinate for row in ws.iter_rows() for cell in row
          if isinstance(cell.value, float) and "\u2020" in (cell.number_format or "")]
ids = {ws.cell(row=int("".join(ch for ch in co if ch.isdigit())), column=2).value for co in marked}
c.eq("workbook Trend: the marked figures are the snapshot measures", ids, SNAPSHOT)
notes = [cell.value for row in ws.iter_rows() for cell in row
         if isinstance(cell.value, str) and "as reported on" in cell.value]
c.true("workbook Trend: the note says when they were reported", notes, repr(notes[:1]))
know = [cell.value for row in wb["How do we know"].iter_rows() for cell in row]
c.true("workbook: restatements in How do we know",
       "Figures restated since they were reported" in know)

# ------------------------------------------------------------ exactly the expected restatements
# Q2 reported from the Q2 extract; then a Q3 pack (trend 2) from the Q3 extract
# with and without the late-recorded session.
h2 = os.path.join(d, "h2.sqlite")
rc, _ = report(2, os.path.join(d, "r-q2"), h2)
c.eq("Q2 recorded alone", rc, 0)
h2b = os.path.join(d, "h2b.sqlite")
shutil.copyfile(h2, h2b)
late = os.path.join(d, "data-Q3-late")
shutil.copytree(data(3), late)
without = os.path.join(d, "data-Q3-ontime")
shutil.copytree(data(3), without)
with open(os.path.join(without, "POL", "sessions.csv"), encoding="utf-8") as f:
    lines_ = f.read().splitlines(keepends=True)
c.true("the late session is the last row of POL's Q3 extract", "2025-08-15" in lines_[-1])
with open(os.path.join(without, "POL", "sessions.csv"), "w", encoding="utf-8") as f:
    f.writelines(lines_[:-1])
runs_ = {}
for name, src, h in (("late", late, h2), ("ontime", without, h2b)):
    out = os.path.join(d, f"r-q3-{name}")
    rc, err = run("report", src, "--period", "2025-26-Q3", "--trend", "2", "--out", out,
                  "--as-of", AS_OF[3], "--history", h, "-q")
    c.eq(f"Q3 pack ({name}): exit status", rc, 0)
    runs_[name] = out
reported = rows_of(os.path.join(d, "r-q2", "metrics.csv"), PERIOD[2])
for name, out in runs_.items():
    now = read_csv(os.path.join(out, "metrics.csv"))
    want = []
    for r in now:
        if (r["period_start"], r["period_end"]) != PERIOD[2]:
            continue
        rep = reported.get(tuple(r[k] for k in KEY))
        if not rep or not rep["denominator"] or not r["denominator"]:
            continue
        if (rep["numerator"], rep["denominator"]) != (r["numerator"], r["denominator"]):
            want.append([r["period_start"], r["period_end"], r["agency_id"], r["team"],
                         r["group"], r["metric_id"], rep["numerator"], rep["denominator"],
                         AS_OF[2], r["numerator"], r["denominator"]])
    with open(os.path.join(out, "restatements.csv"), newline="", encoding="utf-8") as f:
        got = list(csv.reader(f))
    c.eq(f"restatements.csv ({name}): header", got[0],
         ["period_start", "period_end", "agency_id", "team", "group", "metric_id",
          "reported_numerator", "reported_denominator", "reported_on", "numerator",
          "denominator"])
    c.eq(f"restatements.csv ({name}): exactly the Q2 rows whose numbers changed", got[1:], want)
    runs_[name] = {tuple(r[2:6]): r for r in got[1:]}
extra = {k: v for k, v in runs_["late"].items() if runs_["ontime"].get(k) != v}
c.true("the late session restates only POL and ALL rows",
       extra and {k[0] for k in extra} == {"ALL", "POL"}, repr(sorted({k[0] for k in extra})))
for agency in ("POL", "ALL"):
    for metric, dnum, dden in (("notes_timely", 0, 1), ("notes_shared", 1, 1),
                               ("cancellation_rate", 0, 1)):
        r = extra.get((agency, "", "", metric))
        c.true(f"late session: {agency} {metric} restated by {dnum}/{dden}",
               r and int(r[9]) - int(r[6]) == dnum and int(r[10]) - int(r[7]) == dden, repr(r))

# ------------------------------------------------------------ a failed run records nothing
snap_bytes = open(hist, "rb").read()
blocker = os.path.join(d, "a-file")
open(blocker, "w").write("not a folder\n")
rc, err = report(4, os.path.join(blocker, "out"), hist, trend=4)
c.eq("unwritable --out: exit 4", rc, 4)
c.true("unwritable --out: the history is unchanged", open(hist, "rb").read() == snap_bytes)
late_fail = os.path.join(d, "late-fail")
os.makedirs(os.path.join(late_fail, "board-report.pdf"))  # the PDF cannot be put in place
rc, err = report(4, late_fail, hist, trend=4)
c.eq("an output that cannot be written: exit 4", rc, 4)
c.true("an output that cannot be written: the history is unchanged",
       open(hist, "rb").read() == snap_bytes)
for name in ("restatements.csv", "board-report.pdf"):
    p = subprocess.run([OVERSIGHT, "report", data(4), "--period", "2025-26-Q4", "--trend", "4",
                        "--out", os.path.join(d, "full-disk"), "--as-of", AS_OF[4],
                        "--history", hist, "-q"],
                       capture_output=True, text=True,
                       env=dict(os.environ, OVERSIGHT_TEST_FAIL=name))
    c.eq(f"disk full while writing {name}: exit 4", p.returncode, 4)
    c.true(f"disk full while writing {name}: the history is unchanged",
           open(hist, "rb").read() == snap_bytes)
rc, err = report(4, os.path.join(d, "strict"), hist, "--strict", trend=4)
c.eq("--strict with rejected rows: exit 1", rc, 1)
c.true("--strict with rejected rows: the history is unchanged",
       open(hist, "rb").read() == snap_bytes)
fresh = os.path.join(d, "never.sqlite")
rc, _ = report(4, os.path.join(blocker, "out"), fresh, trend=4)
c.true("a failed run does not even create a new history", not os.path.exists(fresh))
c.eq("history still lists four runs", len(history_lines(hist)[1]), 4)

# ------------------------------------------------------------ files that are not a history
foreign = os.path.join(d, "foreign")
os.makedirs(foreign)


def sqlite_file(name, sql):
    path = os.path.join(foreign, name)
    con = sqlite3.connect(path)
    con.executescript(sql)
    con.commit()
    con.close()
    return path


cases = []
p_text = os.path.join(foreign, "notes.sqlite")
open(p_text, "w").write("run 1, 2025-26 Q1\n" * 200)
cases.append(("a text file", p_text))
cases.append(("another application's SQLite database",
              sqlite_file("other.sqlite", "CREATE TABLE runs (id INTEGER, what TEXT);"
                          "INSERT INTO runs VALUES (1, 'x');")))
cases.append(("an SQLite database with no table",
              sqlite_file("empty.sqlite", "PRAGMA user_version = 1;")))
newer = os.path.join(foreign, "newer.sqlite")
shutil.copyfile(hist, newer)
con = sqlite3.connect(newer)
con.execute("PRAGMA user_version = 2")
con.commit()
con.close()
cases.append(("a history of a newer version", newer))
damaged = os.path.join(foreign, "damaged.sqlite")
raw = bytearray(open(hist, "rb").read())
for i in range(4096 * 3, min(len(raw), 4096 * 3 + 2000)):
    raw[i] = 0x5A
open(damaged, "wb").write(bytes(raw))
cases.append(("a damaged history", damaged))
cut_short = os.path.join(foreign, "truncated.sqlite")
open(cut_short, "wb").write(open(hist, "rb").read()[:4096 * 2 + 100])
cases.append(("a truncated history", cut_short))
before_names = sorted(os.listdir(foreign))
for what, path in cases:
    before = open(path, "rb").read()
    out = os.path.join(d, "refused-" + os.path.basename(path))
    rc, err = report(4, out, path, trend=4)
    errs = [l for l in err.splitlines() if l.startswith("oversight: error")]
    c.eq(f"{what}: report exits 2", rc, 2)
    plain = not any(w in errs[0] for w in ("SQLITE_", "file is not a database",
                                            "malformed", "error code")) if errs else False
    c.true(f"{what}: one plain error line naming the file (no SQLite code)",
           len(errs) == 1 and path in errs[0] and plain, err.strip()[:300])
    c.true(f"{what}: nothing is written (the check comes first)", not os.path.exists(out))
    rc, lines, err = history_lines(path)
    c.eq(f"{what}: history exits 2", rc, 2)
    c.true(f"{what}: left byte for byte as it was", open(path, "rb").read() == before)
c.eq("nothing was created beside the refused files", sorted(os.listdir(foreign)), before_names)
rc, _ = run("history", os.path.join(d, "no-such.sqlite"))
c.eq("history of a missing file: exit 2", rc, 2)

# ------------------------------------------------------------ two runs at once
both = os.path.join(d, "both.sqlite")
procs = []
for q in (1, 2, 3, 4):
    procs.append(subprocess.Popen(
        [OVERSIGHT, "report", data(q), "--period", f"2025-26-Q{q}", "--out",
         os.path.join(d, f"both-Q{q}"), "--as-of", AS_OF[q], "--history", both, "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
rcs = [p.wait() for p in procs]
c.eq("four runs at once on a new history: all exit 0", rcs, [0, 0, 0, 0])
rc, lines, _ = history_lines(both)
c.eq("four runs at once: four runs recorded", len(lines), 4)
exp2 = os.path.join(d, "export2")
run("history", both, "--export", exp2, check_rc=0)
figs = read_csv(os.path.join(exp2, "figures.csv"))
by_run = {}
for r in read_csv(os.path.join(exp2, "runs.csv")):
    by_run[r["run_id"]] = (r["period_start"], int(r["figures"]))
whole = all(sum(1 for f in figs if f["run_id"] == rid) == n for rid, (_, n) in by_run.items())
c.true("four runs at once: each recorded whole", whole and len(by_run) == 4)
c.eq("four runs at once: one of each quarter", sorted(p for p, _ in by_run.values()),
     sorted(PERIOD[q][0] for q in (1, 2, 3, 4)))

# ------------------------------------------------------------ append-only
con = sqlite3.connect(both)
for sql in ("UPDATE figures SET numerator = 0", "DELETE FROM runs", "UPDATE runs SET scope = 'x'",
            "DELETE FROM inputs"):
    try:
        con.execute(sql)
        con.commit()
        ok = False
    except sqlite3.DatabaseError:
        ok = True
        con.rollback()
    c.true(f"the history refuses: {sql}", ok)
con.close()

# ------------------------------------------------------------ an agency's own pack
ag = os.path.join(d, "agency.sqlite")
for q in (1, 2):
    rc, _ = report(q, os.path.join(d, f"ag-Q{q}"), ag, "--agency", "POL", trend=q)
    c.eq(f"--agency POL Q{q}: exit status", rc, 0)
rc, lines, _ = history_lines(ag)
c.true("--agency runs are recorded with their scope", len(lines) == 2 and
       all("agency POL" in l for l in lines), repr(lines))
run("history", ag, "--export", os.path.join(d, "export3"), check_rc=0)
c.eq("--agency: only the agency's figures are recorded",
     {r["agency_id"] for r in read_csv(os.path.join(d, "export3", "figures.csv"))}, {"POL"})

shutil.rmtree(d)
c.done()
