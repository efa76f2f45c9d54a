"""Text longer than the PDF library's 65,535-byte string limit: a commentary
paragraph of 1 MB and a --title of 100 KB still give a board report (docs/report.md:
any length wraps), with the paragraph's words in the PDF, and no library error
code ever reaches the user."""
import os
import shutil
import subprocess

import openpyxl

from e2elib import OVERSIGHT, TINY, Checks, tmpdir

c = Checks()
d = tmpdir()
data = os.path.join(d, "data")
shutil.copytree(os.path.join(TINY, "data"), data)

words = " ".join(f"w{i:06d}" for i in range(150000))[:1 << 20]
with open(os.path.join(data, "commentary.csv"), "w", encoding="utf-8") as f:
    f.write(f'agency_id,section,text\n,summary,"{words}"\n')


def report(out, *extra):
    return subprocess.run([OVERSIGHT, "report", data, "--period", "2025-26-Q3", "--out", out,
                           "-q", *extra], capture_output=True, text=True, timeout=300)


out = os.path.join(d, "para")
p = report(out)
c.eq("1 MB commentary paragraph: exit 0", p.returncode, 0)
pdf = os.path.join(out, "board-report.pdf")
c.true("1 MB commentary paragraph: PDF written", os.path.getsize(pdf) > 100000)
text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
c.true("the paragraph's first, middle and last words are in the PDF",
       all(w in text for w in ("w000000", "w070000", words.split()[-2])))
c.true("no library error code", "0x" not in p.stderr, p.stderr[-300:])

out = os.path.join(d, "title")
title = "Northshire " * 9100  # about 100 KB
p = report(out, "--title", title)
c.eq("100 KB --title: exit 0", p.returncode, 0)
pdf = os.path.join(out, "board-report.pdf")
c.true("100 KB --title: PDF written", os.path.getsize(pdf) > 10000)
info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
c.eq("100 KB --title: the PDF opens", info.returncode, 0)
wb = openpyxl.load_workbook(os.path.join(out, "board-report.xlsx"))
c.true("100 KB --title: the workbook opens", "Summary" in wb.sheetnames)
c.true("no library error code", "0x" not in p.stderr, p.stderr[-300:])

shutil.rmtree(d)
c.done()
