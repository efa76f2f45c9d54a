#!/usr/bin/env python3
"""cut-quarters.py — the board's cycle for the demonstration: the sample
partnership's extracts as the agencies would have sent them at the end of each
quarter of a financial year.

Usage: python3 scripts/cut-quarters.py SAMPLE OUT YEAR      (e.g. sample-data output/quarters 2025-26)

For each quarter Q1..Q4 of YEAR it copies SAMPLE to OUT/data-Qn, keeps in every
agency's sessions.csv only the sessions dated on or before the quarter's last
day (a row whose date cannot be read is kept, as the agency sent it) and sets
every agency's extract_date in agencies.csv to that day.

One session is recorded late: a one-to-one held by a police officer in the
middle of Q2 appears first in the Q3 extract (and so in Q4's too), as a
session typed in weeks after it took place. The pack of Q3 or Q4 then finds
that its Q2 figures differ from the ones reported for Q2, and lists them in
restatements.csv and in "How do we know?".

The files keep their encoding, byte-order mark, delimiter and line endings.
Python 3 standard library only."""
import csv
import datetime
import io
import os
import re
import shutil
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
DATE_HEADERS = {"date", "supervision date", "session date", "date of session"}

# The session recorded late: agency, where it lands, and the row (by header name).
LATE_AGENCY = "POL"
LATE_QUARTER_DAY = (2, 45)  # quarter 2, day 45 of it (mid-August)
LATE_FIRST_EXTRACT = 3      # first appears in the Q3 extract


def parse_date(text):
    """A date as the sample writes them, or None (the row is then kept)."""
    s = text.strip().split(" ")[0] if re.match(r"^\d{4}-\d\d-\d\d ", text.strip()) else text.strip()
    for pat, order in ((r"^(\d{4})-(\d{1,2})-(\d{1,2})$", "ymd"),
                       (r"^(\d{1,2})/(\d{1,2})/(\d{4})$", "dmy"),
                       (r"^(\d{1,2})-(\d{1,2})-(\d{4})$", "dmy"),
                       (r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", "dmy")):
        m = re.match(pat, s)
        if m:
            a, b, c = (int(x) for x in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return datetime.date(y, mo, d)
            except ValueError:
                return None
    m = re.match(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{2,4})$", s)
    if m and m.group(2).lower() in MONTHS:
        y = int(m.group(3))
        y = y + 2000 if y < 100 else y
        try:
            return datetime.date(y, MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
    return None


def read_table(path):
    """(rows, how) of a CSV file, how = what is needed to write it back alike."""
    raw = open(path, "rb").read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
        encoding = "cp1252"
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    newline = "\r\n" if "\r\n" in text else "\n"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    return rows, (bom, encoding, delim, newline)


def write_table(path, rows, how):
    bom, encoding, delim, newline = how
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator=newline).writerows(rows)
    data = buf.getvalue().encode(encoding)
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


def norm(h):
    return re.sub(r"[\s_-]+", " ", h.strip().lower())


def quarters(year):
    """(start, end) of the four financial quarters of YEAR ("2025-26")."""
    y = int(year[:4])
    starts = [datetime.date(y, 4, 1), datetime.date(y, 7, 1), datetime.date(y, 10, 1),
              datetime.date(y + 1, 1, 1)]
    ends = [datetime.date(y, 6, 30), datetime.date(y, 9, 30), datetime.date(y, 12, 31),
            datetime.date(y + 1, 3, 31)]
    return list(zip(starts, ends))


def cut_sessions(path, end):
    rows, how = read_table(path)
    head = [norm(h) for h in rows[0]]
    col = next((i for i, h in enumerate(head) if h in DATE_HEADERS), None)
    if col is None:
        raise SystemExit(f"{path}: no date column")
    kept = [rows[0]]
    for r in rows[1:]:
        d = parse_date(r[col]) if col < len(r) else None
        if d is None or d <= end:
            kept.append(r)
    write_table(path, kept, how)
    return len(rows) - len(kept)


def late_session(path, staff_path, when):
    """Adds the late-recorded one-to-one to an agency's sessions.csv."""
    staff, _ = read_table(staff_path)
    sh = [norm(h) for h in staff[0]]
    # someone in scope: works with children (frequent_contact yes or blank), still in post
    fc, end = sh.index("frequent contact"), sh.index("end date")
    sid = next(r[sh.index("staff id")] for r in staff[1:]
               if r[fc].strip().lower() in ("", "y", "yes", "true", "1") and not r[end].strip())
    rows, how = read_table(path)
    head = [norm(h) for h in rows[0]]
    values = {"staff id": sid, "date": when.isoformat(), "type": "one_to_one",
              "status": "held", "duration minutes": "60",
              "notes recorded date": (when + datetime.timedelta(days=70)).isoformat(),
              "notes shared": "TRUE", "functions": "management; support"}
    rows.append([values.get(h, "") for h in head])
    write_table(path, rows, how)
    return sid


def main():
    if len(sys.argv) != 4 or not re.match(r"^\d{4}-\d\d$", sys.argv[3]):
        raise SystemExit(__doc__.split("\n\n")[1])
    sample, out, year = sys.argv[1:]
    qs = quarters(year)
    late = qs[LATE_QUARTER_DAY[0] - 1][0] + datetime.timedelta(days=LATE_QUARTER_DAY[1])
    for n, (_, end) in enumerate(qs, 1):
        dest = os.path.join(out, f"data-Q{n}")
        if os.path.exists(dest):
            shutil.rmtree(dest)
        shutil.copytree(sample, dest, ignore=shutil.ignore_patterns("*.py", "*.md"))
        agencies, how = read_table(os.path.join(dest, "agencies.csv"))
        head = [norm(h) for h in agencies[0]]
        ext = head.index("extract date")
        for r in agencies[1:]:
            r[ext] = end.isoformat()
        write_table(os.path.join(dest, "agencies.csv"), agencies, how)
        dropped = 0
        for a in sorted(os.listdir(dest)):
            p = os.path.join(dest, a, "sessions.csv")
            if os.path.isfile(p):
                dropped += cut_sessions(p, end)
        note = ""
        if n >= LATE_FIRST_EXTRACT:
            sid = late_session(os.path.join(dest, LATE_AGENCY, "sessions.csv"),
                               os.path.join(dest, LATE_AGENCY, "staff.csv"), late)
            note = f"; {LATE_AGENCY} {sid}: a one-to-one of {late.isoformat()} recorded late"
        print(f"{dest}: extracts as at {end.isoformat()}, {dropped} later sessions left out{note}")


if __name__ == "__main__":
    main()
