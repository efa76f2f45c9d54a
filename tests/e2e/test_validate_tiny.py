"""oversight validate on the reference fixture in tests/fixtures (tiny):
rejections (file, line, severity) and data_quality (status, counts, SHA-256)
exactly as derived by hand, and rows read = accepted + rejected for every file."""
import os
import shutil

from e2elib import TINY, Checks, read_csv, run, tmpdir

c = Checks()
out = tmpdir()
rc, err = run("validate", os.path.join(TINY, "data"), "--out", out)
c.eq("exit status", rc, 0)

want = read_csv(os.path.join(TINY, "expected", "rejections.csv"))
got = read_csv(os.path.join(out, "rejections.csv"))
key = lambda r: (r["agency_id"], r["file"], r["line"], r["severity"])
c.eq("rejection lines (agency, file, line, severity)", sorted(map(key, got)), sorted(map(key, want)))
c.eq("rejection fields", sorted((key(r), r["field"]) for r in got),
     sorted((key(r), r["field"]) for r in want))
c.eq("rejection codes", sorted((key(r), r["code"]) for r in got),
     sorted((key(r), r["code"]) for r in want))
c.true("every rejection has a reason", all(r["reason"] for r in got))

want = read_csv(os.path.join(TINY, "expected", "data_quality.csv"))
got = read_csv(os.path.join(out, "data_quality.csv"))
# The fixture predates the two files of SPEC 7, which neither agency sent.
quality = [r for r in got if r["dataset"] in ("supervision_audits", "feedback")]
c.eq("SPEC 7 files missing for both agencies",
     sorted((r["agency_id"], r["file"], r["status"], r["rows_read"]) for r in quality),
     sorted((a, f"{a}/{f}", "missing", "0") for a in ("TINY", "TWO")
            for f in ("supervision_audits.csv", "feedback.csv")))
c.eq("data_quality rows", [r for r in got if r not in quality], want)
for r in got:
    c.eq(f"{r['file']}: read = accepted + rejected", int(r["rows_read"]),
         int(r["rows_accepted"]) + int(r["rows_rejected"]))

# stderr carries the per-file counts and the by-code summary
c.true("per-file counts on stderr", "TINY/sessions.csv: read 23, accepted 21, rejected 2, warnings 3" in err)
c.true("by-code summary on stderr", "E-ORPHAN 3" in err)

comp = read_csv(os.path.join(out, "completeness.csv"))
row = [r for r in comp if r["agency_id"] == "TWO" and r["dataset"] == "sessions"
       and r["field"] == "duration_minutes"]
c.eq("completeness of TWO sessions duration", [(r["filled"], r["rows"]) for r in row], [("7", "8")])
c.true("completeness lists only optional fields", not any(r["field"] == "staff_id" and r["dataset"] == "staff" for r in comp))

# --strict exits 1 when rows were rejected
out2 = tmpdir()
rc, _ = run("validate", os.path.join(TINY, "data"), "--out", out2, "--strict")
c.eq("--strict exit status", rc, 1)
shutil.rmtree(out)
shutil.rmtree(out2)
c.done()
