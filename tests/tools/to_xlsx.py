#!/usr/bin/env python3
"""to_xlsx.py — writes CSV extracts as Excel workbooks (openpyxl), the way an
agency that keeps its supervision logs in Excel would send them: dates as real
date cells, whole numbers as numbers, TRUE/FALSE as booleans, everything else
as text. Each CSV record is put on the sheet row of the line it starts on, so
the sheet's row numbers are the CSV's line numbers (a record with a quoted
line break leaves the rows of its other lines blank).

    to_xlsx.py CSV [CSV ...] --out BOOK.xlsx [--sheet NAME ...]

writes one sheet per CSV (named --sheet in order, else after the file) into
BOOK.xlsx. Importable: csv_to_sheet, write_book."""
import argparse
import csv
import datetime
import os
import re

from openpyxl import Workbook

DATE_FORMS = [
    ("%Y-%m-%d %H:%M:%S", True),
    ("%Y-%m-%d %H:%M", True),
    ("%d/%m/%Y %H:%M", True),
    ("%Y-%m-%d", False),
    ("%d/%m/%Y", False),
    ("%d-%m-%Y", False),
    ("%d.%m.%Y", False),
    ("%d %b %Y", False),
    ("%d %B %Y", False),
    ("%d-%b-%Y", False),
]
WHOLE = re.compile(r"-?(0|[1-9][0-9]{0,8})")


def read_records(path):
    """(line, fields) of every record of a CSV file, read as oversight reads it:
    UTF-8 (BOM or not) else Windows-1252, delimiter from the header line."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    counts = {d: first.count(d) for d in ",;\t|"}
    delim = max(",;\t|", key=lambda d: (counts[d], d == ","))
    if counts[delim] == 0:
        delim = ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delim)
    out = []
    prev = 0
    for rec in reader:
        start = prev + 1
        prev = reader.line_num
        if rec and any(f.strip(" \t") for f in rec):
            out.append((start, rec))
    return out


def cell_value(text, header):
    """The typed value a spreadsheet would hold for a CSV field."""
    if header:
        return text
    t = text.strip()
    if WHOLE.fullmatch(t) and not (len(t) > 1 and t.startswith("0")):
        return int(t)
    if t in ("TRUE", "FALSE"):
        return t == "TRUE"
    for form, has_time in DATE_FORMS:
        try:
            dt = datetime.datetime.strptime(t, form)
        except ValueError:
            continue
        if dt.year < 1900:
            break
        return dt if has_time else dt.date()
    return text


def csv_to_sheet(ws, path):
    """Fills worksheet ws from the CSV file at path."""
    for n, (line, rec) in enumerate(read_records(path)):
        for col, text in enumerate(rec, start=1):
            if text == "":
                continue
            value = cell_value(text, n == 0)
            cell = ws.cell(row=line, column=col)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "dd/mm/yyyy"


def write_book(out, sheets, extra_first=None):
    """Writes out from [(sheet name, csv path)]; extra_first names a sheet of
    notes put before them (not data)."""
    wb = Workbook()
    wb.remove(wb.active)
    if extra_first:
        ws = wb.create_sheet(extra_first)
        ws["A1"] = "Notes for the board office"
    for name, path in sheets:
        csv_to_sheet(wb.create_sheet(name), path)
    wb.save(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sheet", action="append", default=[])
    a = ap.parse_args()
    names = a.sheet + [os.path.splitext(os.path.basename(p))[0] for p in a.csv[len(a.sheet):]]
    write_book(a.out, list(zip(names, a.csv)))


if __name__ == "__main__":
    main()
