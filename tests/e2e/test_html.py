"""The board report as a web page (SPEC 10.1): one report model, three
layouts. Every change and key message is read back from board-report.html,
from the PDF text (pdftotext) and, for the figures, from metrics.csv, and must
be the same strings; every figure of the appendix's table (A3) must be
metrics.csv's. Also: the page is in the manifest and follows --name; it is one
self-contained file (no script, no external resource, a Content-Security-Policy
that forbids requests); its structure (lang, title, one h1, the three
questions as h2 in order, headings never skipping a level, every table with a
caption and header cells with a scope); the partnership page names no staff or
child, an --agency page carries the ids of every follow-up list written; the
same input and run date give the same bytes."""
import csv
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import (Checks, pdf_changes, pdf_messages, pdf_text, read_csv, run,  # noqa: E402
                    tmpdir)
import htmlpage  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "fixtures", "tiny", "data")
c = Checks()
ARGS = ["--as-of", "2026-04-30", "-q"]


def agency_names(data):
    with open(os.path.join(data, "agencies.csv"), newline="", encoding="utf-8") as f:
        return {r["name"] or r["agency_id"]: r["agency_id"] for r in csv.DictReader(f)}


def ids_of(data):
    """Every staff and child id of the extracts of a data folder."""
    ids = set()
    for path in glob.glob(os.path.join(data, "*", "*.csv")):
        with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
            for row in csv.DictReader(f):
                for k, v in row.items():
                    if k and v and (k.endswith("staff_id") or k.endswith("child_id")
                                    or k in ("supervisor_id", "case_holder_id", "auditor_id",
                                             "facilitator_id")):
                        ids.add(v.strip())
    return {i for i in ids if i}


def check_structure(label, path, root, errors):
    raw = open(path, encoding="utf-8").read()
    c.eq(f"{label}: the elements nest properly", errors, [])
    c.true(f"{label}: starts with the doctype and lang en-GB",
           raw.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
    c.true(f"{label}: has a title", (root.first("title") or root).words() != "")
    c.eq(f"{label}: one h1", len(list(root.all("h1"))), 1)
    h2 = [h.words() for h in root.all("h2")]
    questions = [t for t in h2 if t.endswith("?")]
    c.eq(f"{label}: the three questions are h2, in order", questions,
         ["2. How are we doing?", "3. How do we know?", "4. What are we doing to improve?"])
    levels = [int(el.tag[1]) for el in root.all() if re.fullmatch(r"h[1-6]", el.tag)]
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    c.eq(f"{label}: headings never skip a level", skips, [])
    tables = list(root.all("table"))
    c.true(f"{label}: has tables", len(tables) > 10, str(len(tables)))
    c.eq(f"{label}: every table has a caption",
         [t for t in tables if not t.first("caption") or not t.first("caption").words()], [])
    c.eq(f"{label}: every header cell has a scope",
         [th.words() for th in root.all("th") if th.attrs.get("scope") not in
          ("col", "row", "colgroup")], [])
    regions = [d for d in root.all("div", cls="scroll")]
    c.true(f"{label}: every table scrolls in its own focusable, labelled region",
           len(regions) == len(tables) and all(
               d.attrs.get("role") == "region" and d.attrs.get("tabindex") == "0"
               and d.attrs.get("aria-labelledby") for d in regions))
    c.true(f"{label}: no script, no event handler", "<script" not in raw.lower() and not [
        k for el in root.all() for k in el.attrs if k.startswith("on")])
    c.eq(f"{label}: no external resource (src, link, url())",
         re.findall(r"<(?:link|img|iframe|object|embed|script)\b|\bsrc=|url\(|@import", raw), [])
    c.eq(f"{label}: links only within the page",
         [h for h in re.findall(r'href="([^"]*)"', raw) if not h.startswith("#")], [])
    csp = root.first("meta", http_equiv="Content-Security-Policy")
    c.true(f"{label}: its Content-Security-Policy forbids every request",
           csp is not None and csp.attrs["content"].startswith("default-src 'none'"))
    svgs = list(root.all("svg", role="img"))
    c.true(f"{label}: every chart has a title and description",
           svgs and all(s.first("title") and s.first("desc") and s.first("desc").words()
                        for s in svgs))
    c.true(f"{label}: every chart has its table beside it",
           all(f.first("table") and f.first("svg", role="img") for f in root.all("figure")))


def check_model(label, out, root, head, data, expect_trend=True):
    """Key messages, changes and figures: the same in the page, the PDF and metrics.csv."""
    text = pdf_text(os.path.join(out, "board-report.pdf"))
    hm = htmlpage.messages(root)
    c.true(f"{label}: the page has key messages", len(hm) >= 3, repr(hm))
    c.eq(f"{label}: key messages are the same on the page and in the PDF", hm,
         pdf_messages(text))
    hc = htmlpage.changes(root)
    metrics = read_csv(os.path.join(out, "metrics.csv"))
    if not expect_trend:
        c.eq(f"{label}: no change table without a trend", hc, {})
    else:
        pc = pdf_changes(text, list(hc))
        c.eq(f"{label}: the change table lists the same measures as the PDF's", sorted(hc),
             sorted(pc))
        c.eq(f"{label}: every change (then, now, change) is the PDF's", hc, pc)
        periods = sorted({(m["period_start"], m["period_end"]) for m in metrics}, reverse=True)
        titles = {}
        for mid, title in [(m["metric_id"], None) for m in metrics]:
            titles.setdefault(mid, title)
        for measure, (then, now, words) in sorted(hc.items()):
            for k, value in ((0, now.removesuffix(" ‡")), (1, then.removesuffix(" ‡"))):
                rows = [m for m in metrics if (m["period_start"], m["period_end"]) == periods[k]
                        and m["agency_id"] == head and not m["team"] and not m["group"]
                        and m["rag"] in ("green", "amber", "red")]
                if value.endswith("%") and "†" not in value:
                    c.true(f"{label} {measure} {periods[k][0]}: {value} is in metrics.csv",
                           any(m["value"] + "%" == value for m in rows))
    # every figure of A3: the unit's row of metrics.csv for the period, same strings
    names = agency_names(data)
    fig = htmlpage.figures(root)
    c.true(f"{label}: the appendix lists the figures", len(fig) > 20, str(len(fig)))
    p0 = max((m["period_start"], m["period_end"]) for m in metrics)
    by = {}
    for m in metrics:
        if (m["period_start"], m["period_end"]) == p0 and not m["team"] and not m["group"]:
            by[(m["metric_id"], m["agency_id"])] = m
    title_of = {}
    for mid in {m["metric_id"] for m in metrics}:
        title_of[mid] = None
    checked = 0
    for measure, unit, num, den, value, rating in fig:
        value = value.removesuffix(" ‡")  # a figure resting on a thinly filled field
        if ":" in measure:
            continue  # a category row
        if head == "ALL":
            aid = "ALL" if unit == "Partnership" else names.get(unit)
        else:
            aid = head if head in (unit, names.get(unit)) else None
        if aid is None:
            continue  # a team of an agency's own pack
        # an agency's own pack rates its own suppressed figures (metrics.csv keeps
        # them suppressed, with their numbers: it is the same whichever pack is made)
        shown = ("green", "amber", "red") + (("suppressed",) if head != "ALL" else ())
        cands = [m for (mid, a), m in by.items() if a == aid and m["rag"] in shown
                 and m["value"] + "%" == value]
        word = rating.split()[-1] if rating.split() else ""
        if word in ("Green", "Amber", "Red"):
            ok = any(m["numerator"] == num.replace(",", "") and m["denominator"] ==
                     den.replace(",", "") and m["rag"] in (word.lower(), "suppressed")
                     for m in cands)
            c.true(f"{label} A3 {measure} / {unit}: {num} of {den} = {value} {rating} as in "
                   "metrics.csv", ok)
            checked += 1
    c.true(f"{label}: A3 figures checked against metrics.csv", checked > 10, str(checked))


def check_run(label, out, data, head, expect_trend=True):
    path = os.path.join(out, "board-report.html")
    c.true(f"{label}: board-report.html written", os.path.exists(path))
    manifest = open(os.path.join(out, "manifest.csv"), encoding="utf-8").read()
    c.true(f"{label}: board-report.html is in the manifest",
           re.search(r"^board-report\.html,\d+,[0-9a-f]{64}$", manifest, re.M))
    root, errors = htmlpage.parse(path)
    check_structure(label, path, root, errors)
    check_model(label, out, root, head, data, expect_trend)
    return root, open(path, encoding="utf-8").read()


root = tmpdir()
# the partnership pack with a trend
out = os.path.join(root, "pack")
rc, err = run("report", "sample-data", "--period", "2025-26", "--trend", "2", "--out", out, *ARGS)
c.eq("partnership pack: exit 0", rc, 0)
_, page = check_run("partnership", out, "sample-data", "ALL")
ids = ids_of("sample-data")
found = sorted(i for i in ids if re.search(r"(?<![\w-])" + re.escape(i) + r"(?![\w-])", page))
c.eq("partnership page: no staff or child id anywhere", found, [])
c.true("partnership page: no follow-up lists", 'id="followup"' not in page)

# the same input and run date: the same bytes
again = os.path.join(root, "again")
run("report", "sample-data", "--period", "2025-26", "--trend", "2", "--out", again, *ARGS)
c.eq("the same input and run date give the same page",
     open(os.path.join(again, "board-report.html"), "rb").read(), page.encode("utf-8"))

# an agency's own page carries its follow-up lists like its PDF
out = os.path.join(root, "ncc")
rc, err = run("report", "sample-data", "--period", "2025-26", "--trend", "2", "--agency", "NCC",
              "--out", out, *ARGS)
c.eq("--agency NCC: exit 0", rc, 0)
aroot, page = check_run("--agency NCC", out, "sample-data", "NCC")
lists = sorted(glob.glob(os.path.join(out, "exceptions-*.csv")))
c.true("--agency NCC: follow-up lists written", lists)
section = aroot.first("div", cls="followups")
c.true("--agency NCC: the page has What must be done", section is not None)
stext = section.text() if section else ""
for path in lists:
    rows = read_csv(path)
    key = [k for k in rows[0] if k in ("staff_id", "child_id")][0] if rows else None
    missing = sorted({r[key] for r in rows if key and r[key] not in stext})
    c.eq(f"--agency NCC: every id of {os.path.basename(path)} is on the page", missing, [])

# a self-audit of one agency's folder, no trend, and --name
out = os.path.join(root, "self")
rc, err = run("report", os.path.join(TINY, "TINY"), "--period", "2025-26-Q3", "--out", out,
              "--name", "tiny-self", *ARGS)
c.eq("self-audit with --name: exit 0", rc, 0)
c.true("--name applies to the page", os.path.exists(os.path.join(out, "tiny-self.html")))
os.rename(os.path.join(out, "tiny-self.html"), os.path.join(out, "board-report.html"))
os.rename(os.path.join(out, "tiny-self.pdf"), os.path.join(out, "board-report.pdf"))
r, errors = htmlpage.parse(os.path.join(out, "board-report.html"))
check_structure("self-audit", os.path.join(out, "board-report.html"), r, errors)
check_model("self-audit", out, r, "TINY", TINY, expect_trend=False)

c.done()
