#!/usr/bin/env python3
"""workbook.py — one agency's extract as CSV, for timing the workbook reader
against the CSV reader on the same rows (tests/bench/run.sh turns it into
workbooks with build/tools/csv2xlsx):

    workbook.py DIR ROWS

writes DIR/staff.csv and DIR/sessions.csv: ROWS sessions over ROWS/40 staff,
dates as YYYY-MM-DD, deterministic. Every row is valid."""
import csv
import datetime
import os
import random
import sys


def main():
    out, rows = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(2026)
    nstaff = max(20, rows // 40)
    start = datetime.date(2024, 4, 1)
    staff = [["staff_id", "team", "role", "supervisor_id", "start_date", "frequent_contact",
              "agreement_date"]]
    for i in range(nstaff):
        sup = "" if i < 10 else f"B{rnd.randrange(10):06d}"
        staff.append([f"B{i:06d}", f"Team {i // 25:04d}", "Practitioner", sup,
                      start - datetime.timedelta(days=rnd.randrange(3000)), "Y",
                      start + datetime.timedelta(days=rnd.randrange(300))])
    types = ["one_to_one", "one_to_one", "one_to_one", "ad_hoc", "group", "peer"]
    functions = ["management; support", "development", "management; development; support",
                 "support"]
    sessions = [["staff_id", "supervisor_id", "date", "type", "status", "duration_minutes",
                 "notes_recorded_date", "notes_shared", "functions"]]
    for _ in range(rows):
        s = rnd.randrange(nstaff)
        d = start + datetime.timedelta(days=rnd.randrange(730))
        held = rnd.randrange(10) < 9
        sessions.append([f"B{s:06d}", f"B{s % 10:06d}", d, rnd.choice(types),
                         "held" if held else "cancelled",
                         30 + 15 * rnd.randrange(6) if held else "",
                         d + datetime.timedelta(days=rnd.randrange(12)) if held else "",
                         rnd.choice(["Y", "N"]), rnd.choice(functions) if held else ""])
    os.makedirs(out, exist_ok=True)
    for name, table in (("staff", staff), ("sessions", sessions)):
        with open(os.path.join(out, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            for r in table:
                w.writerow([v.isoformat() if isinstance(v, datetime.date) else v for v in r])


if __name__ == "__main__":
    main()
