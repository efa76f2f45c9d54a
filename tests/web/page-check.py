#!/usr/bin/env python3
"""page-check.py — what tests/web/page.js saw of one run of the page, checked:
the run ends, no network request, no browser storage, no axe-core violation
before or after the run, no console error, the validation summary and the HTML
report shown, the focus on the results, a download for each output, each
byte-identical to node's output, and the zip of them all holding each.
Prints one line per check; exits 1 when any failed.

Usage: python3 tests/web/page-check.py NAME CONTROL PAGE.json DOWNLOADS NODE_OUT"""
import filecmp
import json
import os
import sys
import zipfile


def main():
    name, control, result, dl, node = sys.argv[1:6]
    with open(result) as f:
        res = json.load(f)
    bad = 0

    def say(ok, what):
        nonlocal bad
        bad += not ok
        print(("ok   " if ok else "FAIL ") + f"{name}: {what}")

    if res.get("failure"):
        say(False, res["failure"])
    say(res.get("status", "").startswith("Done"),
        f"the run ends: {res.get('status')!r} in {res.get('seconds')} s {res.get('error', '')}")
    say(res.get("chosen", "").startswith("Chosen:"), f"the {control} control: {res.get('chosen')!r}")
    say(res.get("requests") == [], f"no network request ({res.get('requests')})")
    say(all(v in (0, "unavailable") for v in (res.get("storage") or {"": 1}).values()),
        f"no browser storage ({res.get('storage')})")
    say(res.get("axe_before") == [], f"axe-core before the run: no violation {res.get('axe_before')}")
    say(res.get("axe_after") == [], f"axe-core after the run: no violation {res.get('axe_after')}")
    say(res.get("console_errors") == [], f"no console error {res.get('console_errors')}")
    say(res.get("summary_rows", 0) > 0, f"validation summary: {res.get('summary_rows')} files")
    status = dict(map(tuple, res.get("summary_status", [])))
    if "NHT/cases.csv" in status:  # sample-data: NHT sends no cases.csv (optional)
        say(status["NHT/cases.csv"] == "not sent",
            f"validation summary: an optional file not sent reads 'not sent' ({status['NHT/cases.csv']!r})")
    say(res.get("focus") == "results-h", "focus moves to the results")
    outs = sorted(n for n in os.listdir(node) if not n.startswith("."))
    if any(n.endswith(".html") for n in outs):
        say(bool(res.get("report_shown") and res.get("report_h1")),
            f"the HTML report shown in the page: {res.get('report_h1')!r}")
    else:
        say(not res.get("report_shown"), "no HTML report written, none shown")
    files = res.get("files", [])
    say(sorted(f for f in files if f != "oversight-outputs.zip") == outs,
        f"a download for each output ({len(outs)})")
    say(res.get("downloaded") == len(files),
        f"every download completes ({res.get('downloaded')} of {len(files)})")
    same = [n for n in outs if os.path.exists(os.path.join(dl, n))
            and filecmp.cmp(os.path.join(dl, n), os.path.join(node, n), shallow=False)]
    say(same == outs, f"downloads byte-identical to node's outputs ({len(same)} of {len(outs)}:"
        f" {sorted(set(outs) - set(same))} differ)")
    try:
        with zipfile.ZipFile(os.path.join(dl, "oversight-outputs.zip")) as z:
            names = sorted(z.namelist())
            zsame = [n for n in names if n in outs
                     and z.read(n) == open(os.path.join(node, n), "rb").read()]
        say(names == outs and zsame == outs,
            f"the zip of all outputs holds each, identical ({len(zsame)} of {len(outs)})")
    except (OSError, zipfile.BadZipFile) as e:
        say(False, f"the zip of all outputs: {e}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
