"""Hostile text on the web page (SPEC 10.1): what came from agencies.csv,
actions.csv, commentary.csv and --title is shown as text, never as markup —
<script>, &, quotes, </table>, right-to-left and emoji names; a 1 MB paragraph
and a 100 KB title are there in full; 30 agencies with 60-character names are
all rows of the board's grid, each its own row header. The PDF of the same
run is written too (the page never stops the pack)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from e2elib import Checks, run, tmpdir  # noqa: E402
import hostile_page  # noqa: E402
import htmlpage  # noqa: E402

c = Checks()
root = tmpdir()
data = hostile_page.make(root)
title = hostile_page.title()
out = os.path.join(root, "out")
rc, err = run("report", data, "--period", "2025-26-Q3", "--out", out, "--title", title,
              "--as-of", "2026-01-15", "-q")
c.eq("the hostile partnership: exit 0", rc, 0)
path = os.path.join(out, "board-report.html")
raw = open(path, encoding="utf-8").read()
page, errors = htmlpage.parse(path)
c.eq("the page nests properly whatever the names say", errors, [])
c.eq("no script element anywhere", re.findall(r"<script", raw, re.I), [])
c.eq("as many tables close as open", raw.count("</table>"), raw.count("<table"))
c.eq("every <b> and <i> of the page is none of the data's", re.findall(r"<(?:b|i)>", raw), [])
c.true("the commentary <script>alert(1)</script> is shown as text",
       any(p.words() == hostile_page.SCRIPT for p in page.all("p")))
c.true("... escaped in the file", "&lt;script&gt;alert(1)&lt;/script&gt;" in raw)
c.true("the action that closes its table is a cell's text",
       any(td.words() == "</td></tr></table><script>alert(2)</script>" for td in page.all("td")))
c.true("its owner is text, quotes and all",
       any(td.words() == '<i>Head</i> & "Deputy"' for td in page.all("td")))
para = hostile_page.long_paragraph()
c.true("the 1 MB paragraph is on the page in full",
       any(p.words() == para for p in page.all("p")))
h1 = page.first("h1")
c.eq("the 100 KB title is the h1, in full, as text", h1.words() if h1 else None, title)
t = page.first("title")
c.true("... and in the document's title", t is not None and title in t.words())
board = page.first("table", cls="board")
rows = htmlpage.rows(board) if board else []
c.eq("the board's grid has a row per agency and the partnership", len(rows), 31)
heads = [th.words() for th in board.first("tbody").all("th")] if board else []
names = [hostile_page.name_of(i).strip() for i in range(1, 31)]
c.eq("each agency's 60-character name is its row's header, as text", heads[:30], names)
for i, label in ((1, "markup"), (2, "Arabic"), (3, "Hebrew"), (4, "emoji")):
    c.true(f"the {label} name is text on the page", hostile_page.name_of(i).strip() in
           page.words() if hasattr(page, "words") else False)
c.true("names are isolated from the text around them (bdi)",
       all(th.first("bdi") for th in board.first("tbody").all("th")))
c.true("the PDF of the same run is written", os.path.exists(os.path.join(out, "board-report.pdf")))
again = os.path.join(root, "again")
run("report", data, "--period", "2025-26-Q3", "--out", again, "--title", title,
    "--as-of", "2026-01-15", "-q")
c.eq("the same hostile input gives the same page",
     open(os.path.join(again, "board-report.html"), "rb").read(), raw.encode("utf-8"))
c.done()
