#!/usr/bin/env python3
"""compare.py — one run of the browser edition against the native build's:
the CSV outputs and the HTML report byte for byte, the PDF's text (pdftotext)
and the workbook's cell values (openpyxl) the same, and the same set of files.
Prints one line per file; exits 1 when any differs.

Usage: python3 tests/web/compare.py NAME NATIVE_DIR WEB_DIR"""
import filecmp
import os
import subprocess
import sys

import openpyxl


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          check=True).stdout


def cells(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    return [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)])
            for ws in wb.worksheets]


def listing(d):
    return sorted(n for n in os.listdir(d) if not n.startswith(".")) if os.path.isdir(d) else []


def main():
    name, native, web = sys.argv[1:4]
    bad = 0

    def say(ok, what):
        nonlocal bad
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {what}")

    a, b = listing(native), listing(web)
    say(a == b, f"the same outputs ({', '.join(a) or 'none'})" if a == b
        else f"outputs differ: native {a}, web {b}")
    for n in sorted(set(a) & set(b)):
        pa, pb = os.path.join(native, n), os.path.join(web, n)
        if n.endswith((".csv", ".html")):
            say(filecmp.cmp(pa, pb, shallow=False), f"{n} byte-identical")
        elif n.endswith(".pdf"):
            say(pdf_text(pa) == pdf_text(pb), f"{n}: the same text")
        elif n.endswith(".xlsx"):
            say(cells(pa) == cells(pb), f"{n}: the same cell values")
        else:
            say(filecmp.cmp(pa, pb, shallow=False), f"{n} byte-identical")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
