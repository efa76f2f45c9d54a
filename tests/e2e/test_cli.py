"""The command line as a person meets it: help and version, usage errors with
one clear line and exit 2, blank collection templates that validate cleanly once
filled in and never overwrite a file (--force replaces), a run date in 1990-2100
from --as-of or SOURCE_DATE_EPOCH, and outputs written only through temporary
files."""
import os
import shutil
import subprocess

from e2elib import OVERSIGHT, TINY, Checks, read_csv, run, tmpdir, write

c = Checks()
d = tmpdir()

p = subprocess.run([OVERSIGHT, "--help"], capture_output=True, text=True)
c.eq("--help exits 0", p.returncode, 0)
c.true("--help shows the report command", "oversight report" in p.stdout)
p = subprocess.run([OVERSIGHT, "--version"], capture_output=True, text=True)
c.true("--version prints the version", p.stdout.startswith("oversight "))

data = os.path.join(TINY, "data")
for args, what in [
    (["report", data], "report without --period"),
    (["report", data, "--period", "2025-27"], "impossible financial year"),
    (["report", data, "--period", "2025-13"], "month 13"),
    (["report", data, "--period", "2025-12-31:2025-10-01"], "end before start"),
    (["report", data, "--period", "2025-26-Q3", "--as-of", "31/12/2025"], "--as-of not ISO"),
    (["report", data, "--period", "2025-26-Q3", "--trend", "0"], "--trend 0"),
    (["report", data, "--period", "2025-26-Q3", "--name", "../x"], "--name with a folder"),
    (["report", data, "--period", "2025-26-Q3", "--agency", "NOPE", "--out", d + "/o1"],
     "unknown --agency"),
    (["report", data, "--period", "2025-26-Q3", "--standards", d + "/none.csv",
      "--out", d + "/o2"], "missing standards file"),
    (["frobnicate"], "unknown command"),
]:
    rc, err = run(*args)
    # the fixture's broken TWO/absences.csv has its own error line once data is read
    lines = [l for l in err.splitlines() if l.startswith("oversight: error")
             and "TWO/absences.csv" not in l]
    c.eq(f"{what}: exit 2", rc, 2)
    c.true(f"{what}: one error line", len(lines) == 1, err.strip()[:200])

# template DIR writes every file with the canonical headers
tpl = os.path.join(d, "tpl")
rc, _ = run("template", tpl)
c.eq("template exits 0", rc, 0)
files = sorted(os.listdir(tpl)) + sorted(os.listdir(os.path.join(tpl, "AGENCY_ID")))
c.eq("template files", files, ["AGENCY_ID", "actions.csv", "agencies.csv", "commentary.csv",
                                "section11.csv", "absences.csv", "assessments.csv",
                                "case_oversight.csv", "cases.csv", "feedback.csv",
                                "group_sessions.csv", "sessions.csv", "staff.csv",
                                "supervision_audits.csv"])
with open(os.path.join(tpl, "AGENCY_ID", "supervision_audits.csv")) as f:
    c.eq("supervision_audits template header", f.read().strip(),
         "staff_id,audit_date,grade,session_date,auditor_id,wellbeing,reflection,development,"
         "child_focus,actions_reviewed,actions_smart")
with open(os.path.join(tpl, "AGENCY_ID", "feedback.csv")) as f:
    c.eq("feedback template header (anonymous: no staff_id)", f.read().strip(),
         "response_date,team,regular,reflective,effective,challenging,supportive")
with open(os.path.join(tpl, "AGENCY_ID", "sessions.csv")) as f:
    c.eq("sessions template header", f.read().strip(),
         "staff_id,supervisor_id,date,type,status,duration_minutes,notes_recorded_date,"
         "notes_shared,functions")
# filled in, the templates validate with nothing to say
os.rename(os.path.join(tpl, "AGENCY_ID"), os.path.join(tpl, "AG1"))
with open(os.path.join(tpl, "agencies.csv"), "a") as f:
    f.write("AG1,Agency One,police,,,\n")
with open(os.path.join(tpl, "AG1", "staff.csv"), "a") as f:
    f.write("P1,Team A,,,,,2024-01-01,,Y,,,,,\n")
with open(os.path.join(tpl, "AG1", "sessions.csv"), "a") as f:
    f.write("P1,,2025-10-06,1:1,held,60,2025-10-07,Y,management\n")
out = os.path.join(d, "tplout")
rc, err = run("validate", tpl, "--out", out)
c.eq("filled templates validate", rc, 0)
c.eq("filled templates: no rejections or warnings", read_csv(os.path.join(out, "rejections.csv")), [])
dq = {(r["agency_id"], r["dataset"]): r for r in read_csv(os.path.join(out, "data_quality.csv"))}
c.eq("header-only files are received", dq[("AG1", "cases")]["status"], "received")
c.eq("and hold no rows", dq[("AG1", "cases")]["rows_read"], "0")

# no temporary files are left behind, and -q silences progress
out = os.path.join(d, "quiet")
rc, err = run("report", data, "--period", "2025-26-Q3", "--out", out, "-q",
              "--as-of", "2026-01-15")
c.eq("quiet run exits 0", rc, 0)
c.true("-q prints only errors", all(l.startswith("oversight: error") for l in err.splitlines()),
       err.strip()[:200])
c.eq("outputs, their manifest and the folder's lock, nothing else", sorted(os.listdir(out)),
     [".oversight.lock", "board-report.html", "board-report.pdf", "board-report.xlsx",
      "completeness.csv", "data_quality.csv", "manifest.csv", "metrics.csv", "rejections.csv"])
# template never overwrites: on a folder holding any of its files it lists
# them, writes nothing and exits 2; --force replaces them
office = os.path.join(d, "office")
rc, _ = run("template", office)
c.eq("template into a new folder", rc, 0)
mine = {"agencies.csv": "agency_id,name,type\nNCC,Northshire County Council,LA CSC\n",
        "actions.csv": "action_id,description,owner,due_date,status\nA1,Audit,Chair,2026-03-31,open\n",
        "commentary.csv": "agency_id,section,text\n,summary,Our own words\n"}
for name, text in mine.items():
    write(os.path.join(office, name), text)
os.remove(os.path.join(office, "AGENCY_ID", "staff.csv"))


def office_files():
    out = {}
    for root, _, names in os.walk(office):
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, office)] = f.read()
    return out


before = office_files()
rc, err = run("template", office)
c.eq("template on an existing folder: exit 2", rc, 2)
c.true("template lists the files it would overwrite",
       all(n in err for n in ("agencies.csv", "actions.csv", "commentary.csv",
                              "AGENCY_ID/sessions.csv")), err)
c.eq("template on an existing folder: one error line",
     len([ln for ln in err.splitlines() if ln.startswith("oversight: error")]), 1)
c.true("template on an existing folder: every file unchanged, none added",
       office_files() == before)
rc, err = run("template", office, "--force")
c.eq("template --force: exit 0", rc, 0)
with open(os.path.join(office, "agencies.csv")) as f:
    c.eq("template --force replaced agencies.csv", f.read(),
         "agency_id,name,type,profile,extract_date,covers_from\n")
c.true("template --force wrote staff.csv again",
       os.path.exists(os.path.join(office, "AGENCY_ID", "staff.csv")))
victim = os.path.join(d, "victim.csv")
write(victim, "keep me\n")
os.remove(os.path.join(office, "actions.csv"))
os.symlink(victim, os.path.join(office, "actions.csv"))
rc, err = run("template", office, "--force")
c.eq("template --force over a symlink: exit 4", rc, 4)
with open(victim) as f:
    c.eq("template --force never writes through a symlink", f.read(), "keep me\n")
rc, err = run("validate", data, "--force")
c.eq("--force outside template: exit 2", rc, 2)

# the run date must lie in 1990-2100, from --as-of or SOURCE_DATE_EPOCH
for value in ("99999999999999999", "631151999", "4133980800", "-1", "12abc",
              "9" * 40):
    env = dict(os.environ, SOURCE_DATE_EPOCH=value)
    p = subprocess.run([OVERSIGHT, "validate", data, "--out", os.path.join(d, "sde")],
                       capture_output=True, text=True, env=env)
    c.eq(f"SOURCE_DATE_EPOCH={value[:20]}: exit 2", p.returncode, 2)
    c.true(f"SOURCE_DATE_EPOCH={value[:20]}: says so", "SOURCE_DATE_EPOCH" in p.stderr,
           p.stderr)
c.true("nothing written for a run date out of range", not os.path.exists(os.path.join(d, "sde")))
for value, want in (("631152000", 0), ("4133980799", 0)):
    env = dict(os.environ, SOURCE_DATE_EPOCH=value)
    p = subprocess.run([OVERSIGHT, "validate", data, "--out", os.path.join(d, "sde2"), "-q"],
                       capture_output=True, text=True, env=env)
    c.eq(f"SOURCE_DATE_EPOCH={value} (inside 1990-2100): exit 0", p.returncode, want)
for value in ("1989-12-31", "2101-01-01"):
    rc, err = run("report", data, "--period", "2025-26-Q3", "--as-of", value,
                  "--out", os.path.join(d, "asof"))
    c.eq(f"--as-of {value}: exit 2", rc, 2)

shutil.rmtree(d)
c.done()
