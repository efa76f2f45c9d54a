"""oversight report on the reference fixture in tests/fixtures (tiny) for
2025-26-Q3: every row of the hand-derived metrics.csv is reproduced (numerator,
denominator, value, target, amber, rag), nothing extra is produced, ALL pools
the agencies, and a second run gives byte-identical CSV outputs."""
import filecmp
import os
import shutil

from e2elib import TINY, Checks, read_csv, run, tmpdir

c = Checks()
out = tmpdir()
rc, err = run("report", os.path.join(TINY, "data"), "--period", "2025-26-Q3", "--out", out,
              "--as-of", "2026-01-15")
c.eq("exit status", rc, 0)
if rc != 0:
    print(err)
    c.done()

key = lambda r: (r["period_start"], r["period_end"], r["agency_id"], r["team"], r["group"],
                 r["metric_id"])
want = {key(r): r for r in read_csv(os.path.join(TINY, "expected", "metrics.csv"))}
got = {key(r): r for r in read_csv(os.path.join(out, "metrics.csv"))}
# The tiny fixture predates info_agencies_covered (SPEC 9.1): both agencies'
# sessions cover the quarter.
covered = got.pop(("2025-10-01", "2025-12-31", "ALL", "", "", "info_agencies_covered"), None)
c.eq("info_agencies_covered", covered and (covered["value"], covered["rag"]), ("2", "info"))
# It predates the figures of SPEC 7 too (tiny-full holds them): neither agency
# sent supervision_audits.csv or feedback.csv, so those figures are no_data.
SPEC7 = {"audit_good", "audit_criteria", "feedback_positive", "workforce_stability",
         "info_audits", "info_feedback_responses", "info_starters", "info_leavers"}
spec7 = {k: got.pop(k) for k in sorted(got) if k[5] in SPEC7}
c.eq("SPEC 7: audit and feedback figures no_data without their files",
     sorted({(r["numerator"], r["denominator"], r["value"], r["rag"]) for k, r in spec7.items()
             if k[5] in ("audit_good", "audit_criteria", "feedback_positive")}),
     [("0", "0", "", "no_data")])
c.eq("SPEC 7: info_audits and info_feedback_responses blank without their files",
     sorted({r["value"] for k, r in spec7.items()
             if k[5] in ("info_audits", "info_feedback_responses")}), [""])
c.eq("same set of figures", sorted(got), sorted(want))
for k in sorted(want):
    if k not in got:
        continue
    w, g = want[k], got[k]
    c.eq("/".join(x for x in k[2:] if x), tuple(g[f] for f in ("numerator", "denominator", "value",
                                                              "target", "amber", "rag")),
         tuple(w[f] for f in ("numerator", "denominator", "value", "target", "amber", "rag")))

# The partnership row pools numerators and denominators of the agencies.
rows = read_csv(os.path.join(out, "metrics.csv"))
for r in rows:
    if r["agency_id"] != "ALL" or r["team"] or r["rag"] == "info":
        continue
    parts = [x for x in rows if x["agency_id"] not in ("ALL",) and not x["team"]
             and x["group"] == r["group"] and x["metric_id"] == r["metric_id"]]
    c.eq(f"ALL = sum of agencies: {r['metric_id']} {r['group']}".strip(),
         (int(r["numerator"]), int(r["denominator"])),
         (sum(int(x["numerator"]) for x in parts), sum(int(x["denominator"]) for x in parts)))

out2 = tmpdir()
run("report", os.path.join(TINY, "data"), "--period", "2025-26-Q3", "--out", out2,
    "--as-of", "2026-01-15", check_rc=0)
for name in ("metrics.csv", "rejections.csv", "data_quality.csv", "completeness.csv"):
    c.true(f"{name} byte-identical on a second run",
           filecmp.cmp(os.path.join(out, name), os.path.join(out2, name), shallow=False))
shutil.rmtree(out)
shutil.rmtree(out2)
c.done()
