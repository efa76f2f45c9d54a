"""Helpers shared by the end-to-end tests: run the binary, read CSV outputs,
and count checks so every test prints what it verified."""
import csv
import os
import subprocess
import sys
import tempfile

OVERSIGHT = os.environ.get("OVERSIGHT", "./oversight")
# The reference fixtures live in tests/fixtures, next to this folder.
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
TINY = os.path.join(FIXTURES, "tiny")


class Checks:
    """Collects named checks; exit status non-zero when any failed."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def eq(self, name, got, want):
        if got == want:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}\n     got:  {got!r}\n     want: {want!r}")

    def true(self, name, cond, detail=""):
        self.eq(name + (f" ({detail})" if detail else ""), bool(cond), True)

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)


def run(*args, check_rc=None):
    """Runs the binary; returns (rc, stderr)."""
    p = subprocess.run([OVERSIGHT, *args], capture_output=True, text=True)
    if check_rc is not None and p.returncode != check_rc:
        raise SystemExit(f"{args}: exit {p.returncode}, wanted {check_rc}\n{p.stderr}")
    return p.returncode, p.stderr


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tmpdir():
    return tempfile.mkdtemp(prefix="ov-e2e-")


def write(path, text, encoding="utf-8"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode(encoding) if isinstance(text, str) else text)
