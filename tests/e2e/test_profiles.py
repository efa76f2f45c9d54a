"""Mapping profiles found from the headers when none is named: an ESR export
self-audited without --profile is read through the shipped esr profile (and
says so), a folder no profile fits names the closest profile and what it still
misses, two profiles that both fit are both named, and a named profile is
never second-guessed."""
import os
import shutil

from e2elib import Checks, read_csv, run, tmpdir, write

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
NHT = os.path.join(ROOT, "sample-data", "NHT")
TEMPLATES = os.path.join(ROOT, "templates")

c = Checks()
d = tmpdir()


def rows(out, code=None):
    got = read_csv(os.path.join(out, "rejections.csv"))
    return [r for r in got if code is None or r["code"] == code]


# An ordinary ESR export, self-audited with no profile named.
out = os.path.join(d, "nht")
rc, err = run("report", NHT, "--period", "2025-26", "--out", out)
c.eq("NHT self-audit without --profile exits 0", rc, 0)
for f in ("metrics.csv", "board-report.pdf", "board-report.xlsx", "data_quality.csv"):
    c.true(f"NHT self-audit wrote {f}", os.path.exists(os.path.join(out, f)))
info = rows(out, "I-PROFILE")
c.eq("one I-PROFILE line per file read through the found profile",
     [(r["agency_id"], r["file"], r["line"], r["field"], r["severity"]) for r in info],
     [("NHT", f, "1", "", "info") for f in ("staff.csv", "sessions.csv", "absences.csv",
                                             "supervision_audits.csv", "feedback.csv")])
c.true("the information names the profile", all("'esr'" in r["reason"] for r in info))
said = [l for l in err.splitlines() if "no mapping profile is named" in l]
c.eq("one line on stderr says which profile was found", len(said), 1)
c.true("the stderr line names the agency and the profile",
       said and said[0].startswith("oversight: NHT: ") and "'esr'" in said[0], err)
c.true("the found profile is not an error", "error" not in err, err)

# The figures are exactly those of naming the profile.
named = os.path.join(d, "nht-named")
run("report", NHT, "--period", "2025-26", "--out", named, "--profile", "esr", check_rc=0)
for f in ("metrics.csv", "data_quality.csv", "completeness.csv"):
    with open(os.path.join(out, f), "rb") as a, open(os.path.join(named, f), "rb") as b:
        c.true(f"{f} is the same as with --profile esr", a.read() == b.read())
c.eq("a named profile gives no I-PROFILE line", rows(named, "I-PROFILE"), [])
c.eq("the rest of rejections.csv is the same",
     [r for r in rows(out) if r["code"] != "I-PROFILE"], rows(named))

# A named profile is used as named, even when the headers do not fit it.
rc, err = run("validate", NHT, "--out", os.path.join(d, "lcs"), "--profile", "lcs")
c.eq("a named profile that does not fit: no usable input", rc, 3)
c.true("the message names the profile in force",
       "staff.csv: not used: its header lacks staff_id, team and start_date under the mapping "
       "profile 'lcs'" in err, err)
c.true("no other profile is tried", "esr" not in err, err)

# No profile fits: the closest is named with the fields it still misses.
ag = os.path.join(d, "AG")
write(f"{ag}/staff.csv", "staff_id,team,start_date\nS1,Alpha,2024-01-01\n")
write(f"{ag}/sessions.csv", "Assignment Number,Type,Status\nS1,1:1,held\n")
out = os.path.join(d, "ag")
rc, err = run("validate", ag, "--out", out)
c.eq("no profile fits: no usable input", rc, 3)
want = ("oversight: error: sessions.csv: not used: its header lacks staff_id and date; the "
        "closest profile is 'esr' (still missing: date); rename the columns, or name a profile "
        "in agencies.csv or with --profile")
c.true("one clear line names the closest profile and what it misses", want in err.splitlines(),
       err)
missing = rows(out, "E-HEADER-MISSING")
c.eq("rejections.csv lists each missing field at line 1",
     [(r["file"], r["line"], r["field"]) for r in missing],
     [("sessions.csv", "1", "staff_id"), ("sessions.csv", "1", "date")])
c.true("the reason names the closest profile",
       all("the closest profile is 'esr' (still missing: date)" in r["reason"] for r in missing))
c.eq("nothing was read through a profile", rows(out, "I-PROFILE"), [])

# A profile that fits one file but not the others is not used for any.
write(f"{ag}/staff.csv", "Assignment Number,Team,Start Date\nS1,Alpha,2024-01-01\n")
rc, err = run("validate", ag, "--out", out)
c.true("a profile that reads only some of the files is named with the others",
       "staff.csv: not used: its header lacks staff_id; the profile 'esr' reads it but not "
       "sessions.csv (one profile reads all of an agency's files)" in err, err)

# Nothing comes closer than the default.
write(f"{ag}/staff.csv", "staff_id,team,start_date\nS1,Alpha,2024-01-01\n")
write(f"{ag}/sessions.csv", "Person,Date,Type,Status\nS1,2025-01-01,1:1,held\n")
rc, err = run("validate", ag, "--out", out)
c.true("no closer profile: the line says so",
       "sessions.csv: not used: its header lacks staff_id; no mapping profile in "
       "templates/profiles finds it" in err, err)

# Two profiles fit: both are named and neither is used.
tpl = os.path.join(d, "templates")
shutil.copytree(TEMPLATES, tpl)
shutil.copy(os.path.join(tpl, "profiles", "esr.csv"), os.path.join(tpl, "profiles", "nhs.csv"))
rc, err = run("validate", NHT, "--out", os.path.join(d, "two"), "--templates", tpl)
c.eq("two profiles fit: no usable input", rc, 3)
c.true("both profiles are named",
       "staff.csv: not used: its header lacks staff_id, team and start_date; the profiles 'esr' "
       "and 'nhs' both read all of the agency's files; name one in agencies.csv or with --profile"
       in err, err)

# A profile broken in the templates stops the run as a template error.
write(os.path.join(tpl, "profiles", "nhs.csv"),
      "kind,dataset,field,pattern,value,note\nheader,,staff_id,(open,,\n")
rc, err = run("validate", NHT, "--out", os.path.join(d, "broken"), "--templates", tpl)
c.eq("a broken profile in the templates exits 2", rc, 2)
c.true("the error names the profile file and line", "nhs.csv line 2" in err, err)

# In a partnership, an agency without a profile (or with one that does not
# exist) is read through the profile its headers fit.
part = os.path.join(d, "part")
write(f"{part}/agencies.csv",
      "agency_id,name,type,profile\nH1,Trust One,health,\nH2,Trust Two,health,ESR\n"
      "P1,Police,police,\n")
for a in ("H1", "H2"):
    os.makedirs(os.path.join(part, a))
    for f in ("staff.csv", "sessions.csv"):
        shutil.copy(os.path.join(NHT, f), os.path.join(part, a, f))
write(f"{part}/P1/staff.csv", "staff_id,team,start_date\nS1,Alpha,2024-01-01\n")
write(f"{part}/P1/sessions.csv", "staff_id,date,type,status\nS1,2025-01-01,1:1,held\n")
out = os.path.join(d, "part-out")
rc, err = run("validate", part, "--out", out)
c.eq("partnership exits 0", rc, 0)
c.eq("the agencies whose headers need it are read through esr",
     sorted({r["agency_id"] for r in rows(out, "I-PROFILE")}), ["H1", "H2"])
c.eq("an unknown profile name is a warning and treated as blank",
     [(r["agency_id"], r["field"], r["severity"]) for r in rows(out, "W-CODE")],
     [("", "profile", "warning")])
c.eq("an agency whose headers fit the default is not told about profiles",
     [r for r in rows(out) if r["agency_id"] == "P1"], [])
dq = {(r["agency_id"], r["dataset"]): r["status"] for r in read_csv(f"{out}/data_quality.csv")}
c.eq("every agency's staff and sessions are received",
     [dq[(a, ds)] for a in ("H1", "H2", "P1") for ds in ("staff", "sessions")],
     ["received"] * 6)

shutil.rmtree(d)
c.done()
