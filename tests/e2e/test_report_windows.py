"""What each extract covers and disclosure control that holds (SPEC 9.1-9.3),
end to end.

- tiny-full for 2025-26-Q3 with --trend 2: every row of the quarter equals the
  hand-derived tests/fixtures/tiny-full/expected/metrics.csv (numerator,
  denominator, value, target, amber, rag), the quality and outcomes figures of
  SPEC 7 and their group and team rows included, and the earlier quarter, which
  neither agency's sessions reach, is not_covered row by row with blank
  numbers (info_agencies_covered there an info row with value 0);
- covers_from in agencies.csv: unreadable (W-DATE) or after extract_date
  (W-CONTRADICTION) is listed in rejections.csv with file, line and field and
  treated as blank; a readable one opens the earlier quarter to that agency
  alone;
- sample-data for 2025-26 with --trend 4: the extracts start on 1 April 2024,
  so every row of 2022-23 and 2023-24 is not_covered and none shows 0.0 %.
"""
import csv
import os
import shutil

from e2elib import FIXTURES, Checks, read_csv, run, tmpdir, write

FULL = os.path.join(FIXTURES, "tiny-full")
Q3 = ("2025-10-01", "2025-12-31")
Q2 = ("2025-07-01", "2025-09-30")
FIELDS = ("numerator", "denominator", "value", "target", "amber", "rag")


def key(r):
    return (r["agency_id"], r["team"], r["group"], r["metric_id"])


def rows_of(rows, period):
    return {key(r): r for r in rows if (r["period_start"], r["period_end"]) == period}


c = Checks()

# ------------------------------------------------------------ tiny-full, Q3 and Q2
out = tmpdir()
rc, err = run("report", os.path.join(FULL, "data"), "--period", "2025-26-Q3", "--trend", "2",
              "--out", out, "--as-of", "2026-01-15")
c.eq("tiny-full: exit status", rc, 0)
if rc != 0:
    print(err)
    c.done()
rows = read_csv(os.path.join(out, "metrics.csv"))
c.eq("tiny-full: periods", sorted({(r["period_start"], r["period_end"]) for r in rows}),
     sorted([Q2, Q3]))

want = rows_of(read_csv(os.path.join(FULL, "expected", "metrics.csv")), Q3)
got = rows_of(rows, Q3)
c.eq("Q3: the same rows as the reference", sorted(got), sorted(want))
for k in sorted(want):
    if k in got:
        c.eq("Q3 " + "/".join(x for x in k if x), tuple(got[k][f] for f in FIELDS),
             tuple(want[k][f] for f in FIELDS))

earlier = rows_of(rows, Q2)
c.true("Q2: rows for ALL and both agencies",
       {k[0] for k in earlier} == {"ALL", "TINY", "TWO"}, str(sorted({k[0] for k in earlier})))
metrics = sorted({r["metric_id"] for r in rows})
c.eq("Q2: an ALL row for every metric",
     sorted(k[3] for k in earlier if k[0] == "ALL" and not k[1] and not k[2]), metrics)
wrong = []
for k, r in sorted(earlier.items()):
    have = tuple(r[f] for f in ("numerator", "denominator", "value", "rag"))
    if k[3] == "info_agencies_covered":
        c.eq("Q2: info_agencies_covered", (k[0], have), ("ALL", ("", "", "0", "info")))
    elif have != ("", "", "", "not_covered"):
        wrong.append((k, have))
c.eq("Q2: every other row not_covered with blank numbers", wrong, [])
c.true("Q2: team rows not_covered too", any(k[1] for k in earlier))
shutil.rmtree(out)

# ------------------------------------------------------------ covers_from in agencies.csv
data = tmpdir()
shutil.copytree(os.path.join(FULL, "data"), os.path.join(data, "d"))
data = os.path.join(data, "d")
write(os.path.join(data, "agencies.csv"),
      "agency_id,name,type,extract_date,covers_from\n"
      "TINY,Tiny Borough Council,LA CSC,2026-01-15,31/02/2025\n"
      "TWO,Two Rivers Youth Trust,Charity,2026-01-15,2026-02-01\n")
out = tmpdir()
rc, err = run("report", data, "--period", "2025-26-Q3", "--trend", "2", "--out", out,
              "--as-of", "2026-01-15")
c.eq("bad covers_from: exit status", rc, 0)
rej = [r for r in read_csv(os.path.join(out, "rejections.csv")) if r["field"] == "covers_from"]
c.eq("bad covers_from: listed with file, line, field, code and severity",
     [(r["agency_id"], r["file"], r["line"], r["field"], r["code"], r["severity"]) for r in rej],
     [("", "agencies.csv", "2", "covers_from", "W-DATE", "warning"),
      ("", "agencies.csv", "3", "covers_from", "W-CONTRADICTION", "warning")])
c.true("bad covers_from: the reasons say it is treated as blank",
       all("treated as blank" in r["reason"] for r in rej))
dq = {(r["agency_id"], r["dataset"]): r for r in read_csv(os.path.join(out, "data_quality.csv"))}
c.eq("bad covers_from: the rows are accepted, with warnings",
     (dq[("", "agencies")]["rows_accepted"], dq[("", "agencies")]["rows_rejected"]), ("2", "0"))
covered = {r["period_start"]: r["value"] for r in read_csv(os.path.join(out, "metrics.csv"))
           if r["metric_id"] == "info_agencies_covered"}
c.eq("bad covers_from: treated as blank (windows from extract_date and sessions)", covered,
     {Q2[0]: "0", Q3[0]: "2"})
shutil.rmtree(out)

write(os.path.join(data, "agencies.csv"),
      "agency_id,name,type,extract_date,Covers From\n"
      "TINY,Tiny Borough Council,LA CSC,,\n"
      "TWO,Two Rivers Youth Trust,Charity,15/01/2026,01/07/2025\n")
out = tmpdir()
rc, err = run("report", data, "--period", "2025-26-Q3", "--trend", "2", "--out", out,
              "--as-of", "2026-01-15")
c.eq("covers_from: exit status", rc, 0)
rows = read_csv(os.path.join(out, "metrics.csv"))
c.eq("covers_from: no warning about it",
     [r for r in read_csv(os.path.join(out, "rejections.csv")) if r["field"] == "covers_from"],
     [])
earlier = rows_of(rows, Q2)
c.eq("covers_from: TWO covers Q2, TINY does not",
     earlier[("ALL", "", "", "info_agencies_covered")]["value"], "1")
c.eq("covers_from: TINY's Q2 rows not_covered",
     sorted({r["rag"] for k, r in earlier.items() if k[0] == "TINY"}), ["not_covered"])
c.true("covers_from: TWO's Q2 rows worked out",
       earlier[("TWO", "", "", "supervision_frequency")]["rag"] != "not_covered")
two = earlier[("TWO", "", "", "info_staff_in_scope")]["value"]
c.eq("covers_from: ALL in Q2 is TWO alone", earlier[("ALL", "", "", "info_staff_in_scope")]["value"],
     two)
c.eq("covers_from: snapshot figures not_covered in Q2 even so",
     [earlier[(a, "", "", m)]["rag"] for a in ("ALL", "TWO")
      for m in ("agreement_current", "observation_current", "supervisor_trained")],
     ["not_covered"] * 6)
shutil.rmtree(out)
shutil.rmtree(os.path.dirname(data))

# ------------------------------------------------------------ sample-data over four years
out = tmpdir()
rc, err = run("report", "sample-data", "--period", "2025-26", "--trend", "4", "--out", out,
              "--as-of", "2026-04-30")
c.eq("sample-data --trend 4: exit status", rc, 0)
rows = read_csv(os.path.join(out, "metrics.csv"))
years = {"2022-04-01": "2022-23", "2023-04-01": "2023-24", "2024-04-01": "2024-25",
         "2025-04-01": "2025-26"}
c.eq("sample-data: four years", sorted({r["period_start"] for r in rows}), sorted(years))
for start, label in sorted(years.items()):
    these = [r for r in rows if r["period_start"] == start]
    n = [r["value"] for r in these if r["metric_id"] == "info_agencies_covered"]
    if label in ("2022-23", "2023-24"):
        c.eq(f"{label}: no agency covers it", n, ["0"])
        c.eq(f"{label}: every other row not_covered with blank numbers",
             sorted({(r["rag"], r["numerator"], r["denominator"], r["value"]) for r in these
                     if r["metric_id"] != "info_agencies_covered"}),
             [("not_covered", "", "", "")])
        c.eq(f"{label}: no 0.0 anywhere", [r for r in these if r["value"] == "0.0"], [])
    else:
        c.eq(f"{label}: all six agencies cover it", n, ["6"])
        c.true(f"{label}: its figures are worked out",
               any(r["rag"] in ("green", "amber", "red") for r in these))
shutil.rmtree(out)
c.done()
