"""One report model, two layouts: every change figure and every key message is
read back from the PDF text (pdftotext) and from the workbook (openpyxl) and
must be the same, for the partnership pack with a trend, an agency's own pack
(--agency) and a self-audit of one agency's folder. The figures in the change
table must be those of metrics.csv, and a self-audit workbook never calls its
figures "all agencies pooled"."""
import os
import re
import sys
import warnings

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import (Checks, pdf_changes, pdf_messages, pdf_text, read_csv, run,  # noqa: E402
                    squash, tmpdir)

import openpyxl  # noqa: E402

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "fixtures", "tiny", "data")
c = Checks()


def workbook(path):
    wb = openpyxl.load_workbook(path)
    ws = wb["Summary"]
    rows = {}
    messages, in_messages = [], False
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        a, b = row[0].value, row[1].value
        if in_messages:
            if a is None or not isinstance(a, str) or a.startswith("Key metrics"):
                in_messages = False
            else:
                messages.append(squash(a))
                continue
        if a == "Key messages":
            in_messages = True
            continue
        if isinstance(b, str) and re.fullmatch(r"[a-z0-9_]+", b):
            cell = (lambda i: row[i].value if len(row) > i else None)
            rows[b] = {"title": a, "rag": cell(5), "trend": cell(8), "change": cell(10)}
    prompt = ws["A3"].value or ""
    return rows, messages, prompt


def check_pack(label, out, expect_trend=True, agency=None):
    pdf = os.path.join(out, "board-report.pdf")
    xlsx = os.path.join(out, "board-report.xlsx")
    text = pdf_text(pdf)
    rows, wb_messages, prompt = workbook(xlsx)
    pm = pdf_messages(text)
    c.true(f"{label}: the PDF has key messages", len(pm) >= 3, repr(pm))
    c.eq(f"{label}: key messages are the same in the PDF and the workbook", pm, wb_messages)
    rated = {mid: r for mid, r in rows.items() if r["rag"] not in ("Info", None)
             and not mid.startswith("info_")}
    titles = [r["title"] for r in rated.values()]
    changes = pdf_changes(text, titles)
    if not expect_trend:
        c.eq(f"{label}: no change table without a trend", changes, {})
        return
    c.eq(f"{label}: the change table lists every rated measure", sorted(changes),
         sorted(titles))
    metrics = read_csv(os.path.join(out, "metrics.csv"))
    periods = sorted({(m["period_start"], m["period_end"]) for m in metrics}, reverse=True)
    head = agency or "ALL"
    for mid, r in sorted(rated.items()):
        t = r["title"]
        if t not in changes:
            continue
        then, now, words = changes[t]
        now = now.removesuffix(" ‡")  # the mark of a figure resting on a thinly filled field
        m0 = [m for m in metrics if (m["period_start"], m["period_end"]) == periods[0]
              and m["agency_id"] == head and m["metric_id"] == mid and not m["team"]
              and not m["group"]][0]
        if now.endswith("%") and m0["value"]:
            c.eq(f"{label} {mid}: the PDF's figure is metrics.csv's", now, m0["value"] + "%")
        m = re.fullmatch(r"([▲▼]) ([0-9]+\.[0-9]) pts, (better|worse)", words)
        if m:
            sign = 1 if m.group(1) == "▲" else -1
            c.eq(f"{label} {mid}: change {words}",
                 (r["change"], r["trend"]),
                 (sign * float(m.group(2)), f"{m.group(1)} {m.group(3)}"))
        elif words == "No change":
            c.eq(f"{label} {mid}: no change", (r["change"], r["trend"]), (0, "▶ no change"))
        else:
            c.eq(f"{label} {mid}: no change figure (not comparable)",
                 (words, r["change"], r["trend"]), ("–", None, "–"))
    if agency:
        c.true(f"{label}: the workbook does not call an agency's figures pooled",
               "pooled" not in prompt, prompt)


root = tmpdir()
env_args = ["--as-of", "2026-04-30", "-q"]

out = os.path.join(root, "pack")
rc, err = run("report", "sample-data", "--period", "2025-26", "--trend", "2", "--out", out,
              *env_args)
c.eq("partnership pack with a trend: exit 0", rc, 0)
check_pack("partnership", out)

out = os.path.join(root, "ncc")
rc, err = run("report", "sample-data", "--period", "2025-26", "--trend", "2", "--agency", "NCC",
              "--out", out, *env_args)
c.eq("--agency NCC: exit 0", rc, 0)
check_pack("--agency NCC", out, agency="NCC")

out = os.path.join(root, "self")
rc, err = run("report", os.path.join(TINY, "TINY"), "--period", "2025-26-Q3", "--out", out,
              *env_args)
c.eq("self-audit of one folder: exit 0", rc, 0)
check_pack("self-audit", out, expect_trend=False, agency="TINY")
text = pdf_text(os.path.join(out, "board-report.pdf"))
c.true("self-audit: the key messages speak of the agency, not the partnership",
       all("partnership" not in m.lower() for m in pdf_messages(text)), repr(pdf_messages(text)))

c.done()
