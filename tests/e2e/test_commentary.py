"""commentary.csv with its optional period column: periods in every --period
form are read, a blank one means every pack, and an unreadable one is a
W-PERIOD warning with file, line and field (the row is kept, its period treated
as blank); a file without the column reads as before."""
import os
import shutil

from e2elib import TINY, Checks, read_csv, run, tmpdir, write

c = Checks()
d = tmpdir()
data = os.path.join(d, "data")
shutil.copytree(os.path.join(TINY, "data"), data)
write(f"{data}/commentary.csv",
      "agency_id,section,text,period\n"
      ",summary,For every pack,\n"
      ",summary,The third quarter,2025-26-Q3\n"
      ",how_are_we_doing,The same days,2025-10-01:2025-12-31\n"
      ",improve,\"Two\nlines\",Autumn 2025\n"
      ",improve,No such quarter,2025-26-Q5\n"
      "TINY,summary,A month,2025-12\n"
      ",how_do_we_know,The year, 2025-26 \n"
      ",,No section and a bad period,soon\n"
      "NOPE,summary,Unknown agency,2025-26-Q3\n"
      ",summary,An end before its start,2025-12-31:2025-10-01\n")

out = os.path.join(d, "out")
rc, err = run("validate", data, "--out", out)
c.eq("validate exits 0", rc, 0)
got = [(r["agency_id"], r["file"], r["line"], r["field"], r["code"], r["severity"])
       for r in read_csv(f"{out}/rejections.csv") if r["file"] == "commentary.csv"]
c.eq("commentary.csv: unreadable periods warn, rejected rows list only their rejections", got, [
    ("", "commentary.csv", "5", "period", "W-PERIOD", "warning"),
    ("", "commentary.csv", "7", "period", "W-PERIOD", "warning"),
    ("", "commentary.csv", "10", "section", "E-REQUIRED", "rejected"),
    ("", "commentary.csv", "11", "agency_id", "E-ORPHAN", "rejected"),
    ("", "commentary.csv", "12", "period", "W-PERIOD", "warning"),
])
reasons = {r["line"]: r["reason"] for r in read_csv(f"{out}/rejections.csv")
           if r["code"] == "W-PERIOD"}
c.true("a period in no accepted form says which forms are",
       "2025-26, 2025-26-Q3, 2026-03 or 2025-10-01:2025-12-31" in reasons.get("5", ""))
c.true("an impossible period says so", "names no real period" in reasons.get("7", ""))
c.true("the reason says the comment is then printed in every pack",
       all("printed in every pack" in r for r in reasons.values()))
c.true("the reason never repeats the text of the extract",
       not any("Autumn" in r or "Q5" in r for r in reasons.values()))

dq = {r["dataset"]: r for r in read_csv(f"{out}/data_quality.csv") if r["agency_id"] == ""}
cm = dq["commentary"]
c.eq("commentary.csv counts (read, accepted, rejected, warnings)",
     (cm["status"], cm["rows_read"], cm["rows_accepted"], cm["rows_rejected"], cm["warnings"]),
     ("received", "10", "8", "2", "3"))
comp = {(r["dataset"], r["field"]): r for r in read_csv(f"{out}/completeness.csv")
        if r["agency_id"] == ""}
c.eq("completeness counts the readable periods", (comp[("commentary", "period")]["filled"],
                                                  comp[("commentary", "period")]["rows"]),
     ("4", "8"))

rc, err = run("report", data, "--period", "2025-26-Q3", "--out", os.path.join(d, "pack"))
c.eq("a report with periods in commentary.csv exits 0", rc, 0)

# Without the column, commentary.csv is read as before: no period, no warning.
write(f"{data}/commentary.csv", "agency_id,section,text\n,summary,Always\n")
rc, err = run("validate", data, "--out", out)
got = [r for r in read_csv(f"{out}/rejections.csv") if r["file"] == "commentary.csv"]
c.eq("commentary.csv without a period column: nothing to say", got, [])
comp = {(r["dataset"], r["field"]): r for r in read_csv(f"{out}/completeness.csv")
        if r["agency_id"] == ""}
c.eq("no period column: none filled", comp[("commentary", "period")]["filled"], "0")

# The blank template has the column.
tpl = os.path.join(d, "tpl")
run("template", tpl, check_rc=0)
with open(os.path.join(tpl, "commentary.csv")) as f:
    c.eq("the commentary template has the period column", f.read().strip(),
         "agency_id,section,text,period")
shutil.rmtree(d)
c.done()
