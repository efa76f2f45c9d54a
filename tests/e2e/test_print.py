"""Print that reads: in the partnership pack with a trend and in an agency's own
pack, no word of the PDF is set below 8 points (pdftotext -bbox), and no page is
left more than half empty except before a new section."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import Checks, pdf_half_empty_pages, pdf_small_words, run, tmpdir  # noqa: E402

c = Checks()
root = tmpdir()
for label, args in (("partnership pack", ["--trend", "2"]),
                    ("quarter pack", ["--period", "2025-26-Q4", "--trend", "4"]),
                    ("NCC's own pack", ["--agency", "NCC", "--trend", "2"])):
    out = os.path.join(root, label.replace(" ", "-").replace("'", ""))
    argv = ["report", "sample-data", "--out", out, "--as-of", "2026-04-30", "-q"]
    if "--period" not in args:
        argv += ["--period", "2025-26"]
    rc, err = run(*argv, *args)
    c.eq(f"{label}: exit 0", rc, 0)
    pdf = os.path.join(out, "board-report.pdf")
    small = pdf_small_words(pdf)
    c.eq(f"{label}: no word below 8 pt", small[:5], [])
    c.eq(f"{label}: no page more than half empty except before a new section",
         pdf_half_empty_pages(pdf), [])
c.done()
