#!/usr/bin/env python3
"""hostile.py — data folders as a hostile tester sends them, each made from the
reference fixture tests/fixtures/tiny, for the browser edition to read as the
native build does (tests/web/run.sh):
  links      a symlink out of the folder, one inside it, a dangling one, a
             folder named staff.csv, a symlink to /dev/zero;
  encodings  UTF-16 LE and BE with their byte-order marks, Windows-1252, a
             byte-order mark and CRLF line ends on UTF-8;
  rows       a NUL byte, too many fields, a row cut short, a 2 MiB field, an
             unterminated quote, a team name over 200 characters, text that a
             spreadsheet would run as a formula;
  workbook   an agency's staff and sessions as one Excel workbook.

Usage: python3 tests/web/hostile.py OUT_DIR CSV2XLSX"""
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.normpath(os.path.join(HERE, "..", "fixtures", "tiny", "data"))


def fresh(root, name):
    data = os.path.join(root, name)
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(TINY, data, symlinks=True)
    return data


def text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def put(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    root, csv2xlsx = sys.argv[1], sys.argv[2]
    os.makedirs(root, exist_ok=True)

    d = fresh(root, "links")
    secret = os.path.join(root, "secret.csv")
    put(secret, b"SECRET-FIRST-LINE,root,x\n")
    os.replace(os.path.join(d, "TINY", "cases.csv"), os.path.join(d, "TINY", "cases-old.csv"))
    os.symlink(secret, os.path.join(d, "TINY", "cases.csv"))
    os.rename(os.path.join(d, "TINY", "assessments.csv"), os.path.join(d, "TINY", "assessments-real.csv"))
    os.symlink("assessments-real.csv", os.path.join(d, "TINY", "assessments.csv"))
    os.unlink(os.path.join(d, "TINY", "group_sessions.csv"))
    os.symlink("nowhere.csv", os.path.join(d, "TINY", "group_sessions.csv"))
    os.unlink(os.path.join(d, "TWO", "staff.csv"))
    os.mkdir(os.path.join(d, "TWO", "staff.csv"))
    os.unlink(os.path.join(d, "TWO", "sessions.csv"))
    os.symlink("/dev/zero", os.path.join(d, "TWO", "sessions.csv"))

    d = fresh(root, "encodings")
    s = text(os.path.join(d, "TINY", "sessions.csv"))
    put(os.path.join(d, "TINY", "sessions.csv"), b"\xff\xfe" + s.encode("utf-16-le"))
    s = text(os.path.join(d, "TWO", "sessions.csv"))
    put(os.path.join(d, "TWO", "sessions.csv"), b"\xfe\xff" + s.encode("utf-16-be"))
    s = text(os.path.join(d, "TINY", "staff.csv"))
    put(os.path.join(d, "TINY", "staff.csv"), s.replace("\n", "\r\n").encode("cp1252", "replace"))
    s = text(os.path.join(d, "TWO", "staff.csv"))
    put(os.path.join(d, "TWO", "staff.csv"), b"\xef\xbb\xbf" + s.replace("\n", "\r\n").encode())

    d = fresh(root, "rows")
    p = os.path.join(d, "TINY", "sessions.csv")
    lines = text(p).splitlines()
    width = lines[0].count(",")
    first = lines[1].split(",")
    nul = ",".join(first[:1] + ["A\x00B"] + first[2:])
    extra = lines[1] + ",extra,fields"
    short = ",".join(first[: max(1, width // 2)])
    huge = ",".join(first[:-1] + ['"' + "x" * (2 << 20) + '"'])
    formula = ",".join(first[:-1] + ['"=HYPERLINK(""http://example.invalid"",""x"")"'])
    body = "\n".join(lines + [nul, extra, short, huge, formula, '"unterminated,' + lines[2]]) + "\n"
    put(p, body.encode())
    p = os.path.join(d, "TWO", "staff.csv")
    lines = text(p).splitlines()
    head = lines[0].split(",")
    if "team" in head:
        k = head.index("team")
        row = lines[1].split(",")
        row[k] = "T" * 250
        lines[1] = ",".join(row)
    put(p, ("\n".join(lines) + "\n").encode())

    d = fresh(root, "workbook")
    a = os.path.join(d, "TINY")
    subprocess.run([csv2xlsx, os.path.join(a, "extract.xlsx"),
                    "staff=" + os.path.join(a, "staff.csv"),
                    "sessions=" + os.path.join(a, "sessions.csv")], check=True)
    os.unlink(os.path.join(a, "staff.csv"))
    os.unlink(os.path.join(a, "sessions.csv"))


if __name__ == "__main__":
    main()
